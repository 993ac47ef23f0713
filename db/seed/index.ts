import { ContentError, readContent } from '@/lib/content';
import { openWritableDatabase } from '../client';
import { applyMigrations } from '../migrate';
import { writeContent, type WriteResult } from './write';

export type SeedResult = WriteResult & { seconds: number; articlesPerSecond: number; file: string };

/**
 * Parse and validate the whole folder first; only if nothing is wrong, migrate
 * and write it all in one transaction. On invalid content it throws a
 * ContentError listing every problem and the database file is not even opened,
 * so it stays exactly as it was (or absent).
 */
export function seedDatabase(options: { dir: string; databaseFile?: string }): SeedResult {
  const started = performance.now();
  const content = readContent(options.dir);
  if (content.problems.length > 0) throw new ContentError(content.problems);

  const { sqlite, db, file } = openWritableDatabase(options.databaseFile);
  try {
    applyMigrations(db);
    const result = writeContent(db, content);
    const seconds = (performance.now() - started) / 1000;
    return { ...result, seconds, articlesPerSecond: content.articles.length / seconds, file };
  } finally {
    sqlite.close();
  }
}

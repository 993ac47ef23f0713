import fs from 'node:fs';
import { ContentError, readContent } from '@/lib/content';
import { databasePath, openWritableDatabase } from '../client';
import { schemaProblem } from '../health';
import { applyMigrations } from '../migrate';
import { writeContent, type WriteHooks, type WriteResult } from './write';

export type SeedResult = WriteResult & { seconds: number; articlesPerSecond: number; file: string };

/**
 * Parse and validate the whole folder first; only if nothing is wrong, migrate
 * and write it all in one transaction. On invalid content it throws a
 * ContentError listing every problem and the database file is not even opened,
 * so it stays exactly as it was (or absent).
 */
export function seedDatabase(options: { dir: string; databaseFile?: string; onValidated?: (articles: number, seconds: number) => void } & WriteHooks): SeedResult {
  const started = performance.now();
  const content = readContent(options.dir);
  if (content.problems.length > 0) throw new ContentError(content.problems);
  options.onValidated?.(content.articles.length, (performance.now() - started) / 1000);

  assertWritable(options.databaseFile ?? databasePath());
  const { sqlite, db, file } = openWritableDatabase(options.databaseFile);
  try {
    applyMigrations(db);
    // A database from a newer version of the site must not be written by this one.
    const problem = schemaProblem(sqlite, file);
    if (problem) throw new Error(problem);
    const result = writeContent(db, content, { onProgress: options.onProgress, beforeCommit: options.beforeCommit });
    const seconds = (performance.now() - started) / 1000;
    return { ...result, seconds, articlesPerSecond: content.articles.length / seconds, file };
  } finally {
    sqlite.close();
  }
}

/**
 * Refuse, before opening it, a database file marked read-only: an operator
 * who set it so means it (a root user could otherwise write it anyway).
 */
function assertWritable(file: string): void {
  if (!fs.existsSync(file)) return;
  const mode = fs.statSync(file).mode;
  if ((mode & 0o222) === 0) {
    throw new Error(`database ${file} is read-only (mode ${(mode & 0o777).toString(8)}): the seed cannot write it; make it writable (chmod u+w) or set DATABASE_PATH`);
  }
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw new Error(`database ${file} is not writable by this user: the seed cannot write it`);
  }
}

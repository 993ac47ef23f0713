import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { ContentError } from '@/lib/content';
import { sortProblems } from '@/lib/content/problems';
import { databasePath, openWritableDatabase } from '../client';
import { schemaProblem } from '../health';
import { applyMigrations } from '../migrate';
import { inspectImages, makeCopies, withImageHashes } from './images';
import { manifestRows, movedStats, readChangedContent } from './manifest';
import { writeContent, type WriteHooks, type WriteResult } from './write';

export type SeedResult = WriteResult & {
  seconds: number;
  articlesPerSecond: number;
  file: string;
  /** Content files in the folder, and how many of them were parsed (the others' bytes were as the last seed loaded them). */
  files: { total: number; parsed: number };
};

export type SeedOptions = {
  dir: string;
  databaseFile?: string;
  /** Parse every file, ignoring what the last seed loaded (`npm run db:seed -- --full`). */
  full?: boolean;
  onValidated?: (articles: number, seconds: number) => void;
} & WriteHooks;

/**
 * Read and validate the whole folder (photos included) first, parsing only the files whose bytes (or photos)
 * changed since the last seed (db/seed/manifest.ts) and checking the rules across the folder for every file;
 * only if nothing is wrong, migrate, resize new photos and write the changes in one transaction. On invalid
 * content it throws a ContentError listing every problem and the database is only read (for what the last seed
 * loaded), so it stays exactly as it was (or absent).
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const databaseFile = options.databaseFile ?? databasePath();
  const { manifest, content } = await readChangedContent(options.dir, databaseFile, options.full);
  // Photos are checked with the rest, so an editor sees every problem in one run.
  const { images, problems: imageProblems } = await inspectImages(options.dir, content.articles);
  const problems = sortProblems([...content.problems, ...imageProblems]);
  if (problems.length > 0) throw new ContentError(problems);
  const articles = content.articles.map((article) => withImageHashes(article, images));
  const articleCount = articles.length + content.unchangedArticles.length;
  options.onValidated?.(articleCount, (performance.now() - started) / 1000);

  assertWritable(databaseFile);
  const { sqlite, db, file } = openWritableDatabase(databaseFile);
  try {
    applyMigrations(db);
    // A database from a newer version of the site must not be written by this one.
    const problem = schemaProblem(sqlite, file);
    if (problem) throw new Error(problem);
    // Resized copies are made before the transaction (sharp is asynchronous; the write must not be).
    const stored = new Map<string, Set<string>>();
    for (const row of db.all<{ hash: string; variant: string }>(sql`SELECT hash, variant FROM media`)) {
      const variants = stored.get(row.hash) ?? new Set<string>();
      stored.set(row.hash, variants.add(row.variant));
    }
    const media = await makeCopies(images.values(), stored);
    const result = writeContent(
      db,
      {
        authors: content.authors,
        articles,
        images,
        media,
        unparsed: {
          articles: new Set(content.unchangedArticles.map((facts) => facts.slug)),
          authors: new Set(content.unchangedAuthors.map((facts) => facts.slug)),
          seedId: manifest.seedId,
        },
        manifest: {
          rows: manifestRows({ authors: content.authors, articles, images }, content),
          present: new Set(content.fileHashes.keys()),
          moved: movedStats(manifest, content, new Set([...content.authors, ...articles].map((record) => record.sourceFile))),
        },
      },
      { onProgress: options.onProgress, beforeCommit: options.beforeCommit },
    );
    const seconds = (performance.now() - started) / 1000;
    const files = { total: content.fileHashes.size, parsed: content.articles.length + content.authors.length };
    return { ...result, seconds, articlesPerSecond: articleCount / seconds, file, files };
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
  const stat = fs.statSync(file);
  if (stat.isDirectory()) throw new Error(`database ${file} is a folder, not a database file: set DATABASE_PATH to a file in it or move the folder away`);
  const mode = stat.mode;
  if ((mode & 0o222) === 0) {
    throw new Error(`database ${file} is read-only (mode ${(mode & 0o777).toString(8)}): the seed cannot write it; make it writable (chmod u+w) or set DATABASE_PATH`);
  }
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch {
    throw new Error(`database ${file} is not writable by this user: the seed cannot write it`);
  }
}

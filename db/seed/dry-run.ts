import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { ContentError } from '@/lib/content';
import { sortProblems } from '@/lib/content/problems';
import { openReadOnlyDatabase } from '../client';
import { inspectImages, withImageHashes } from './images';
import { readChangedContent } from './manifest';

/** What a seed would do to one kind of record, file by file. */
export type PlanPart = { added: string[]; updated: string[]; removed: string[]; unchanged: number };

export type SeedPlan = { file: string; databaseExists: boolean; articles: PlanPart; authors: PlanPart };

/**
 * `npm run db:seed -- --dry-run`: everything a seed checks (the whole folder, photos included, every problem at
 * once), then what it would add, update and remove, compared by content hash with what the database holds, the
 * same way the seed decides. The database is opened read-only (or not at all when it does not exist): nothing is
 * written, migrated or resized.
 */
export async function planSeed(options: { dir: string; databaseFile: string; full?: boolean }): Promise<SeedPlan> {
  // The files the seed would parse, by the same rule (db/seed/manifest.ts): the others are unchanged.
  const { content } = await readChangedContent(options.dir, options.databaseFile, options.full);
  const { images, problems: imageProblems } = await inspectImages(options.dir, content.articles);
  const problems = sortProblems([...content.problems, ...imageProblems]);
  if (problems.length > 0) throw new ContentError(problems);
  const articles = content.articles.map((article) => withImageHashes(article, images));

  type Row = { slug: string; hash: string; file: string };
  let articleRows: Row[] = [];
  let authorRows: Row[] = [];
  const databaseExists = fs.existsSync(options.databaseFile);
  if (databaseExists) {
    const { sqlite, db } = openReadOnlyDatabase(options.databaseFile);
    try {
      const tables = new Set(db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'table'`).map((row) => row.name));
      if (tables.has('articles')) articleRows = db.all<Row>(sql`SELECT slug, content_hash AS hash, source_file AS file FROM articles`);
      if (tables.has('authors')) authorRows = db.all<Row>(sql`SELECT slug, content_hash AS hash, 'authors/' || slug || '.md' AS file FROM authors`);
    } finally {
      sqlite.close();
    }
  }
  return {
    file: options.databaseFile,
    databaseExists,
    articles: compare(articles, content.unchangedArticles, articleRows),
    authors: compare(content.authors, content.unchangedAuthors, authorRows),
  };
}

function compare(
  records: { slug: string; contentHash: string; sourceFile: string }[],
  unparsed: { slug: string }[],
  rows: { slug: string; hash: string; file: string }[],
): PlanPart {
  const stored = new Map(rows.map((row) => [row.slug, row]));
  const wanted = new Set([...records, ...unparsed].map((record) => record.slug));
  const part: PlanPart = { added: [], updated: [], removed: [], unchanged: unparsed.length };
  for (const record of records) {
    const row = stored.get(record.slug);
    if (!row) part.added.push(record.sourceFile);
    else if (row.hash !== record.contentHash) part.updated.push(record.sourceFile);
    else part.unchanged++;
  }
  part.removed = rows.filter((row) => !wanted.has(row.slug)).map((row) => row.file);
  for (const list of [part.added, part.updated, part.removed]) list.sort();
  return part;
}

/** The plan as an editor reads it: counts, then each file that would change. */
export function formatPlan(plan: SeedPlan, dir: string): string[] {
  const lines = [`Dry run: nothing written. A seed of ${dir}/ into ${plan.file}${plan.databaseExists ? '' : ' (which does not exist yet)'} would change:`];
  for (const [name, part] of [['articles', plan.articles], ['authors', plan.authors]] as const) {
    lines.push(`  ${`${name}:`.padEnd(9)} ${part.added.length} added, ${part.updated.length} updated, ${part.removed.length} removed, ${part.unchanged} unchanged`);
    for (const [verb, files] of [['add', part.added], ['update', part.updated], ['remove', part.removed]] as const) {
      for (const file of files) lines.push(`    ${verb.padEnd(6)} ${file}`);
    }
  }
  return lines;
}

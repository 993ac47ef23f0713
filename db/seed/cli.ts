import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContentError, formatProblem } from '@/lib/content';
import { loadEnvFile } from '@/lib/settings';
import { databasePath } from '../client';
import { formatPlan, planSeed } from './dry-run';
import { seedDatabase } from './index';
import { purgeCachesAfterSeed, purgeUrlsFromEnvironment } from './purge';

/**
 * `npm run db:seed [-- --dir <folder>] [--dry-run] [--full]`: load a content folder into DATABASE_PATH, parsing only
 * the files that changed since the last seed (`--full` parses every file). Every server reading that file follows
 * the seeds table, so nothing needs to be told where they are.
 */
async function main(): Promise<number> {
  loadEnvFile();
  const { values } = parseArgs({
    options: { dir: { type: 'string', default: 'content' }, 'dry-run': { type: 'boolean', default: false }, full: { type: 'boolean', default: false } },
  });
  const dir = values.dir;
  const full = values.full;
  const file = databasePath();
  if (values['dry-run']) return dryRun(dir, file, full);
  let purgeUrls: string[];
  try {
    purgeUrls = purgeUrlsFromEnvironment();
  } catch (error) {
    console.error(`Seed not started: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  try {
    const result = await seedDatabase({
      dir,
      databaseFile: file,
      full,
      onValidated: (count, seconds) => console.log(`Validated ${count} articles in ${seconds.toFixed(2)} s; writing…`),
      onProgress: progressPrinter(),
      beforeCommit: () => console.log('committing…'),
    });
    const { articles, authors, files } = result;
    const shown = path.relative(process.cwd(), file);
    console.log(`Seeded ${shown.startsWith('..') ? file : shown} from ${dir}/`);
    console.log(`  articles: ${articles.added} added, ${articles.updated} updated, ${articles.removed} removed, ${articles.unchanged} unchanged`);
    console.log(`  authors:  ${authors.added} added, ${authors.updated} updated, ${authors.removed} removed, ${authors.unchanged} unchanged`);
    const parsed =
      files.parsed === files.total
        ? 'every file parsed'
        : files.parsed === 0
          ? 'none changed since the last seed'
          : `${files.parsed} changed since the last seed and parsed, the rest as that seed loaded them`;
    console.log(`  ${files.total} files read (${parsed})`);
    const total = articles.added + articles.updated + articles.unchanged;
    console.log(`  ${total} articles in ${result.seconds.toFixed(2)} s (${Math.round(result.articlesPerSecond)} articles/s)`);
    const keys = result.expiredKeys;
    console.log(
      keys === 'all'
        ? '  expired every cached page (too many changes to name): servers render each page again on its next request'
        : `  expired ${keys.length} cache key${keys.length === 1 ? '' : 's'}: every server on this database shows the change on its next request`,
    );
    for (const outcome of await purgeCachesAfterSeed(purgeUrls, keys)) {
      if (outcome.ok) console.log(`  purged ${outcome.url}: ${outcome.objects} cached object${outcome.objects === 1 ? '' : 's'} dropped`);
      else console.warn(`  warning: could not purge ${outcome.url} (${outcome.problem}); it serves the old pages until they expire. The database is written.`);
    }
    return 0;
  } catch (error) {
    if (error instanceof ContentError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      console.error(`\nNothing was written: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${dir}/. Fix them and run the seed again.`);
      return 1;
    }
    const code = (error as { code?: string }).code;
    const reason = code === 'SQLITE_NOTADB' ? `${file} is not an SQLite database: restore a backup or move it away` : error instanceof Error ? error.message : String(error);
    console.error(`Seed failed, nothing was written: ${reason}`);
    return 2;
  }
}

/** `--dry-run`: the seed's checks and what it would change, writing nothing (db/seed/dry-run.ts). */
async function dryRun(dir: string, file: string, full: boolean): Promise<number> {
  try {
    const plan = await planSeed({ dir, databaseFile: file, full });
    for (const line of formatPlan(plan, dir)) console.log(line);
    return 0;
  } catch (error) {
    if (error instanceof ContentError) {
      for (const problem of error.problems) console.error(formatProblem(problem));
      console.error(`\nA seed would refuse this folder: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'} in ${dir}/. Nothing was written.`);
      return 1;
    }
    console.error(`Dry run failed, nothing was written: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

/**
 * Prints `  writing: 10% (600/6000)` at each 10% step of a large write (1,000 articles or more to write;
 * `total` counts each twice), so an editor seeding 100,000 articles sees it move. */
function progressPrinter(): (done: number, total: number) => void {
  let printedTenths = 0;
  return (done, total) => {
    const tenths = Math.floor((done * 10) / total);
    if (total / 2 < 1000 || tenths <= printedTenths) return;
    printedTenths = tenths;
    console.log(`  writing: ${Math.floor((done * 100) / total)}% (${done}/${total})`);
  };
}

main().then((code) => {
  process.exitCode = code;
});

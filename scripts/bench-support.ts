import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { databaseProblem } from '@/db/health';

export const root = path.resolve(__dirname, '..');

/** The value at percentile `p` of ascending `sorted` times (NaN when there are none). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/**
 * A seeded database of a generated corpus, kept in bench/.cache/ and reused by
 * later runs: `count` articles with `links` "Read more" entries each on average.
 * `name` keeps databases of different benches apart.
 */
export function cachedCorpusDatabase(options: { count: number; links: number; name: string }): string {
  const cache = path.join(root, 'bench', '.cache');
  const corpus = path.join(cache, `corpus-${options.count}-l${options.links}`);
  const databaseFile = path.join(cache, `${options.name}-${options.count}-l${options.links}.db`);
  fs.mkdirSync(cache, { recursive: true });
  // Reuse it only if this version of the site can serve it (a cached file may predate a migration).
  if (fs.existsSync(databaseFile)) {
    const problem = databaseProblem(databaseFile);
    if (!problem) return databaseFile;
    console.log(`Cached ${problem}; seeding it again`);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  }
  if (!fs.existsSync(path.join(corpus, 'articles'))) {
    console.log(`Generating ${options.count} articles…`);
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-content.ts', '--count', String(options.count), '--links', String(options.links), '--out', corpus, '--force'], { cwd: root, stdio: 'inherit' });
  }
  console.log(`Seeding ${databaseFile}…`);
  execFileSync(process.execPath, ['--import', 'tsx', 'db/seed/cli.ts', '--dir', corpus], { cwd: root, stdio: 'inherit', env: { ...process.env, DATABASE_PATH: databaseFile } });
  return databaseFile;
}

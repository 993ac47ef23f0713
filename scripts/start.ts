/**
 * `npm start`: one command from a fresh clone to a serving site.
 * 1. migrates DATABASE_PATH (creating it), 2. seeds content/ if the database has
 * no articles, 3. builds if there is no production build, 4. runs `next start`
 * on PORT. Every step is idempotent, so it is also how operators restart.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { databasePath, openWritableDatabase } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { articles } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { formatProblem, ContentError } from '@/lib/content';

// The seed tells the running server what changed, with a secret both read from .env. A first start
// writes one, so `npm run db:seed` updates a running site at once.
if (!fs.existsSync('.env') && !process.env.REVALIDATE_SECRET) {
  fs.writeFileSync('.env', `# Written by the first \`npm start\`: the secret the seed uses to tell the running server what changed.\nREVALIDATE_SECRET=${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  console.log('Wrote .env with a new REVALIDATE_SECRET');
}
if (fs.existsSync('.env')) process.loadEnvFile('.env');
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const port = process.env.PORT?.trim() || '3000';
if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) {
  console.error(`PORT must be a port number (got ${JSON.stringify(port)})`);
  process.exit(1);
}
const nextBin = path.join('node_modules', 'next', 'dist', 'bin', 'next');

function prepareDatabase(): void {
  const file = databasePath();
  const { sqlite, db } = openWritableDatabase(file);
  let empty: boolean;
  try {
    applyMigrations(db);
    empty = (db.select({ n: count() }).from(articles).get()?.n ?? 0) === 0;
  } finally {
    sqlite.close();
  }
  if (!empty) return;
  console.log(`Database ${file} has no articles: seeding content/`);
  const result = seedDatabase({ dir: 'content', databaseFile: file });
  console.log(`Seeded ${result.articles.added} articles in ${result.seconds.toFixed(2)} s`);
}

try {
  prepareDatabase();
} catch (error) {
  // The site still starts: its pages explain that the database is unavailable, and the log says why.
  if (error instanceof ContentError) error.problems.forEach((problem) => console.error(formatProblem(problem)));
  console.error(`[start] could not prepare the database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
}

if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
  console.log('No production build in .next/: running next build');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [nextBin, 'start', '--port', port], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

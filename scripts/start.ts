/**
 * `npm start`: one command from a fresh clone to a serving site.
 * 1. migrates DATABASE_PATH (creating it), 2. seeds content/ if the database has
 * no articles, 3. builds if there is no production build or the sources changed
 * since it was made, 4. runs the production server (server/index.ts) on PORT.
 * Every step is idempotent, so it is also how operators restart.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { databasePath, openWritableDatabase } from '@/db/client';
import { applyMigrations } from '@/db/migrate';
import { articles } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { formatProblem, ContentError } from '@/lib/content';
import { loadEnvFile, readSettings } from '@/lib/settings';
import { buildSite, SERVER_BUNDLE } from './build';
import { buildStatus } from './build-fingerprint';

const root = path.resolve(__dirname, '..');
loadEnvFile(path.join(root, '.env'));
// Every setting checked before anything runs (lib/settings.ts): a bad value stops here, naming the variable.
try {
  readSettings();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
// Next's own variable, not a setting of ours: no telemetry from the build and the server started here.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

async function prepareDatabase(): Promise<void> {
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
  const result = await seedDatabase({ dir: path.join(root, 'content'), databaseFile: file });
  console.log(`Seeded ${result.articles.added} articles in ${result.seconds.toFixed(2)} s`);
}

async function main(): Promise<void> {
  try {
    await prepareDatabase();
  } catch (error) {
    // The site still starts: its pages explain that the database is unavailable, and the log says why.
    if (error instanceof ContentError) error.problems.forEach((problem) => console.error(formatProblem(problem)));
    console.error(`[start] could not prepare the database: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }

  const status = buildStatus(root);
  if (status.stale) {
    console.log(`[start] building: ${status.reason}`);
    const code = buildSite();
    if (code !== 0) process.exit(code);
  }

  // One process: a signal reaches the server itself, which finishes its requests before it exits.
  const server = spawn(process.execPath, [SERVER_BUNDLE], { stdio: 'inherit', cwd: root });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

void main();

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { setting } from '@/lib/settings';
import * as schema from './schema';

export type AppDatabase = BetterSQLite3Database<typeof schema>;

/** The SQLite file the site reads and the seed writes: DATABASE_PATH (lib/settings.ts), relative to the working directory. */
export function databasePath(): string {
  // Resolved at run time against the working directory; not a file the bundler should trace.
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), setting('DATABASE_PATH'));
}

export type OpenedDatabase = { sqlite: Database.Database; db: AppDatabase; file: string };

/**
 * The writer's connection (seed, migrate, backup): creates the folder and the
 * file if needed and switches the file to WAL, which is persistent, so readers
 * never wait for a seed and a seed never waits for readers.
 */
export function openWritableDatabase(file = databasePath()): OpenedDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, db: drizzle(sqlite, { schema }), file };
}

/** The web server's connection: read-only, so no request can ever write. */
export function openReadOnlyDatabase(file = databasePath()): OpenedDatabase {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  return { sqlite, db: drizzle(sqlite, { schema }), file };
}

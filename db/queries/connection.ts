import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { type AppDatabase, databasePath, openReadOnlyDatabase, type OpenedDatabase } from '../client';
import { databaseProblem, logDatabaseState, schemaProblem } from '../health';
import * as schema from '../schema';

/** The database cannot serve pages; `message` says what is wrong and what to run. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

type Connection = OpenedDatabase & { inode: number };

let current: Connection | undefined;

/**
 * The server's read-only connection. It is reopened when the file at
 * DATABASE_PATH is replaced (a restored backup), and nothing is cached while
 * the file is missing, not a database or on another schema: the request fails
 * with a DatabaseUnavailableError and the next one tries again, so the site
 * recovers without a restart once the database is fixed.
 */
export function getDb(): AppDatabase {
  if (process.env.NEXT_PHASE === 'phase-production-build') return buildTimeDatabase();
  const file = databasePath();
  let inode: number;
  try {
    inode = fs.statSync(file).ino;
  } catch {
    return unavailable(file);
  }
  if (current && current.inode === inode) return current.db;
  current?.sqlite.close();
  current = undefined;

  let opened: OpenedDatabase | undefined;
  try {
    opened = openReadOnlyDatabase(file);
    const problem = schemaProblem(opened.sqlite, file);
    if (problem) throw new DatabaseUnavailableError(problem);
  } catch (error) {
    opened?.sqlite.close();
    return unavailable(file, error instanceof DatabaseUnavailableError ? error.message : undefined);
  }
  current = { ...opened, inode };
  logDatabaseState(file, null);
  return opened.db;
}

function unavailable(file: string, known?: string): never {
  const problem = known ?? databaseProblem(file) ?? `database ${file} cannot be opened`;
  logDatabaseState(file, problem);
  throw new DatabaseUnavailableError(problem);
}

let emptyForBuild: AppDatabase | undefined;

/**
 * `next build` prerenders the routes without parameters (/, /feed.xml,
 * /sitemap.xml). What it renders is never served: the cache handler starts
 * empty, so every page is rendered from the running server's database. The
 * build therefore reads an empty in-memory database with the schema, and
 * needs no database file at all.
 */
function buildTimeDatabase(): AppDatabase {
  if (!emptyForBuild) {
    emptyForBuild = drizzle(new Database(':memory:'), { schema });
    migrate(emptyForBuild, { migrationsFolder: path.join(/*turbopackIgnore: true*/ process.cwd(), 'drizzle') });
  }
  return emptyForBuild;
}

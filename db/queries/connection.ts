// No 'server-only' marker: the server's front door (server/) imports this module outside Next's bundles,
// where that marker's react-server condition does not apply. It is still server code: no client module imports it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { type AppDatabase, databasePath, openReadOnlyDatabase } from '../client';
import { databaseProblem, logDatabaseState, schemaProblem } from '../health';
import * as schema from '../schema';

/** The database cannot serve pages; `message` says what is wrong and what to run. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** The process's one read-only connection to DATABASE_PATH. */
export type ReadConnection = {
  file: string;
  inode: number;
  /** The write-ahead log's inode: a backup copied over the file in place keeps the file's inode, not this one. */
  walInode: number | undefined;
  sqlite: Database.Database;
  /** Counts reopenings: a new file (a restored backup) means every cached page may be wrong. */
  epoch: number;
};

type SharedState = {
  current?: ReadConnection;
  epoch: number;
  failedAt?: { file: string; at: number; problem: string };
  /** The connection already checked against the file in this synchronous run (cleared by a microtask). */
  checkedThisTurn?: ReadConnection;
  /** The previews' connection (getPreviewDb). */
  preview?: { file: string; inode: number | undefined; sqlite: Database.Database; db: AppDatabase };
};

/**
 * Shared through globalThis: Next bundles this module into its server chunks and the front door
 * (server/) loads it on its own, and both must use one connection and agree on when it was reopened.
 */
const shared: SharedState = ((globalThis as { [key: symbol]: SharedState })[Symbol.for('newsline.read-connection')] ??= { epoch: 0 });

/** While the database is broken, how long a failure is trusted before opening it again (readers see a fix within this). */
const RETRY_MS = 1000;

function inodeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).ino;
  } catch {
    return undefined;
  }
}

/**
 * The server's read-only connection. It is reopened when the file at
 * DATABASE_PATH is replaced (a restored backup, whether moved into place or
 * copied over the file with its -wal and -shm deleted: then the log this
 * connection holds open is no longer the file's), and nothing is kept while
 * the file is missing, not a database or on another schema: the call throws
 * a DatabaseUnavailableError naming the problem, and a call a second later
 * tries again, so the site recovers without a restart once it is fixed.
 */
export function readConnection(): ReadConnection {
  // A request asks several times in one synchronous run (seeds, then routing); the file is stat'ed once per run.
  const file = databasePath();
  if (shared.checkedThisTurn && shared.checkedThisTurn === shared.current && shared.current.file === file) return shared.current;
  let inode: number;
  try {
    inode = fs.statSync(file).ino;
  } catch {
    return unavailable(file);
  }
  const current = shared.current;
  if (current && current.inode === inode && current.file === file && current.walInode === inodeOf(`${file}-wal`)) return checked(current);
  if (shared.failedAt && shared.failedAt.file === file && Date.now() - shared.failedAt.at < RETRY_MS) {
    throw new DatabaseUnavailableError(shared.failedAt.problem);
  }
  current?.sqlite.close();
  shared.current = undefined;

  let sqlite: Database.Database | undefined;
  try {
    sqlite = openReadOnlyDatabase(file).sqlite;
    const problem = schemaProblem(sqlite, file);
    if (problem) throw new DatabaseUnavailableError(problem);
  } catch (error) {
    sqlite?.close();
    return unavailable(file, error instanceof DatabaseUnavailableError ? error.message : undefined);
  }
  shared.epoch += 1;
  // Reading once makes SQLite open (or create) the log, so its inode is the one this connection uses.
  sqlite.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
  showOnlyPublished(sqlite);
  shared.current = { file, inode, walInode: inodeOf(`${file}-wal`), sqlite, epoch: shared.epoch };
  shared.failedAt = undefined;
  logDatabaseState(file, null);
  return checked(shared.current);
}

/**
 * What readers may see, for every query at once: on the server's connection, the name `articles` means a
 * temporary view of the published stories, neither drafts nor stories whose publishedAt is still to come. SQLite
 * looks names up in the temp schema first, so every query, join and count of the site reads through it without
 * naming it; the seed's own connection sees the table. `now` is read by each statement, so a scheduled story is
 * in every fresh answer from its moment on; db/queries/changes.ts expires the cached pages that must show it.
 */
export const PUBLISHED_ARTICLES_VIEW = `CREATE TEMP VIEW IF NOT EXISTS articles AS
  SELECT * FROM main.articles WHERE ${publishedWhere('main.articles')}`;

/**
 * The view's condition, for a query that names `main.articles` and tests it itself (db/queries/graph.ts, where
 * the join order must be fixed).
 */
export function publishedWhere(table: string): string {
  // The clock in a subquery: read once per statement, not formatted again for every row.
  return `${table}.draft = 0 AND ${table}.published_at <= (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
}

function showOnlyPublished(sqlite: Database.Database): void {
  sqlite.exec(PUBLISHED_ARTICLES_VIEW);
}

/**
 * A second read-only connection that sees every story, drafts and scheduled ones included: only for previews
 * (app/preview), never for pages readers get.
 */
export function getPreviewDb(): AppDatabase {
  const file = databasePath();
  const current = shared.preview;
  if (current && current.file === file && current.inode === inodeOf(file)) return current.db;
  current?.sqlite.close();
  const { sqlite } = openReadOnlyDatabase(file);
  shared.preview = { file, inode: inodeOf(file), sqlite, db: drizzle(sqlite, { schema }) };
  return shared.preview.db;
}

function checked(connection: ReadConnection): ReadConnection {
  if (shared.checkedThisTurn === undefined) {
    queueMicrotask(() => {
      shared.checkedThisTurn = undefined;
    });
  }
  shared.checkedThisTurn = connection;
  return connection;
}

/** Closes the connection (graceful shutdown); the next read opens it again. */
export function closeReadConnection(): void {
  shared.current?.sqlite.close();
  shared.current = undefined;
  shared.checkedThisTurn = undefined;
  shared.preview?.sqlite.close();
  shared.preview = undefined;
}

function unavailable(file: string, known?: string): never {
  const problem = known ?? databaseProblem(file) ?? `database ${file} cannot be opened`;
  shared.failedAt = { file, at: Date.now(), problem };
  logDatabaseState(file, problem);
  throw new DatabaseUnavailableError(problem);
}

/** Drizzle over the shared connection; one wrapper per connection and per copy of this module. */
const wrappers = new WeakMap<Database.Database, AppDatabase>();

/** The query layer's database: Drizzle over readConnection(). */
export function getDb(): AppDatabase {
  // NEXT_PHASE is set by Next itself (`next build`), not a setting of ours (lib/settings.ts); DATABASE_PATH is read
  // through databasePath().
  if (process.env.NEXT_PHASE === 'phase-production-build') return buildTimeDatabase();
  const { sqlite } = readConnection();
  let db = wrappers.get(sqlite);
  if (!db) {
    db = drizzle(sqlite, { schema });
    wrappers.set(sqlite, db);
  }
  return db;
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

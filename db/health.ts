import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import journal from '../drizzle/meta/_journal.json';

/** The newest migration this build of the site knows, by drizzle-kit's timestamp. */
const LATEST_MIGRATION = Math.max(...journal.entries.map((entry) => entry.when));

/**
 * What is wrong with the database file, as one line naming the problem and
 * what to run, or null when the site can serve it. Opens its own short-lived
 * read-only connection, so it is safe to call while a seed is writing.
 */
export function databaseProblem(file: string): string | null {
  if (!fs.existsSync(file)) {
    const folder = fs.existsSync(path.dirname(file)) ? '' : ' (nor does its folder)';
    return `database ${file} does not exist${folder}: run "npm run db:seed" to create it, or set DATABASE_PATH`;
  }
  if (fs.statSync(file).isDirectory()) {
    return `database ${file} is a folder, not a database file: set DATABASE_PATH to a file in it (e.g. ${path.join(file, 'news.db')}) or move the folder away`;
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    return schemaProblem(sqlite, file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      return `${file} is not an SQLite database (${code}): restore a backup (see README) or delete it and run "npm run db:seed"`;
    }
    return `database ${file} cannot be opened (${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)})`;
  } finally {
    sqlite?.close();
  }
}

/** Is the schema the one this build expects? Checked on an open connection. */
export function schemaProblem(sqlite: Database.Database, file: string): string | null {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('articles', '__drizzle_migrations')").all() as { name: string }[];
  if (tables.length < 2) return `database ${file} has no schema: run "npm run db:seed" (it migrates first)`;
  const applied = (sqlite.prepare('SELECT max(created_at) AS latest FROM __drizzle_migrations').get() as { latest: number | null }).latest ?? 0;
  if (applied > LATEST_MIGRATION) {
    return `database ${file} has a newer schema than this version of the site: deploy the newer site, or restore a backup made by this version`;
  }
  if (applied < LATEST_MIGRATION) return `database ${file} has an older schema: run "npm run db:migrate"`;
  return null;
}

let lastLogged: string | null = null;

/**
 * One line in the log per change of state, not one per request: the problem
 * when it appears or changes, and a line when the database is back.
 */
export function logDatabaseState(file: string, problem: string | null): void {
  if (problem === lastLogged) return;
  if (problem) console.error(`[database] ${problem}`);
  else if (lastLogged) console.info(`[database] ${file} is available again`);
  lastLogged = problem;
}

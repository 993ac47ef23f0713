import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { type AppDatabase, databasePath, openReadOnlyDatabase, type OpenedDatabase } from '../client';

/** The database cannot serve pages; `message` says what is wrong and what to run. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

let opened: OpenedDatabase | undefined;
let lastLogged: string | undefined;

/**
 * The server's one read-only connection, opened on first use. If the file is
 * missing, not a database or not migrated, nothing is cached: the request fails
 * with a DatabaseUnavailableError (logged once, as one line), and the next
 * request tries again, so the site recovers as soon as someone runs the seed.
 */
export function getDb(): AppDatabase {
  if (opened) return opened.db;
  const file = databasePath();
  let candidate: OpenedDatabase | undefined;
  try {
    candidate = openReadOnlyDatabase(file);
    const migrated = candidate.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'").get();
    if (!migrated) throw new DatabaseUnavailableError(`database ${file} has no tables: run "npm run db:seed" (it migrates first)`);
    opened = candidate;
    if (lastLogged) console.info(`[database] ${file} is available again`);
    lastLogged = undefined;
    return candidate.db;
  } catch (error) {
    candidate?.sqlite.close();
    const unavailable = error instanceof DatabaseUnavailableError ? error : describe(error, file);
    if (unavailable.message !== lastLogged) {
      console.error(`[database] ${unavailable.message}`);
      lastLogged = unavailable.message;
    }
    throw unavailable;
  }
}

function describe(error: unknown, file: string): DatabaseUnavailableError {
  const code = (error as { code?: string }).code;
  if (!fs.existsSync(file)) {
    const folder = fs.existsSync(path.dirname(file)) ? '' : ' (nor does its folder)';
    return new DatabaseUnavailableError(`database ${file} does not exist${folder}: run "npm run db:seed" to create it, or set DATABASE_PATH`);
  }
  if (code === 'SQLITE_NOTADB') return new DatabaseUnavailableError(`${file} is not an SQLite database: restore a backup or delete it and run "npm run db:seed"`);
  const detail = error instanceof Error ? error.message : String(error);
  return new DatabaseUnavailableError(`database ${file} cannot be opened (${code ?? 'error'}: ${detail})`);
}

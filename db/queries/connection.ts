import 'server-only';
import fs from 'node:fs';
import { type AppDatabase, databasePath, openReadOnlyDatabase, type OpenedDatabase } from '../client';
import { databaseProblem, schemaProblem } from '../health';

/** The database cannot serve pages; `message` says what is wrong and what to run. */
export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

type Connection = OpenedDatabase & { inode: number };

let current: Connection | undefined;
let lastLogged: string | undefined;

/** One line in the log per change of state, not one per request. */
export function logDatabaseState(problem: string | null): void {
  if (problem === lastLogged) return;
  if (problem) console.error(`[database] ${problem}`);
  else if (lastLogged) console.info(`[database] ${databasePath()} is available again`);
  lastLogged = problem ?? undefined;
}

/**
 * The server's read-only connection. It is reopened when the file at
 * DATABASE_PATH is replaced (a restored backup), and nothing is cached while
 * the file is missing, not a database or on another schema: the request fails
 * with a DatabaseUnavailableError and the next one tries again, so the site
 * recovers without a restart once the database is fixed.
 */
export function getDb(): AppDatabase {
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
  logDatabaseState(null);
  return opened.db;
}

function unavailable(file: string, known?: string): never {
  const problem = known ?? databaseProblem(file) ?? `database ${file} cannot be opened`;
  logDatabaseState(problem);
  throw new DatabaseUnavailableError(problem);
}

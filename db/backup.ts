import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databasePath } from './client';

/**
 * `npm run db:backup -- <file>`: a consistent copy of the live database made
 * with SQLite's online backup API, safe while the site serves and the seed
 * writes (the copy is one committed state). It is written beside the target
 * and renamed into place, so a failed backup never leaves a half file.
 */
export async function backupDatabase(source: string, target: string): Promise<{ pages: number; bytes: number }> {
  if (!fs.existsSync(source)) throw new Error(`database ${source} does not exist`);
  if (path.resolve(source) === path.resolve(target)) throw new Error('the backup must go to another file');
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(partial);
    // A single self-contained file: no -wal/-shm beside it (the seed turns WAL back on after a restore).
    const check = new Database(partial);
    try {
      check.pragma('journal_mode = DELETE');
      const result = check.pragma('integrity_check', { simple: true });
      if (result !== 'ok') throw new Error(`the copy failed its integrity check: ${String(result)}`);
    } finally {
      check.close();
    }
    fs.renameSync(partial, target);
    return { pages: totalPages, bytes: fs.statSync(target).size };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

if (require.main === module) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: npm run db:backup -- <backup file>');
    process.exit(2);
  }
  const source = databasePath();
  backupDatabase(source, target).then(
    ({ pages, bytes }) => console.log(`Backed up ${source} to ${target} (${pages} pages, ${(bytes / 1024).toFixed(0)} KiB, integrity ok)`),
    (error: unknown) => {
      console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

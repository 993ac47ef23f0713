import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { databasePath } from './client';

/**
 * `npm run db:backup -- [--force] <file>`: a consistent copy of the live database
 * made with SQLite's online backup API, safe while the site serves and the seed
 * writes (the copy is one committed state). It is written beside the target
 * and renamed into place, so a failed backup never leaves a half file. An
 * existing target (an earlier backup, most likely) is replaced only with
 * `overwrite` (--force).
 */
export async function backupDatabase(source: string, target: string, options: { overwrite?: boolean } = {}): Promise<{ pages: number; bytes: number }> {
  if (!fs.existsSync(source)) throw new Error(`database ${source} does not exist`);
  if (path.resolve(source) === path.resolve(target)) throw new Error('the backup must go to another file');
  const assertTargetFree = () => {
    if (!options.overwrite && fs.existsSync(target)) throw new Error(`${target} already exists: pass --force to overwrite it`);
  };
  assertTargetFree();
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
    // Again: a large backup takes a while, and another may have taken the name meanwhile.
    assertTargetFree();
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
  const usage = 'usage: npm run db:backup -- [--force] <backup file>';
  let parsed;
  try {
    parsed = parseArgs({ options: { force: { type: 'boolean', default: false } }, allowPositionals: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exit(2);
  }
  const [target, ...extra] = parsed.positionals;
  if (!target || extra.length > 0) {
    console.error(usage);
    process.exit(2);
  }
  const source = databasePath();
  backupDatabase(source, target, { overwrite: parsed.values.force }).then(
    ({ pages, bytes }) => console.log(`Backed up ${source} to ${target} (${pages} pages, ${(bytes / 1024).toFixed(0)} KiB, integrity ok)`),
    (error: unknown) => {
      console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

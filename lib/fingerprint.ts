import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Fingerprints of source trees: a SHA-256 over the path and bytes of each file, so only bytes count (a checkout or
 * copy that touches mtimes changes nothing). The build uses one to tell whether .next/ is made from the sources on
 * disk (scripts/build-fingerprint.ts); the seed uses one to tell whether it still reads content files as the last
 * seed did (db/seed/manifest.ts).
 */

/** Tests and specs, wherever they sit: nothing that runs loads them. */
export const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

/**
 * Adds to `files` every file under `relative` (a folder of `root`; nothing if it does not exist), as '/'-separated
 * paths relative to `root`, leaving out tests and dotfiles (editor swap files, .DS_Store: nothing loads them).
 */
export function collectSources(root: string, relative: string, files: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || TEST_FILE.test(entry.name)) continue;
    const child = `${relative}/${entry.name}`;
    if (isDirectory(root, child, entry)) collectSources(root, child, files);
    else if (isRegularFile(path.join(root, relative), entry)) files.push(child);
  }
}

/** A symlink counts as what it points to (a broken one as nothing). */
export function isRegularFile(folder: string, entry: fs.Dirent): boolean {
  if (!entry.isSymbolicLink()) return entry.isFile();
  return fs.statSync(path.join(folder, entry.name), { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(root: string, relative: string, entry: fs.Dirent): boolean {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  return fs.statSync(path.join(root, relative), { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** SHA-256 (hex) over the relative path and bytes of each of `files` (paths relative to `root`), in the order given. */
export function fingerprintOf(root: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(root, file));
    // Path and length before the bytes, so no two different trees can feed the hash the same stream.
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

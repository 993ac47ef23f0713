/**
 * Is the production build in .next/ made from the sources on disk? `next start` serves whatever
 * .next/ holds, so after an edit an old build would be served without a word. The fingerprint is a
 * SHA-256 over the path and bytes of every file the build reads; a build records it, and a start
 * compares. Only bytes count: a checkout or a copy that touches mtimes does not force a rebuild.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Folders whose every file goes into the build, or into the server that runs it: code, the
 * migrations the server applies, static assets. server/ runs from source, yet it and the build
 * must come from the same sources (its front door and Next's pages share db/ and the cache), so
 * an edit there rebuilds too: a needless build costs a minute, a mismatched pair costs a bug.
 */
const SOURCE_FOLDERS = ['app', 'db', 'lib', 'public', 'drizzle', 'server'];

/** Top-level files the build reads that their extension does not catch. */
const TOP_LEVEL_FILES = new Set(['package.json', 'package-lock.json', 'tsconfig.json', 'postcss.config.json', '.postcssrc.json', '.babelrc']);

/** Top-level source, by extension: next.config.js, proxy.ts, cache-handler.js, and whatever else the server imports. */
const SOURCE_EXTENSION = /\.(?:[cm]?[jt]s|[jt]sx)$/;

/** Top-level configuration of tools that `next build` never loads: editing it changes nothing the server runs. */
const TOOL_CONFIG = /^(?:vitest|playwright|eslint|drizzle)\.config\./;

/** Tests and specs, wherever they sit: the server never loads them. */
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

/** Written by `next build` and `next dev` themselves. */
const GENERATED = new Set(['next-env.d.ts']);

const FINGERPRINT_FILE = path.join('.next', 'source-fingerprint');

/** Every file the build depends on, as sorted '/'-separated paths relative to `root`. */
function sourceFiles(root: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const wanted = TOP_LEVEL_FILES.has(entry.name) || (SOURCE_EXTENSION.test(entry.name) && !TOOL_CONFIG.test(entry.name) && !TEST_FILE.test(entry.name) && !GENERATED.has(entry.name));
    if (wanted && isRegularFile(root, entry)) files.push(entry.name);
  }
  for (const folder of SOURCE_FOLDERS) collect(root, folder, files);
  // A plain code-unit comparison: the same order on every machine and locale.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function collect(root: string, relative: string, files: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, relative), { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw error;
  }
  for (const entry of entries) {
    // Dotfiles are editor swap files, .DS_Store and the like: the build ignores them, so must we.
    if (entry.name.startsWith('.') || TEST_FILE.test(entry.name)) continue;
    const child = `${relative}/${entry.name}`;
    if (isDirectory(root, child, entry)) collect(root, child, files);
    else if (isRegularFile(path.join(root, relative), entry)) files.push(child);
  }
}

// A symlink counts as what it points to (a broken one as nothing).
function isRegularFile(folder: string, entry: fs.Dirent): boolean {
  if (!entry.isSymbolicLink()) return entry.isFile();
  return fs.statSync(path.join(folder, entry.name), { throwIfNoEntry: false })?.isFile() ?? false;
}

function isDirectory(root: string, relative: string, entry: fs.Dirent): boolean {
  if (!entry.isSymbolicLink()) return entry.isDirectory();
  return fs.statSync(path.join(root, relative), { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** SHA-256 (hex) over the relative path and bytes of every file the production build depends on. */
export function sourceFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root)) {
    const bytes = fs.readFileSync(path.join(root, file));
    // Path and length before the bytes, so no two different trees can feed the hash the same stream.
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/**
 * Records which sources the build in .next/ was made from. Pass the fingerprint taken before the
 * build started, so an edit made while it ran still counts as a change.
 */
export function recordBuildFingerprint(root: string, fingerprint = sourceFingerprint(root)): void {
  fs.writeFileSync(path.join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
}

export type BuildStatus = { stale: false } | { stale: true; reason: string };

/** Whether .next/ holds a production build of the sources on disk, and if not, why. */
export function buildStatus(root: string): BuildStatus {
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) return { stale: true, reason: 'no production build' };
  let recorded: string;
  try {
    recorded = fs.readFileSync(path.join(root, FINGERPRINT_FILE), 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { stale: true, reason: 'the build predates fingerprinting' };
    throw error;
  }
  if (recorded !== sourceFingerprint(root)) return { stale: true, reason: 'sources changed since the last build' };
  return { stale: false };
}

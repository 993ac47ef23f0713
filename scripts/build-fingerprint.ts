/**
 * Is the production build in .next/ made from the sources on disk? `next start` serves whatever
 * .next/ holds, so after an edit an old build would be served without a word. The fingerprint is a
 * SHA-256 over the path and bytes of every file the build reads; a build records it, and a start
 * compares. Only bytes count: a checkout or a copy that touches mtimes does not force a rebuild.
 */
import fs from 'node:fs';
import path from 'node:path';
import { collectSources, fingerprintOf, isRegularFile, TEST_FILE } from '../lib/fingerprint';

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
  for (const folder of SOURCE_FOLDERS) collectSources(root, folder, files);
  // A plain code-unit comparison: the same order on every machine and locale.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** SHA-256 (hex) over the relative path and bytes of every file the production build depends on. */
export function sourceFingerprint(root: string): string {
  return fingerprintOf(root, sourceFiles(root));
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

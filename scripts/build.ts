/**
 * `npm run build`: `next build`; the production server (server/index.ts) compiled to one plain JavaScript
 * file, SERVER_BUNDLE; and a fingerprint of the sources it built (scripts/build-fingerprint.ts) stored with
 * the build, so `npm start` can tell when the build no longer matches the sources and build again.
 *
 * The server is compiled rather than run with tsx: tsx's require hooks stay on for every module Next loads
 * at run time and cost a quarter of a cached page's throughput.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { recordBuildFingerprint, sourceFingerprint } from './build-fingerprint';

const root = path.resolve(__dirname, '..');

/** Where the compiled server goes, inside the build folder it serves. */
export const SERVER_BUNDLE = path.join(root, '.next', 'newsline-server.cjs');

/** Builds the site; returns next build's exit status. */
export function buildSite(): number {
  // Taken before the build: an edit made while it runs makes the next start build again.
  const fingerprint = sourceFingerprint(root);
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return build.status ?? 1;
  buildSync({
    entryPoints: [path.join(root, 'server', 'index.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    // Our modules are compiled in; packages (next, better-sqlite3, drizzle-orm…) load from node_modules.
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
  recordBuildFingerprint(root, fingerprint);
  return 0;
}

if (require.main === module) process.exitCode = buildSite();

/**
 * The production server: Next.js behind a front door in plain Node
 * (server/front-door.ts). `npm run build` compiles it to .next/newsline-server.cjs
 * and `npm start` runs that once the database and the build are ready;
 * operators may run it directly:
 *
 *   PORT=3000 [HOST=127.0.0.1] [WEB_CONCURRENCY=2] node .next/newsline-server.cjs
 *
 * - Security headers and the HTTP cache policy on every response; cached pages answered from copies of
 *   Next's responses while their page-cache entry is current (server/response-cache.ts).
 * - WEB_CONCURRENCY > 1 forks that many processes sharing the port (node:cluster); each keeps its own
 *   page cache and follows the database on its own, so every one of them is exact.
 * - SIGTERM or SIGINT: stop accepting connections, finish the requests in flight, close the database,
 *   exit 0 (or 1 if requests were still running after SHUTDOWN_GRACE_MS and had to be cut).
 */
import cluster from 'node:cluster';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { closeReadConnection } from '@/db/queries/connection';
import { readSettings, type Settings } from '@/lib/settings';
import { applyCachePolicy, CACHE_CONTROL } from './cache-policy';
import { followScheduleForCaches, frontDoor } from './front-door';
import { answerFromCopy, copyWhenCacheable } from './response-cache';
import { loadRouteTable } from './routes';
import { SECURITY_HEADERS } from './security-headers';

/** Inside the 10 s an orchestrator usually allows between SIGTERM and SIGKILL. */
const SHUTDOWN_GRACE_MS = 8000;

// The project folder: this file runs from .next/ once compiled (scripts/build.ts), from server/ under tsx.
const root = path.resolve(__dirname, '..');

/**
 * Every setting checked now (lib/settings.ts), so a bad value stops the server at once, naming it; cache-handler.js
 * and server/response-cache.ts read CACHE_MAX_MB again when Next loads them.
 */
function startupSettings(): Settings {
  try {
    return readSettings();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

const { PORT: port, HOST: hostname, WEB_CONCURRENCY: workers, PURGE_URLS: purgeUrls } = startupSettings();

if (workers > 1 && cluster.isPrimary) runPrimary();
else void serve();

/** Forks the workers, passes signals on, and replaces a worker that dies while the server is up. */
function runPrimary(): void {
  let stopping = false;
  let cut = false;
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      // A worker that had to cut requests (exit 1) makes the whole server's exit say so.
      if (code !== 0 || signal) cut = true;
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        console.log(`[server] primary ${process.pid} stopped: ${workers} workers ${cut ? 'stopped, some cutting requests' : 'finished their requests'}`);
        process.exit(cut ? 1 : 0);
      }
      return;
    }
    console.error(`[server] worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const name of ['SIGTERM', 'SIGINT'] as const) {
    process.on(name, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    });
  }
}

async function serve(): Promise<void> {
  // As `next start` does: React's and Next's production builds. NODE_ENV is Next's and React's, not a setting of
  // ours (lib/settings.ts).
  (process.env as Record<string, string>).NODE_ENV = 'production';
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root, hostname: hostname ?? 'localhost', port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const buildId = fs.readFileSync(path.join(root, '.next', 'BUILD_ID'), 'utf8').trim();
  const site = { buildId, routes: loadRouteTable(root) };
  let stopping = false;
  /** Responses being written, so a shutdown can ask their clients not to send another request on the connection. */
  const inFlight = new Set<http.ServerResponse>();
  let answered = 0;

  const server = http.createServer((req, res) => {
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      answered += 1;
    });
    for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);
    applyCachePolicy(req, res);
    // A keep-alive connection that sends another request during shutdown gets its answer, then is closed.
    if (stopping) res.setHeader('Connection', 'close');
    let decision: 'next' | 'done';
    try {
      decision = frontDoor(req, res, site);
    } catch (error) {
      console.error('[server] front door failed:', error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Internal Server Error\n');
      return;
    }
    if (decision === 'next') {
      if (answerFromCopy(req, res)) return;
      copyWhenCacheable(req, res, (cacheControl) => cacheControl === CACHE_CONTROL.page);
      handle(req, res).catch((error: unknown) => {
        console.error('[server] request failed:', error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end();
      });
    }
  });

  server.listen(port, hostname, () => {
    console.log(`[server] ${process.pid} serving build ${buildId} on http://${hostname ?? 'localhost'}:${port}`);
  });
  const stopFollowingSchedule = followScheduleForCaches([...purgeUrls]);

  const shutDown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${process.pid} ${signal}: finishing requests in flight`);
    const since = performance.now();
    const answeredBefore = answered;
    // Their connections close after these answers, instead of carrying a request the server would not read.
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    stopFollowingSchedule();
    const finish = (code: number) => {
      console.log(`[server] ${process.pid} stopped: ${answered - answeredBefore} requests finished in ${Math.round(performance.now() - since)} ms`);
      closeReadConnection();
      void app.close().finally(() => process.exit(code));
    };
    // Stops accepting; keep-alive connections close as soon as they are idle (checked every 50 ms), busy
    // ones once their response is sent.
    server.close(() => finish(0));
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 50).unref();
    setTimeout(() => {
      console.error(`[server] ${process.pid} requests still running after ${SHUTDOWN_GRACE_MS} ms: closing them`);
      server.closeAllConnections();
      finish(1);
    }, SHUTDOWN_GRACE_MS).unref();
  };
  process.on('SIGTERM', shutDown);
  process.on('SIGINT', shutDown);
}

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSeedAsync } from '../test/run-seed';
import { originOf, PORTS } from './ports';
import { processGroup } from './support';

/**
 * What an operator relies on: the production server (.next/newsline-server.cjs) stops on SIGTERM without
 * losing a request it accepted, in one process and as a cluster, and /healthz tells a load balancer the
 * truth. Each test runs its own server on its own port (e2e/ports.ts) against its own temporary database.
 */

const root = path.resolve(__dirname, '..');
const SERVER = path.join(root, '.next', 'newsline-server.cjs');
const BUILD_ID_FILE = path.join(root, '.next', 'BUILD_ID');
/** What an orchestrator usually allows between SIGTERM and SIGKILL. */
const STOP_LIMIT_MS = 10_000;
/** Load before SIGTERM, at least: every client then holds a keep-alive socket with a request on it. */
const LOAD_BEFORE_SIGTERM_MS = 1000;
const CLIENTS = 20;
/** Enough articles that every request during the test is a cold render (tens of ms), not a cache hit. */
const CORPUS_SIZE = 300;
/** The header that names each request, for the server-side record below. */
const REQUEST_ID = 'x-load-request-id';

// One test at a time: the load tests would otherwise share the machine's CPUs with each other.
test.describe.configure({ mode: 'default' });

/**
 * Which requests did the server read? Only the server knows, and nothing it logs says so: this preload
 * appends the id of every request its HTTP server emits to a file, and changes nothing else. It is what
 * tells "the server read the request and never answered" (lost) from "the request never reached it"
 * (a refused connection or a keep-alive race, which a load balancer retries).
 */
const REQUEST_RECORDER = `const fs = require('node:fs');
const http = require('node:http');
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request) {
  const id = event === 'request' && request.headers['${REQUEST_ID}'];
  if (id) fs.appendFileSync(process.env.REQUEST_RECORD_FILE, id + ' ' + Date.now() + '\\n');
  return emit.apply(this, arguments);
};
`;

type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number };

type Server = {
  pid: number;
  origin: string;
  log: () => string;
  exited: Promise<Exit>;
  /** Request id → when the server read it (ms since the epoch), from the recorder. */
  received: () => Map<number, number>;
};

async function startServer(port: number, dir: string, databaseFile: string, env: Record<string, string> = {}): Promise<Server> {
  const origin = originOf(port);
  const recorder = path.join(dir, 'record-requests.cjs');
  const recordFile = path.join(dir, 'requests-read.txt');
  fs.writeFileSync(recorder, REQUEST_RECORDER);
  fs.writeFileSync(recordFile, '');
  const child: ChildProcess = spawn(process.execPath, [SERVER], {
    cwd: root,
    // Its own process group: `finally` kills the group, workers included, whatever happened.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      // The server must listen where the clients connect.
      HOST: '127.0.0.1',
      DATABASE_PATH: databaseFile,
      SITE_URL: origin,
      NEXT_TELEMETRY_DISABLED: '1',
      WEB_CONCURRENCY: '1',
      // Workers forked by node:cluster inherit it.
      NODE_OPTIONS: `--require ${recorder}`,
      REQUEST_RECORD_FILE: recordFile,
      ...env,
    },
  });
  let log = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })));
  const received = () =>
    new Map(
      fs
        .readFileSync(recordFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' ').map(Number) as [number, number]),
    );
  const processes = Number(env.WEB_CONCURRENCY ?? 1);
  await expect
    .poll(
      () => {
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it served:\n${log}`);
        // Every process listening, not only the first one ready.
        return (log.match(/serving build/g) ?? []).length;
      },
      { timeout: 60_000, intervals: [100] },
    )
    .toBe(processes);
  await expect.poll(async () => (await fetch(`${origin}/healthz`).catch(() => null))?.status ?? 0, { timeout: 10_000 }).toBe(200);
  return { pid: child.pid!, origin, log: () => log, exited, received };
}

/**
 * Kills the server's process group, then makes sure the test ran against one build: another `next build`
 * rewriting .next/ meanwhile would make any outcome meaningless, so that replaces it.
 */
function cleanUp(server: Server | undefined, build: string): void {
  try {
    if (server) process.kill(-server.pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
  if (buildStamp() !== build) throw new Error(`.next/ was rebuilt while this test ran (${build} → ${buildStamp()}): run it again`);
}

function buildStamp(): string {
  try {
    return `build ${fs.readFileSync(BUILD_ID_FILE, 'utf8').trim()} of ${fs.statSync(SERVER).mtime.toISOString()}`;
  } catch {
    return 'no build';
  }
}

/** A temporary folder with a database seeded from CORPUS_SIZE generated articles, and the articles' paths. */
async function seededCorpus(): Promise<{ dir: string; databaseFile: string; paths: string[] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-ops-'));
  const corpus = path.join(dir, 'content');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/generate-content.ts', '--count', String(CORPUS_SIZE), '--out', corpus, '--force'], { cwd: root, stdio: 'pipe' });
  const databaseFile = path.join(dir, 'news.db');
  const seed = await runSeedAsync(databaseFile, corpus);
  expect(seed.status, seed.stderr).toBe(0);
  const slugs = fs.readdirSync(path.join(corpus, 'articles')).map((name) => name.replace(/\.md$/, ''));
  expect(slugs).toHaveLength(CORPUS_SIZE);
  return { dir, databaseFile, paths: slugs.map((slug) => `/articles/${slug}`) };
}

/** One try of a GET, as a reverse proxy sees it. */
type Attempt = {
  id: number;
  path: string;
  startedAt: number;
  endedAt: number;
  /** Sent over a keep-alive socket an earlier request had used (http.ClientRequest.reusedSocket). */
  reusedSocket: boolean;
  /** Bytes of this request's response that arrived. */
  responseBytes: number;
  /** The second try of a request whose first met a closing keep-alive socket. */
  retry: boolean;
  /**
   * refused: no TCP connection was established (ECONNREFUSED).
   * failed-before-response: the connection was established, then closed before any byte of a response.
   * cut-mid-response: the response began and did not end.
   */
  result: 'complete' | 'refused' | 'failed-before-response' | 'cut-mid-response';
  status?: number;
  body?: string;
  error?: string;
};

let nextRequestId = 1;

/** node:http rather than fetch: it says whether the socket was reused and how much of a response came back. */
function get(origin: string, urlPath: string, agent: http.Agent | false, retry = false): Promise<Attempt> {
  return new Promise((resolve) => {
    const id = nextRequestId++;
    const startedAt = Date.now();
    let socket: Socket | undefined;
    let bytesBefore = 0;
    let connected = false;
    const request = http.get(`${origin}${urlPath}`, { agent, headers: { [REQUEST_ID]: String(id) } });
    const finish = (result: Attempt['result'], extra: Partial<Attempt> = {}) =>
      resolve({
        id,
        path: urlPath,
        startedAt,
        endedAt: Date.now(),
        reusedSocket: request.reusedSocket,
        responseBytes: socket ? socket.bytesRead - bytesBefore : 0,
        retry,
        result,
        ...extra,
      });
    request.on('socket', (assigned) => {
      socket = assigned;
      bytesBefore = assigned.bytesRead;
      if (assigned.connecting) assigned.once('connect', () => (connected = true));
      else connected = true;
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', () => {});
      response.on('close', () => {
        if (response.complete) finish('complete', { status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') });
        else finish('cut-mid-response', { status: response.statusCode, error: 'the connection closed before the response ended' });
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish(connected ? 'failed-before-response' : 'refused', { error: `${error.code ?? ''} ${error.message}`.trim() });
    });
  });
}

/**
 * CLIENTS sequential clients over one keep-alive agent, each taking the next article not yet requested,
 * until its request is refused (the server stopped listening) or `stop()` says so. `attempts` holds every
 * try as it ends.
 *
 * The one retry: HTTP/1.1 lets either side close an idle keep-alive connection at any moment (RFC 9112
 * §9.6), and a stopping server closes its idle ones; a request written to such a socket dies unread, and
 * the client sees "socket hang up"/"other side closed"/ECONNRESET with no byte of a response. A load
 * balancer (nginx's proxy_next_upstream error, the `reusedSocket` retry in Node's documentation) sends such
 * a GET again on a fresh connection, and so do these clients, once. Whether the server had read the first
 * try is then checked against its own record, not guessed.
 */
function startLoad(origin: string, paths: string[], stop: () => boolean): { attempts: Attempt[]; finished: Promise<void> } {
  const agent = new http.Agent({ keepAlive: true });
  const attempts: Attempt[] = [];
  let next = 0;
  const client = async () => {
    while (!stop()) {
      const urlPath = paths[next++ % paths.length]!;
      let attempt = await get(origin, urlPath, agent);
      attempts.push(attempt);
      if (attempt.result === 'failed-before-response' && attempt.reusedSocket && attempt.responseBytes === 0) {
        attempt = await get(origin, urlPath, false, true);
        attempts.push(attempt);
      }
      if (attempt.result === 'refused') return;
    }
  };
  const finished = Promise.all(Array.from({ length: CLIENTS }, client)).then(
    () => agent.destroy(),
    (error: unknown) => {
      agent.destroy();
      throw error;
    },
  );
  return { attempts, finished };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends SIGTERM once the load has run LOAD_BEFORE_SIGTERM_MS and every client has had an answer (its socket
 * is a reused keep-alive one from then on; a slow machine takes longer); returns once the load and the
 * server have ended.
 */
async function sigtermUnderLoad(server: Server, paths: string[]) {
  // Warm: the first request a server answers loads Next's modules, which would dwarf a page's render.
  const warm = await fetch(`${server.origin}/`);
  await warm.arrayBuffer();
  expect(warm.status).toBe(200);
  // Infinity until the signal is sent: nothing is "after SIGTERM" before it.
  let sigtermAt = Number.POSITIVE_INFINITY;
  let exit: Exit | undefined;
  void server.exited.then((value) => (exit = value));
  const loadStarted = Date.now();
  // Until the server is gone or, if it never goes, a while after the limit, so that the test can say so.
  const load = startLoad(server.origin, paths, () => exit !== undefined || Date.now() - sigtermAt > STOP_LIMIT_MS + 2000);
  await sleep(LOAD_BEFORE_SIGTERM_MS);
  await expect.poll(() => load.attempts.filter((attempt) => attempt.result === 'complete').length, { timeout: 30_000, intervals: [20] }).toBeGreaterThanOrEqual(CLIENTS);
  sigtermAt = Date.now();
  process.kill(server.pid, 'SIGTERM');
  await load.finished;
  const { attempts } = load;
  const exited = await Promise.race([server.exited, sleep(STOP_LIMIT_MS + 2000).then(() => undefined)]);
  return { attempts, sigtermAt, exited, loadMs: Date.now() - loadStarted };
}

function explain(attempt: Attempt, sigtermAt: number): string {
  return (
    `#${attempt.id} ${attempt.path}: ${attempt.result} ${attempt.status ?? ''} ${attempt.error ?? ''} (${attempt.retry ? 'retry, ' : ''}` +
    `${attempt.reusedSocket ? 'reused' : 'new'} connection, ${attempt.responseBytes} response bytes, sent ${attempt.startedAt - sigtermAt} ms after SIGTERM)`
  );
}

/** Every try, sorted by what its outcome means, against the server's record of what it read. */
function summarize(attempts: Attempt[], received: Map<number, number>, sigtermAt: number) {
  const complete = attempts.filter((attempt) => attempt.result === 'complete');
  const unanswered = attempts.filter((attempt) => attempt.result !== 'complete');
  const unread = unanswered.filter((attempt) => !received.has(attempt.id));
  const list = (selected: Attempt[]) => selected.map((attempt) => explain(attempt, sigtermAt));
  return {
    requests: attempts.filter((attempt) => !attempt.retry).length,
    complete: complete.length,
    /** Sent before SIGTERM, answered after it (read by the server before it, or queued on its connection). */
    inFlightAtSigterm: complete.filter((attempt) => attempt.startedAt < sigtermAt && attempt.endedAt > sigtermAt).length,
    /** Of those, the ones the server had already read when the signal was sent. */
    readBeforeSigterm: complete.filter((attempt) => received.get(attempt.id)! < sigtermAt && attempt.endedAt > sigtermAt).length,
    answeredAfterSigterm: complete.filter((attempt) => attempt.endedAt > sigtermAt).length,
    /** Answered, yet not in the record: the record would be blind and prove nothing. */
    answeredUnrecorded: list(complete.filter((attempt) => !received.has(attempt.id))),
    notWholePages: list(complete.filter((attempt) => attempt.status !== 200 || !attempt.body!.trimEnd().endsWith('</html>'))),
    /** Read by the server, never answered in full. */
    lost: list(unanswered.filter((attempt) => received.has(attempt.id))),
    refused: unread.filter((attempt) => attempt.result === 'refused'),
    keepAliveRaces: unread.filter((attempt) => attempt.result === 'failed-before-response' && attempt.reusedSocket).length,
    /** A new connection the listener accepted and closed without the server reading its request. */
    resetNewConnections: list(unread.filter((attempt) => attempt.result === 'failed-before-response' && !attempt.reusedSocket)),
    retried: attempts.filter((attempt) => attempt.retry).length,
  };
}

function expectCleanStop(
  server: Server,
  run: Awaited<ReturnType<typeof sigtermUnderLoad>>,
  servingPids: number[],
  { tolerateResetNewConnections }: { tolerateResetNewConnections: boolean },
) {
  const summary = summarize(run.attempts, server.received(), run.sigtermAt);
  const stopMs = run.exited ? run.exited.at - run.sigtermAt : undefined;
  test.info().annotations.push({
    type: 'shutdown under load',
    description:
      `${summary.requests} requests in ${run.loadMs} ms from ${CLIENTS} keep-alive clients: ${summary.complete} complete, ` +
      `${summary.inFlightAtSigterm} sent before SIGTERM and answered after it (${summary.readBeforeSigterm} of them already read by the server), ` +
      `${summary.answeredAfterSigterm} answered after it in all, ` +
      `${summary.refused.length} refused after it, ${summary.keepAliveRaces} keep-alive races (${summary.retried} retried), ` +
      `${summary.resetNewConnections.length} new connections reset unread; exit ${run.exited?.code ?? 'none'} ${stopMs ?? '-'} ms after SIGTERM`,
  });
  // The process stopped by itself, cleanly, before an orchestrator would have sent SIGKILL.
  expect(run.exited, `no exit within ${STOP_LIMIT_MS} ms of SIGTERM; log:\n${server.log()}`).toBeDefined();
  expect(run.exited!.signal).toBeNull();
  expect(run.exited!.code, server.log()).toBe(0);
  expect(stopMs!).toBeLessThan(STOP_LIMIT_MS);
  expect(summary.answeredUnrecorded).toEqual([]);
  // The kill landed under load: requests were on their way or being rendered when it came, and were answered.
  expect(summary.inFlightAtSigterm).toBeGreaterThan(0);
  // Every request the server read was answered in full: 200 and the whole page.
  expect(summary.lost, server.log()).toEqual([]);
  expect(summary.notWholePages, server.log()).toEqual([]);
  expect(summary.complete).toBeGreaterThan(CLIENTS);
  // Refusals are new connections after the listener closed, never before SIGTERM.
  expect(summary.refused.filter((attempt) => attempt.startedAt < run.sigtermAt).map((attempt) => explain(attempt, run.sigtermAt))).toEqual([]);
  if (!tolerateResetNewConnections) {
    // After SIGTERM a new connection is refused, not accepted and then dropped.
    expect(summary.resetNewConnections, server.log()).toEqual([]);
  } else if (summary.resetNewConnections.length > 0) {
    test.info().annotations.push({ type: 'known defect: new connections reset while the cluster stops', description: summary.resetNewConnections.join('; ') });
  }
  // Each serving process said it was finishing its requests, and none had to cut one.
  for (const pid of servingPids) expect(server.log()).toContain(`[server] ${pid} SIGTERM: finishing requests in flight`);
  expect(server.log()).not.toContain('requests still running after');
}


function childrenOf(pid: number): number[] {
  const output = execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' }).trim();
  return output ? output.split(/\s+/).map(Number) : [];
}

test('SIGTERM under load: every request the server read is answered in full, then it exits 0', async () => {
  test.setTimeout(120_000);
  const { dir, databaseFile, paths } = await seededCorpus();
  const build = buildStamp();
  let server: Server | undefined;
  try {
    server = await startServer(PORTS.operations.sigterm, dir, databaseFile);
    const run = await sigtermUnderLoad(server, paths);
    expectCleanStop(server, run, [server.pid], { tolerateResetNewConnections: false });
    expect(processGroup(server.pid)).toEqual([]);
  } finally {
    cleanUp(server, build);
  }
});

test('SIGTERM to the primary of WEB_CONCURRENCY=2: nothing read is lost, exit 0, no worker left behind', async () => {
  test.setTimeout(120_000);
  const { dir, databaseFile, paths } = await seededCorpus();
  const build = buildStamp();
  let server: Server | undefined;
  try {
    server = await startServer(PORTS.operations.sigtermPrimary, dir, databaseFile, { WEB_CONCURRENCY: '2' });
    const workers = childrenOf(server.pid);
    expect(workers).toHaveLength(2);
    // The workers, not the primary, serve and log.
    for (const pid of workers) expect(server.log()).toContain(`[server] ${pid} serving build`);
    const run = await sigtermUnderLoad(server, paths);
    // Known defect, reported and not fixed here: the primary's listener keeps accepting connections until the
    // last worker has closed its server, then closes those no worker took, unread. A load balancer retries
    // them; this test lists them in an annotation. Make it strict (false) once the server refuses them.
    expectCleanStop(server, run, workers, { tolerateResetNewConnections: true });
    // The workers are gone, not orphaned: nothing is left in the group, and nothing listens on the port.
    expect(processGroup(server.pid)).toEqual([]);
    for (const pid of workers) expect(fs.existsSync(`/proc/${pid}`) && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('newsline-server')).toBe(false);
    expect((await get(server.origin, '/healthz', false)).result).toBe('refused');
  } finally {
    cleanUp(server, build);
  }
});

test('/healthz: 200 with what is served, 503 naming the file while it is gone, 405 for other methods; never cached', async ({ request }) => {
  test.setTimeout(60_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-health-'));
  const databaseFile = path.join(dir, 'news.db');
  const seededFrom = Date.now();
  const seed = await runSeedAsync(databaseFile, 'content');
  expect(seed.status, seed.stderr).toBe(0);
  const build = buildStamp();
  const buildId = fs.readFileSync(BUILD_ID_FILE, 'utf8').trim();
  let server: Server | undefined;
  try {
    server = await startServer(PORTS.operations.health, dir, databaseFile);
    const healthz = `${server.origin}/healthz`;

    const ok = await request.get(healthz);
    expect(ok.status()).toBe(200);
    expect(ok.headers()['cache-control']).toBe('no-store');
    expect(ok.headers()['content-type']).toContain('application/json');
    const body = await ok.json();
    expect(body).toEqual({ status: 'ok', database: { file: databaseFile, schema: 'current', articles: 7, lastSeedAt: expect.any(String) }, build: buildId });
    expect(body.database.lastSeedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    const seededAt = Date.parse(body.database.lastSeedAt);
    expect(seededAt).toBeGreaterThanOrEqual(seededFrom - 1000);
    expect(seededAt).toBeLessThanOrEqual(Date.now());

    const head = await request.head(healthz);
    expect(head.status()).toBe(200);
    expect(await head.text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      const refused = await request.fetch(healthz, { method });
      expect(refused.status(), method).toBe(405);
      expect(refused.headers().allow, method).toBe('GET, HEAD');
    }

    // The file moved away (a botched deploy, a volume not mounted): 503 and why, within the server's re-check.
    fs.renameSync(databaseFile, `${databaseFile}.moved`);
    await expect.poll(async () => (await request.get(healthz)).status(), { timeout: 5000, intervals: [100] }).toBe(503);
    const down = await request.get(healthz);
    expect(down.headers()['cache-control']).toBe('no-store');
    const downBody = await down.json();
    expect(downBody).toEqual({ status: 'unavailable', reason: expect.stringContaining(databaseFile), build: buildId });
    expect(downBody.reason).toContain('does not exist');

    // Back in place: healthy again, without a restart.
    fs.renameSync(`${databaseFile}.moved`, databaseFile);
    await expect.poll(async () => (await request.get(healthz)).status(), { timeout: 5000, intervals: [100] }).toBe(200);
    expect((await (await request.get(healthz)).json()).database.articles).toBe(7);

    // A load balancer polls this: the cost of 1,000 checks in a row is reported, not asserted (house rule).
    const started = performance.now();
    for (let i = 0; i < 1000; i++) {
      const response = await fetch(healthz);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`check ${i} answered ${response.status}`);
    }
    test.info().annotations.push({ type: 'healthz', description: `1,000 sequential GET /healthz over keep-alive in ${Math.round(performance.now() - started)} ms` });
  } finally {
    cleanUp(server, build);
  }
});

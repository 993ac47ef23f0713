/**
 * `npm run smoke [-- --articles 3000] [--duration 20] [--port 3400]`
 *
 * A production smoke test for another Node line (CI runs it on Node 26 after the main run on
 * Node 24), on the build already in .next/: generates a corpus, seeds it into a temporary
 * database (the seed must exit 0: better-sqlite3 12 aborted here on Node >= 24.19), starts the
 * site as an operator does (scripts/start.ts), and loads it with autocannon over every article
 * of the corpus plus the home page and a section page. Cycling through thousands of articles
 * keeps the server rendering cold pages, so the garbage collector finalises prepared
 * statements while requests are in flight. Passes when no request failed, the server is still
 * up, and an article still renders its headline. Prints one summary line; exits 1 naming what
 * failed. Always stops the server's whole process group and removes its temporary files.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { VFile } from 'vfile';
import { matter } from 'vfile-matter';
import { nameToSlug } from '@/lib/slug';
import { articlePath, HOME_PATH, sectionPath } from '@/lib/paths';
import { buildStatus } from './build-fingerprint';

const root = path.resolve(__dirname, '..');
/** Enough distinct articles that the load is mostly cold renders, not cache hits. */
const MIN_ARTICLES = 500;
const CONNECTIONS = 20;
const READY_TIMEOUT_MS = 120_000;
/** How many lines of the server's output to show when the smoke fails. */
const LOG_LINES = 60;

class SmokeFailure extends Error {}

function options(): { articles: number; duration: number; port: number } {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '3000' },
      duration: { type: 'string', default: '20' },
      port: { type: 'string', default: '3400' },
    },
  });
  const whole = (name: string, value: string, min: number, max: number) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) throw new SmokeFailure(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
    return number;
  };
  return {
    articles: whole('articles', values.articles, MIN_ARTICLES, 1_000_000),
    duration: whole('duration', values.duration, 1, 3600),
    port: whole('port', values.port, 1, 65535),
  };
}

/** Runs one of the project's scripts to completion with `node --import tsx`; throws naming the step if it does not exit 0. */
function runScript(step: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, stdio: 'inherit' });
  if (result.error) throw new SmokeFailure(`${step} could not start: ${result.error.message}`);
  // A shell reports a signal as 128 + its number (SIGABRT: 134); say both.
  if (result.signal) throw new SmokeFailure(`${step} was killed by ${result.signal} (exit ${128 + os.constants.signals[result.signal]})`);
  if (result.status !== 0) throw new SmokeFailure(`${step} exited ${result.status}`);
}

/** The headline and section of one article, read from its file with the library the seed uses. */
function readArticle(corpus: string, slug: string): { title: string; section: string } {
  const file = new VFile(fs.readFileSync(path.join(corpus, 'articles', `${slug}.md`), 'utf8'));
  matter(file);
  const { title, section } = file.data.matter as { title?: unknown; section?: unknown };
  if (typeof title !== 'string' || typeof section !== 'string') throw new SmokeFailure(`${slug}.md has no title or section in its front matter`);
  return { title, section };
}

/** Text as React writes it into HTML. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' })[character]!);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function exitDescription(child: ChildProcess): string {
  return child.signalCode ? `was killed by ${child.signalCode}` : `exited ${child.exitCode}`;
}

/** Waits until GET `url` answers 200; fails at once if the server exits first. */
async function waitUntilServing(url: string, server: ChildProcess): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < READY_TIMEOUT_MS) {
    if (!isRunning(server)) throw new SmokeFailure(`the server ${exitDescription(server)} before it answered ${url}`);
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    await response?.arrayBuffer();
    if (response?.status === 200) return;
    await sleep(250);
  }
  throw new SmokeFailure(`${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Is any process of the group led by `pid` still alive? */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops scripts/start.ts and the server it runs (its whole process group): politely, then not. */
async function stopServer(server: ChildProcess): Promise<void> {
  const pid = server.pid;
  if (pid === undefined) return;
  signalGroup(pid, 'SIGTERM');
  for (let waited = 0; waited < 10_000 && groupAlive(pid); waited += 100) await sleep(100);
  if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
  for (let waited = 0; waited < 5_000 && groupAlive(pid); waited += 100) await sleep(100);
}

async function main(): Promise<number> {
  const { articles, duration, port } = options();
  const origin = `http://127.0.0.1:${port}`;
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    throw new SmokeFailure(`there is no production build in ${path.join(root, '.next')}: run \`npm run build\` first (the smoke tests a build, it does not make one)`);
  }
  // Otherwise the wait below could take another server's answer for ours.
  if (await fetch(origin, { signal: AbortSignal.timeout(5_000) }).then(() => true, () => false)) {
    throw new SmokeFailure(`something already answers on ${origin}: stop it or pass another --port`);
  }
  const build = buildStatus(root);
  if (build.stale) console.warn(`Note: ${build.reason}: scripts/start.ts builds again before it serves.`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'news-smoke-'));
  const corpus = path.join(work, 'content');
  const databaseFile = path.join(work, 'news.db');
  let server: ChildProcess | undefined;
  const serverLog: string[] = [];
  // CI cancelling the job must not leave a server holding the port (it runs in its own process group).
  const onSignal = (signal: NodeJS.Signals) => {
    if (server?.pid !== undefined) signalGroup(server.pid, 'SIGKILL');
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(128 + os.constants.signals[signal]);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log(`Generating ${articles} articles…`);
    runScript('generating the corpus', ['scripts/generate-content.ts', '--count', String(articles), '--out', corpus, '--force'], process.env);
    console.log('Seeding…');
    runScript('the seed', ['db/seed/cli.ts', '--dir', corpus], { ...process.env, DATABASE_PATH: databaseFile });

    const slugs = fs
      .readdirSync(path.join(corpus, 'articles'))
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.slice(0, -'.md'.length))
      .sort();
    if (slugs.length < MIN_ARTICLES) throw new SmokeFailure(`the corpus has ${slugs.length} articles, fewer than ${MIN_ARTICLES}`);
    const checked = slugs[Math.floor(slugs.length / 2)]!;
    const { title, section } = readArticle(corpus, checked);
    // Every article once per cycle, with the home page and a section page among them.
    const paths = slugs.flatMap((slug, index) => [articlePath(slug), ...(index % 25 === 0 ? [HOME_PATH, sectionPath(nameToSlug(section))] : [])]);

    console.log(`Starting the site on ${origin}…`);
    server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_PATH: databaseFile,
        SITE_URL: origin,
        NEXT_TELEMETRY_DISABLED: '1',
        HOST: '127.0.0.1',
      },
    });
    for (const stream of [server.stdout!, server.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        serverLog.push(...chunk.split('\n').filter(Boolean));
        serverLog.splice(0, Math.max(0, serverLog.length - LOG_LINES));
      });
    }
    await waitUntilServing(`${origin}/`, server);

    console.log(`Loading ${paths.length} URLs for ${duration} s over ${CONNECTIONS} connections…`);
    let next = 0;
    const result = await autocannon({
      url: origin,
      connections: CONNECTIONS,
      duration,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
    });

    const failures: string[] = [];
    // autocannon counts timeouts among its errors.
    if (result.errors > 0) failures.push(`${result.errors} request errors (${result.timeouts} timeouts)`);
    if (result.non2xx > 0) failures.push(`${result.non2xx} non-2xx responses (${JSON.stringify(result.statusCodeStats ?? {})})`);
    if (!isRunning(server)) failures.push(`the server ${exitDescription(server)} during the load`);
    else {
      const response = await fetch(`${origin}${articlePath(checked)}`, { signal: AbortSignal.timeout(30_000) }).catch((error: unknown) => error as Error);
      if (response instanceof Error) failures.push(`the final GET of ${articlePath(checked)} failed: ${response.message}`);
      else if (response.status !== 200) failures.push(`the final GET of ${articlePath(checked)} answered ${response.status}`);
      else if (!(await response.text()).includes(escapeHtml(title))) failures.push(`${articlePath(checked)} does not show its headline "${title}"`);
    }

    const seconds = (result.duration || duration).toFixed(0);
    console.log(
      `\nsmoke: Node ${process.version}, ${articles} articles, ${result.requests.total} requests in ${seconds} s ` +
        `(${result.requests.average.toFixed(0)} req/s), p99 ${result.latency.p99} ms, ${result.errors} errors, ${result.non2xx} non-2xx`,
    );
    if (failures.length === 0) {
      console.log('smoke passed');
      return 0;
    }
    if (serverLog.length > 0) console.error(`\nLast lines of the server's output:\n${serverLog.join('\n')}\n`);
    console.error(`smoke failed: ${failures.join('; ')}`);
    return 1;
  } catch (error) {
    if (serverLog.length > 0) console.error(`\nLast lines of the server's output:\n${serverLog.join('\n')}\n`);
    throw error;
  } finally {
    if (server) await stopServer(server);
    fs.rmSync(work, { recursive: true, force: true });
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`smoke failed: ${error instanceof SmokeFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);

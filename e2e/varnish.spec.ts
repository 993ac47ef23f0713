import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Request, expect, test } from '@playwright/test';
import { PAGE_SIZE } from '../lib/pagination';
import { nameToSlug } from '../lib/slug';
import { runSeedAsync } from '../test/run-seed';
import { originOf, PORTS } from './ports';
import { processGroup, readable, readAll, removeTemporaryFolders, sitemapPaths, temporaryFolder } from './support';

/**
 * The site behind Varnish as deploy/varnish/ runs it (run.sh, default.vcl): what readers get from the cache, and
 * what an operator relies on (a seed with PURGE_URLS purges exactly what it changed; the cache keeps serving while
 * the site is down; a cache that cannot be reached does not fail a seed). Each test seeds its own copy of content/
 * into a temporary database, and starts its own production server (.next/newsline-server.cjs) and its own Varnish
 * in front of it, on ports of their own (e2e/ports.ts PORTS.varnish): tests in this file run in parallel.
 */

const ROOT = path.resolve(__dirname, '..');
const SERVER_SCRIPT = path.join(ROOT, '.next', 'newsline-server.cjs');
const RUN_VARNISH = path.join(ROOT, 'deploy', 'varnish', 'run.sh');

const VARNISHD = ['/usr/sbin/varnishd', ...(process.env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'varnishd'))].find((file) => fs.existsSync(file));
const hasVarnish = VARNISHD !== undefined;
const VARNISHADM = VARNISHD && [path.join(path.dirname(VARNISHD), 'varnishadm'), '/usr/bin/varnishadm'].find((file) => fs.existsSync(file));

test.skip(!hasVarnish, 'varnishd is not installed: apt-get install varnish varnish-modules');

/** Stop limits an orchestrator would allow. */
const STOP_LIMIT_MS = 10_000;

/** The story whose headline changes: linked from three others, on the front page, in feeds and listings. */
const CHANGED = 'we-can-be-heroes-plot-explained';
const OLD_HEADLINE = "What 'We Can Be Heroes' is about: when the kids have to save the planet";
/** Starts differently from the old one: story-map labels keep only the first 33 characters. */
const NEW_HEADLINE = "Kids & aliens: what 'We Can Be Heroes' is really about";
/** Pieces of the old headline that no other text on the site contains, so a cut label is caught too. */
const OLD_PIECES = ["What 'We Can Be Heroes' is about", 'when the kids have to save the planet'];

/**
 * Stories that share nothing with the sample (their own author, section and tag, no links, older than everything),
 * added before the first seed: what their feeds and maps show is untouched by a headline change in the sample, so
 * the cache must keep them. A purge of everything would fail this; exact keys pass it.
 */
const ISLAND = { author: 'weather-desk', section: 'Weather', tag: 'Rainfall' };
const islandSlug = (index: number) => `weather-report-${String(index).padStart(2, '0')}`;
const islandHeadline = (index: number) => `Weather report ${index}: the valley's rainfall in June`;

// ---------------------------------------------------------------- content

test.afterEach(removeTemporaryFolders);

/** content/ copied to a temporary folder, plus `islandStories` stories of the unrelated Weather desk, oldest first. */
function sampleWithIsland(islandStories = 1): string {
  const dir = temporaryFolder('news-varnish-content-');
  fs.cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'authors', `${ISLAND.author}.md`), '---\nname: Weather Desk\norganization: Newsline\n---\nRain, sun and the numbers behind them.\n');
  for (let index = 1; index <= islandStories; index++) {
    const published = new Date(Date.UTC(2020, 5, index, 8));
    fs.writeFileSync(
      path.join(dir, 'articles', `${islandSlug(index)}.md`),
      [
        '---',
        `title: ${JSON.stringify(islandHeadline(index))}`,
        `author: ${ISLAND.author}`,
        `section: ${ISLAND.section}`,
        `tags: [${ISLAND.tag}]`,
        `publishedAt: ${published.toISOString().replace('.000', '')}`,
        '---',
        '',
        `Gauges across the valley recorded ${index * 7} mm of rain on this day.`,
        '',
      ].join('\n'),
    );
  }
  return dir;
}

/** Rewrites one front matter line of an article in the copy, failing if the line is not there. */
function editArticle(dir: string, slug: string, from: string | RegExp, to: string): void {
  const file = path.join(dir, 'articles', `${slug}.md`);
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace(from, to);
  expect(edited, `${file} should contain ${String(from)}`).not.toBe(text);
  fs.writeFileSync(file, edited);
}

const setHeadline = (dir: string, from: string, to: string) => editArticle(dir, CHANGED, `title: ${JSON.stringify(from)}`, `title: ${JSON.stringify(to)}`);

type Seeded = { finishedAt: number; stdout: string; stderr: string };

/**
 * `npm run db:seed` of `dir` into `databaseFile`; `purgeUrls` is PURGE_URLS, and empty means none (whatever the
 * environment running the tests says).
 */
async function seed(databaseFile: string, dir: string, purgeUrls = ''): Promise<Seeded> {
  const result = await runSeedAsync(databaseFile, dir, { PURGE_URLS: purgeUrls });
  const finishedAt = Date.now();
  expect(result.status, `the seed exits 0:\n${result.stdout}\n${result.stderr}`).toBe(0);
  expect(result.stdout).toContain(`Seeded ${databaseFile}`);
  return { finishedAt, stdout: result.stdout, stderr: result.stderr };
}

/** The "purged <url>: N cached objects dropped" line of a seed, as N; fails if there is none for `url`. */
function objectsPurged(seeded: Seeded, url: string): number {
  const line = new RegExp(`^ {2}purged ${url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: (\\d+) cached objects? dropped$`, 'm').exec(seeded.stdout);
  expect(line, `the seed says what it purged from ${url}:\n${seeded.stdout}\n${seeded.stderr}`).not.toBeNull();
  return Number(line![1]);
}

// ---------------------------------------------------------------- processes

type Exit = { code: number | null; signal: NodeJS.Signals | null };

type Process = { pid: number; log: () => string; exited: Promise<Exit>; running: () => boolean };

/** Spawns `command` in its own process group (so `finally` can kill everything it started), collecting its output. */
function spawnInGroup(command: string, args: string[], env: Record<string, string>): Process {
  const child: ChildProcess = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let log = '';
  for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { pid: child.pid!, log: () => log, exited, running: () => child.exitCode === null && child.signalCode === null };
}

/** SIGKILL to the whole group; nothing to do if it is already gone. */
function killGroup(proc: Process | undefined): void {
  if (!proc) return;
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}


/** Resolves with the exit, or undefined if there is none within `ms`. */
const exitWithin = (proc: Process, ms: number) => Promise.race([proc.exited, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);

/** Whether something accepts connections on 127.0.0.1:`port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function expectPortFree(port: number): Promise<void> {
  // A stray server left on the port would answer for ours.
  expect(await listening(port), `port ${port} is taken: stop what listens there`).toBe(false);
}

type Server = Process & { origin: string };

/** `node .next/newsline-server.cjs` on `port`, serving `databaseFile`, once it says it serves (its own pid in the line). */
async function startServer(port: number, databaseFile: string, env: Record<string, string> = {}): Promise<Server> {
  for (let waited = 0; !fs.existsSync(SERVER_SCRIPT); waited += 5000) {
    // Another engineer owns the build: it may be being rewritten right now.
    if (waited > 120_000) throw new Error(`${SERVER_SCRIPT} is missing: run npm run build`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  await expectPortFree(port);
  const origin = originOf(port);
  const server = spawnInGroup(process.execPath, [SERVER_SCRIPT], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: databaseFile,
    SITE_URL: origin,
    NEXT_TELEMETRY_DISABLED: '1',
    WEB_CONCURRENCY: '1',
    ...env,
  });
  try {
    await expect
      .poll(
        () => {
          if (!server.running()) throw new Error(`the server on ${port} exited before it served:\n${server.log()}`);
          return server.log().includes(`[server] ${server.pid} serving build`);
        },
        { message: `the server on ${port} serves`, timeout: 60_000, intervals: [50] },
      )
      .toBe(true);
    const health = await fetch(`${origin}/healthz`);
    expect(health.status, server.log()).toBe(200);
    expect((await health.json()).database.file).toBe(databaseFile);
  } catch (error) {
    killGroup(server);
    throw error;
  }
  return { ...server, origin };
}

type Varnish = Process & { origin: string; workdir: string };

/**
 * deploy/varnish/run.sh on `port` in front of `backendPort`, once it answers through to a healthy backend (the
 * VCL's probe starts the backend sick until its first check passes). Its working directory is kept in a
 * temporary folder, so `varnishadm -n <workdir>/state` can ask it about the backend.
 */
async function startVarnish(port: number, backendPort: number): Promise<Varnish> {
  await expectPortFree(port);
  const origin = originOf(port);
  const parent = temporaryFolder('news-varnish-work-');
  // varnishd, started as root, reads the VCL as its own unprivileged user: mkdtemp's 0700 would lock it out.
  fs.chmodSync(parent, 0o755);
  const workdir = path.join(parent, 'varnish');
  const varnish = spawnInGroup(RUN_VARNISH, ['--listen', `127.0.0.1:${port}`, '--backend', `127.0.0.1:${backendPort}`, '--workdir', workdir], {});
  try {
    await expect
      .poll(
        async () => {
          // A VCL that does not compile (varnish-modules missing: no xkey) ends it here, with varnishd's reason.
          if (!varnish.running()) throw new Error(`Varnish on ${port} exited before it served:\n${varnish.log()}`);
          const response = await fetch(`${origin}/healthz`).catch(() => undefined);
          await response?.arrayBuffer();
          return response ? `${response.status} ${response.headers.get('x-cache')}` : 'not listening';
        },
        { message: `Varnish on ${port} answers through to the site`, timeout: 30_000, intervals: [100] },
      )
      .toBe('200 MISS');
  } catch (error) {
    killGroup(varnish);
    throw error;
  }
  return { ...varnish, origin, workdir };
}

type Stack = { server: Server; varnish: Varnish; databaseFile: string };

/**
 * Seeds `dir` into a new database, starts a server on it and Varnish in front, runs `body`, then stops Varnish as
 * an operator would (SIGTERM) and checks it went cleanly: exit 0 within STOP_LIMIT_MS, no process left behind.
 * Whatever happens, both process groups are killed at the end.
 */
async function withStack(ports: { server: number; varnish: number }, dir: string, body: (stack: Stack) => Promise<void>, serverEnv: Record<string, string> = {}): Promise<void> {
  const build = buildStamp();
  const databaseFile = path.join(temporaryFolder('news-varnish-db-'), 'news.db');
  await seed(databaseFile, dir);
  let server: Server | undefined;
  let varnish: Varnish | undefined;
  try {
    server = await startServer(ports.server, databaseFile, serverEnv);
    varnish = await startVarnish(ports.varnish, ports.server);
    await body({ server, varnish, databaseFile });

    process.kill(varnish.pid, 'SIGTERM');
    const exit = await exitWithin(varnish, STOP_LIMIT_MS);
    expect(exit, `Varnish stops on SIGTERM within ${STOP_LIMIT_MS} ms:\n${varnish.log()}`).toEqual({ code: 0, signal: null });
    expect(processGroup(varnish.pid), 'nothing of Varnish is left running').toEqual([]);
    expect(await listening(ports.varnish)).toBe(false);
  } catch (error) {
    for (const proc of [server, varnish]) if (proc) await test.info().attach(`${proc.origin} log`, { body: proc.log(), contentType: 'text/plain' });
    throw error;
  } finally {
    killGroup(varnish);
    killGroup(server);
    await Promise.all([varnish, server].map((proc) => proc && exitWithin(proc, STOP_LIMIT_MS)));
    // Another `next build` rewriting .next/ meanwhile would make any outcome meaningless.
    if (buildStamp() !== build) throw new Error(`.next/ was rebuilt while this test ran (${build} → ${buildStamp()}): run it again`);
  }
}

function buildStamp(): string {
  try {
    return `build ${fs.readFileSync(path.join(ROOT, '.next', 'BUILD_ID'), 'utf8').trim()} of ${fs.statSync(SERVER_SCRIPT).mtime.toISOString()}`;
  } catch {
    return 'no build';
  }
}

// ---------------------------------------------------------------- reading pages

type Fetched = { url: string; status: number; cache: string | null; contentType: string; headers: Headers; body: string };

/**
 * One GET (or another method) through Varnish. Every response is checked for what readers must never see: the
 * surrogate keys the site sends for purging.
 */
async function get(origin: string, url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Fetched> {
  const response = await fetch(`${origin}${url}`, { redirect: 'manual', ...init });
  const fetched = {
    url,
    status: response.status,
    cache: response.headers.get('x-cache'),
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: await response.text(),
  };
  expect(response.headers.get('xkey'), `${url}: readers never see the purge keys`).toBeNull();
  expect(response.headers.get('surrogate-key'), `${url}: readers never see the purge keys`).toBeNull();
  return fetched;
}

/** GETs each URL until Varnish serves it from its cache; URLs it does not keep (404s) are left as they are. */
async function warm(origin: string, urls: string[]): Promise<void> {
  for (const url of urls) {
    const first = await get(origin, url);
    expect([200, 404], `${origin}${url}`).toContain(first.status);
    if (first.status !== 200) continue;
    await expect.poll(async () => (await get(origin, url)).cache, { message: `${origin}${url} is cached`, timeout: 5000, intervals: [0, 100, 250] }).toBe('HIT');
  }
}



/** The old headline, whole or cut (story-map labels), in any spelling. */
const showsOldHeadline = (body: string) => OLD_PIECES.some((piece) => readable(body).includes(piece));
/** Search results highlight the words matched (<mark>): the headline is read with tags removed. */
const shows = (body: string, headline: string) => readable(body.replace(/<\/?mark>/g, '')).includes(headline);
const headlineOf = (html: string) => readable(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '');
const isHtml = (body: string) => /^\s*<!DOCTYPE html>/i.test(body) || /<html[\s>]/i.test(body);


/** Every URL type the site serves, from its own sitemap: pages, their feeds, story maps and graph.json, search. */
function urlsFor(pages: string[]): string[] {
  const urls = new Set(['/feed.xml', '/sitemap.xml', '/search?q=heroes']);
  for (const page of pages) {
    urls.add(page);
    if (/^\/(sections|tags|authors)\//.test(page)) urls.add(`${page}/feed.xml`);
    if (page.startsWith('/articles/')) urls.add(`${page}/related`).add(`${page}/graph.json`);
  }
  return [...urls];
}

const articleUrl = (slug: string) => `/articles/${slug}`;

/** The request headers of a client-side navigation (Next's router), as a browser sends them. */
const ROUTER_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-url'];

/** A router state tree as Next's client sends it from the front page. */
const FRONT_PAGE_TREE = encodeURIComponent(JSON.stringify(['', { children: ['__PAGE__', {}] }, null, null, true]));

// ---------------------------------------------------------------- tests

test('one cached copy per page whatever readers bring; keys stay private; only GET and HEAD; PURGE is guarded', async () => {
  test.setTimeout(120_000);
  // Enough Weather stories for a second page of its section.
  const dir = sampleWithIsland(PAGE_SIZE + 1);
  await withStack(PORTS.varnish.cacheKey, dir, async ({ server, varnish }) => {
    const origin = varnish.origin;
    const article = articleUrl(CHANGED);

    // The site hands Varnish the keys of what each page shows (so the removal below is a real one).
    const direct = await fetch(`${server.origin}${article}`);
    await direct.arrayBuffer();
    expect(direct.headers.get('xkey')?.split(' ')).toContain('site');
    expect(direct.headers.get('surrogate-key')).toBe(direct.headers.get('xkey'));

    const first = await get(origin, article);
    expect(first.status).toBe(200);
    expect(first.cache).toBe('MISS');
    expect(headlineOf(first.body)).toBe(OLD_HEADLINE);
    const second = await get(origin, article);
    expect(second.cache).toBe('HIT');
    expect(second.body).toBe(first.body);

    // What browsers are told through the cache: the site's own rule (check every time), never more.
    for (const response of [first, second]) {
      const cacheControl = response.headers.get('cache-control') ?? '';
      expect(cacheControl).toMatch(/(^|,\s*)max-age=0(,|$)/);
      expect(cacheControl).not.toContain('stale-while-revalidate');
      // The page's strict script policy travels with the cached copy: its own inline scripts by hash, no other.
      const scriptSrc = (response.headers.get('content-security-policy') ?? '').split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src '));
      expect(scriptSrc).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
    }

    // A browser revalidating its copy (max-age=0: every time) gets a 304 from the cache.
    const etag = second.headers.get('etag');
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    const revalidated = await get(origin, article, { headers: { 'If-None-Match': etag! } });
    expect(`${revalidated.status} ${revalidated.cache}`).toBe('304 HIT');
    expect(revalidated.body).toBe('');

    // Cookies, campaign parameters and browsers' spellings of "gzip" do not split the cache: each is a HIT on its
    // first request.
    const variants: [string, Record<string, string>][] = [
      [article, { Cookie: 'session=reader-1; _ga=GA1.2.3' }],
      [article, { 'Accept-Encoding': 'gzip, deflate, br, zstd' }],
      [article, { 'Accept-Encoding': 'br;q=1.0, gzip;q=0.8, *;q=0.1' }],
      [`${article}?utm_source=newsletter&utm_medium=email&fbclid=IwAR0abc`, {}],
      [`${article}?gclid=EAIaIQ&utm_campaign=spring`, { Cookie: 'consent=yes' }],
    ];
    for (const [url, headers] of variants) {
      const variant = await get(origin, url, { headers });
      expect(`${variant.status} ${variant.cache}`, `${url} ${JSON.stringify(headers)}`).toBe('200 HIT');
      expect(variant.body).toBe(first.body);
    }

    // ?page is kept: page 2 of a listing is its own object, and campaign parameters around it do not split it.
    const section = `/sections/${nameToSlug(ISLAND.section)}`;
    await warm(origin, [section]);
    const pageOne = await get(origin, section);
    expect(pageOne.cache).toBe('HIT');
    const pageTwo = await get(origin, `${section}?page=2`);
    expect(`${pageTwo.status} ${pageTwo.cache}`).toBe('200 MISS');
    // Newest first: the oldest story is alone on page 2.
    expect(shows(pageTwo.body, islandHeadline(1))).toBe(true);
    expect(shows(pageOne.body, islandHeadline(1))).toBe(false);
    expect(shows(pageOne.body, islandHeadline(PAGE_SIZE + 1))).toBe(true);
    const pageTwoAgain = await get(origin, `${section}?utm_source=x&page=2&fbclid=y`);
    expect(pageTwoAgain.cache).toBe('HIT');
    expect(pageTwoAgain.body).toBe(pageTwo.body);

    // So is ?q: another search is another object.
    await warm(origin, ['/search?q=heroes']);
    expect((await get(origin, '/search?q=heroes&utm_source=x')).cache).toBe('HIT');
    const otherSearch = await get(origin, '/search?q=mandalorian');
    expect(`${otherSearch.status} ${otherSearch.cache}`).toBe('200 MISS');
    expect(shows(otherSearch.body, "Robert Rodriguez's detour into 'The Mandalorian'")).toBe(true);
    expect(otherSearch.body).not.toBe((await get(origin, '/search?q=heroes')).body);

    // Other methods never reach the site.
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const refused = await get(origin, article, { method });
      expect(refused.status, method).toBe(405);
      expect(refused.headers.get('allow'), method).toBe('GET, HEAD');
      expect(refused.headers.get('cache-control'), method).toBe('no-store');
    }

    // PURGE comes from the purgers ACL, which lists loopback only (127.0.0.1, ::1): the seed runs on the same
    // machine. From there, a PURGE must name its keys.
    const unnamed = await get(origin, '/', { method: 'PURGE' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.headers.get('x-purged')).toBeNull();
    expect((await get(origin, article)).cache, 'a refused PURGE drops nothing').toBe('HIT');

    // From any other address it is refused, keys or not: a client bound to this machine's own non-loopback
    // address (Varnish still listens on 127.0.0.1 only).
    const outside = Object.values(os.networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
    if (outside) {
      const status = await purgeFrom(outside, PORTS.varnish.cacheKey.varnish, 'site');
      expect(status, `PURGE from ${outside}`).toBe(403);
      expect((await get(origin, article)).cache, 'a refused PURGE drops nothing').toBe('HIT');
    } else {
      test.info().annotations.push({ type: 'not checked', description: 'no non-loopback IPv4 address here: PURGE from outside the ACL (403) was not tried' });
    }

    // The same PURGE from loopback does drop the page: the refusals above were refusals, not no-ops.
    const purged = await get(origin, '/', { method: 'PURGE', headers: { 'xkey-purge': 'site' } });
    expect(purged.status).toBe(200);
    expect(Number(purged.headers.get('x-purged'))).toBeGreaterThan(0);
    expect((await get(origin, article)).cache).toBe('MISS');
  });
});

/** A PURGE with `keys` sent from local address `from`; its status. */
function purgeFrom(from: string, port: number, keys: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, method: 'PURGE', path: '/', localAddress: from, headers: { 'xkey-purge': keys } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode!));
    });
    request.on('error', reject);
    request.end();
  });
}

test('client-side navigation through the cache gets RSC payloads, never the cached HTML, and HTML stays HTML', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = sampleWithIsland();
  await withStack(PORTS.varnish.rsc, dir, async ({ varnish }) => {
    const origin = varnish.origin;
    const article = articleUrl(CHANGED);
    await warm(origin, [article]);
    const html = await get(origin, article);
    expect(`${html.cache} ${html.contentType}`).toBe('HIT text/html; charset=utf-8');

    // A reader on the front page follows a link: Next's router fetches the article's RSC payload (and prefetches).
    const context = await browser.newContext();
    const routerRequests: Request[] = [];
    try {
      const page = await context.newPage();
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === article && request.headers().rsc === '1') routerRequests.push(request);
      });
      await page.goto(`${origin}/`);
      await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
      await page.getByRole('link', { name: OLD_HEADLINE }).first().click();
      await expect(page).toHaveURL(`${origin}${article}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(OLD_HEADLINE);
      // The document is the front page's: the router rendered the payload it got, no full load happened.
      expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
      expect(routerRequests.length, 'the router asked for the article').toBeGreaterThan(0);
      for (const request of routerRequests) {
        const response = await request.response();
        expect(response?.headers()['content-type'], request.url()).toBe('text/x-component');
      }
    } finally {
      await context.close();
    }

    // The same requests again, as the browser sent them: the payloads Varnish kept, not the HTML it kept.
    const replayed: Fetched[] = [];
    for (const request of routerRequests) {
      const url = new URL(request.url());
      expect(url.searchParams.has('_rsc'), `${url}: Next's cache-busting parameter`).toBe(true);
      const headers = Object.fromEntries(Object.entries(request.headers()).filter(([name]) => ROUTER_HEADERS.includes(name)));
      const again = await get(origin, `${url.pathname}${url.search}`, { headers });
      expect(`${again.status} ${again.cache} ${again.contentType}`, `${url} ${JSON.stringify(headers)}`).toBe('200 HIT text/x-component');
      expect(isHtml(again.body), url.href).toBe(false);
      replayed.push(again);
    }
    // Prefetches of the route tree carry no content; the navigation's payload carries the story.
    expect(replayed.filter((payload) => shows(payload.body, OLD_HEADLINE)).length, 'payloads with the story').toBeGreaterThan(0);
    test.info().annotations.push({ type: 'router requests', description: routerRequests.map((request) => `${request.url()} ${JSON.stringify(Object.fromEntries(Object.entries(request.headers()).filter(([name]) => ROUTER_HEADERS.includes(name))))}`).join('\n') });

    // The other order, on a story nobody asked for yet: Next's router headers without _rsc get a redirect to the
    // URL with it (never cached), where a crawler that follows a leaked ?_rsc= link gets HTML and the router still
    // gets its payload.
    const other = articleUrl('we-can-be-heroes-sequel-greenlit');
    const routerHeaders = { RSC: '1', 'Next-Router-State-Tree': FRONT_PAGE_TREE, 'Next-Url': '/' };
    const redirect = await get(origin, other, { headers: routerHeaders });
    expect(redirect.status).toBe(307);
    expect(isHtml(redirect.body)).toBe(false);
    const withRsc = redirect.headers.get('location')!;
    expect(withRsc).toMatch(new RegExp(`^${other}\\?_rsc=[\\w-]+$`));
    const crawler = await get(origin, withRsc);
    expect(`${crawler.status} ${crawler.contentType}`).toBe('200 text/html; charset=utf-8');
    for (const attempt of ['MISS', 'HIT']) {
      const payload = await get(origin, withRsc, { headers: routerHeaders });
      expect(`${payload.status} ${payload.cache} ${payload.contentType}`).toBe(`200 ${attempt} text/x-component`);
      expect(isHtml(payload.body)).toBe(false);
    }
    // The page itself, after its payload was cached: HTML, its own object.
    const otherHtml = await get(origin, other);
    expect(`${otherHtml.status} ${otherHtml.cache} ${otherHtml.contentType}`).toBe('200 MISS text/html; charset=utf-8');
    expect(otherHtml.body).toMatch(/^<!DOCTYPE html>/i);

    // And the article's HTML, after all of the above: still the HTML object, still a HIT.
    const after = await get(origin, article);
    expect(`${after.status} ${after.cache} ${after.contentType}`).toBe('200 HIT text/html; charset=utf-8');
    expect(after.body).toBe(html.body);
  });
});

test('a seed with PURGE_URLS: every cached page that showed the old headline shows the new one, unrelated ones stay cached', async () => {
  test.setTimeout(180_000);
  const dir = sampleWithIsland();
  await withStack(PORTS.varnish.purge, dir, async ({ varnish, databaseFile }) => {
    const origin = varnish.origin;
    const urls = urlsFor(await sitemapPaths((url) => get(origin, url)));
    const island = articleUrl(islandSlug(1));
    // The island's map and feeds show nothing of the sample.
    const islandRoutes = [`${island}/graph.json`, ...['authors/weather-desk', `sections/${nameToSlug(ISLAND.section)}`, `tags/${nameToSlug(ISLAND.tag)}`].map((listing) => `/${listing}/feed.xml`)];
    for (const url of islandRoutes) expect(urls).toContain(url);
    // Client-side navigation payloads are cached too, and must follow the seed like the HTML.
    const payloads = await Promise.all(['/', articleUrl('we-can-be-heroes-sequel-greenlit')].map((url) => rscUrl(origin, url)));

    await warm(origin, urls);
    for (const payload of payloads) await warmPayload(origin, payload);
    const oldEtag = (await get(origin, articleUrl(CHANGED))).headers.get('etag');
    expect(oldEtag).toMatch(/^(W\/)?"[^"]+"$/);
    const before = await readAll(urls, (url) => get(origin, url));
    const notCached = [...before.values()].filter((response) => response.status === 200 && response.cache !== 'HIT').map((response) => `${response.url}: ${response.cache}`);
    expect(notCached, 'pages not cached before the seed').toEqual([]);
    const showedHeadline = [...before.values()].filter((response) => response.status === 200 && showsOldHeadline(response.body)).map((response) => response.url);
    // The headline is on its neighbours' pages, maps, graph.json, feeds, listings, the front page and search.
    for (const url of ['/', articleUrl(CHANGED), '/feed.xml', '/search?q=heroes', articleUrl('we-can-be-heroes-robert-rodriguez'), `${articleUrl('we-can-be-heroes-sequel-greenlit')}/related`, `${articleUrl('netflix-2020-christmas-day-hit')}/graph.json`, '/tags/netflix', '/tags/netflix/feed.xml', '/sections/entertainment']) {
      expect(showedHeadline, `${url} shows the headline before the seed`).toContain(url);
    }
    for (const url of islandRoutes) expect(showedHeadline, `${url} is unrelated to the change`).not.toContain(url);

    setHeadline(dir, OLD_HEADLINE, NEW_HEADLINE);
    const seeded = await seed(databaseFile, dir, origin);
    const dropped = objectsPurged(seeded, origin);
    expect(dropped).toBeGreaterThan(0);

    // The first request after the seed, with no retry, already shows it.
    const changed = await get(origin, articleUrl(CHANGED));
    const firstFreshMs = Date.now() - seeded.finishedAt;
    expect(`${changed.status} ${changed.cache}`).toBe('200 MISS');
    expect(headlineOf(changed.body)).toBe(NEW_HEADLINE);
    expect(firstFreshMs).toBeLessThan(1000);
    // A browser revalidating the copy it kept gets the new page, not a 304.
    const revalidated = await get(origin, articleUrl(CHANGED), { headers: { 'If-None-Match': oldEtag! } });
    expect(revalidated.status).toBe(200);
    expect(headlineOf(revalidated.body)).toBe(NEW_HEADLINE);

    const sweepStart = Date.now();
    const after = await readAll(urls, (url) => get(origin, url));
    const payloadsAfter = await Promise.all(payloads.map((payload) => get(origin, payload.url, { headers: payload.headers })));
    const sweepMs = Date.now() - sweepStart;
    const problems: string[] = [];
    for (const { url, status, body, cache } of after.values()) {
      if (status !== before.get(url)!.status) problems.push(`${url}: status ${status}, was ${before.get(url)!.status}`);
      if (showsOldHeadline(body)) problems.push(`${url}: still shows the old headline (${cache})`);
      if (showedHeadline.includes(url) && !shows(body, NEW_HEADLINE)) problems.push(`${url}: showed the headline, does not show the new one (${cache})`);
      if (islandRoutes.includes(url) && cache !== 'HIT') problems.push(`${url}: shows nothing that changed but was ${cache}, not HIT`);
    }
    for (const payload of payloadsAfter) {
      if (payload.contentType !== 'text/x-component') problems.push(`${payload.url} (RSC): ${payload.status} ${payload.contentType}`);
      if (showsOldHeadline(payload.body)) problems.push(`${payload.url} (RSC): still shows the old headline (${payload.cache})`);
      if (!shows(payload.body, NEW_HEADLINE)) problems.push(`${payload.url} (RSC): does not show the new headline (${payload.cache})`);
    }
    expect(problems, 'through Varnish after the seed').toEqual([]);

    // The changed article was requested again before the sweep: its HIT is the new page.
    const kept = [...after.values()].filter((response) => response.cache === 'HIT' && response.url !== articleUrl(CHANGED)).map((response) => response.url);
    test.info().annotations.push({
      type: 'purge',
      description:
        `seed purged ${dropped} objects; changed article fresh through Varnish ${firstFreshMs} ms after the seed finished (first request); ` +
        `all ${urls.length} URLs and ${payloads.length} RSC payloads read fresh in a ${sweepMs} ms sweep, ${Date.now() - seeded.finishedAt} ms after the seed; ` +
        `${showedHeadline.length} URLs had shown the headline; ${kept.length} stayed cached: ${kept.join(' ')}`,
    });
  });
});

type Payload = { url: string; headers: Record<string, string> };

/** The URL and headers of the RSC payload Next's router fetches for `url` from the front page. */
async function rscUrl(origin: string, url: string): Promise<Payload> {
  const headers = { RSC: '1', 'Next-Router-State-Tree': FRONT_PAGE_TREE, 'Next-Url': '/' };
  const redirect = await get(origin, url, { headers });
  expect(redirect.status, `${url}: redirected to its _rsc URL`).toBe(307);
  return { url: redirect.headers.get('location')!, headers };
}

async function warmPayload(origin: string, payload: Payload): Promise<void> {
  const first = await get(origin, payload.url, { headers: payload.headers });
  expect(`${first.status} ${first.contentType}`).toBe('200 text/x-component');
  expect(showsOldHeadline(first.body), `${payload.url} (RSC) shows the headline`).toBe(true);
  await expect.poll(async () => (await get(origin, payload.url, { headers: payload.headers })).cache, { timeout: 5000, intervals: [0, 100, 250] }).toBe('HIT');
}

test('a scheduled story shows through Varnish when its time comes, with no seed: the server purges what it expires', async () => {
  test.setTimeout(120_000);
  const dir = sampleWithIsland();
  const slug = 'scheduled-through-the-cache';
  const headline = 'A story that waited for its hour';
  // Due after the stack is up and the pages below are cached (the seed, the server and Varnish take ~10 s here).
  const dueAt = Date.now() + 35_000;
  fs.writeFileSync(
    path.join(dir, 'articles', `${slug}.md`),
    `---\ntitle: ${JSON.stringify(headline)}\nauthor: kevin-polowy\nsection: Entertainment\npublishedAt: ${new Date(dueAt).toISOString()}\n---\n\nIt was written days ago and published on the hour.\n`,
  );
  const ports = PORTS.varnish.scheduled;
  await withStack(
    ports,
    dir,
    async ({ server, varnish }) => {
      const origin = varnish.origin;
      const pages = ['/', '/sections/entertainment', '/authors/kevin-polowy', '/feed.xml'];
      await warm(origin, pages);
      expect(Date.now(), 'the pages were cached before the story came due: start it later').toBeLessThan(dueAt);
      for (const url of pages) {
        const cached = await get(origin, url);
        expect(`${url} ${cached.cache}`).toBe(`${url} HIT`);
        expect(shows(cached.body, headline), `${url} before its time`).toBe(false);
      }
      expect((await get(origin, articleUrl(slug))).status).toBe(404);

      // No request reaches the site meanwhile: Varnish would keep serving its copies for an hour.
      await new Promise((resolve) => setTimeout(resolve, dueAt - Date.now()));
      await expect
        .poll(() => server.log().includes('scheduled stories came due: purged'), { message: 'the server purged the cache', timeout: 10_000, intervals: [100] })
        .toBe(true);
      const purgedAfterMs = Date.now() - dueAt;
      for (const url of pages) {
        const fresh = await get(origin, url);
        expect(`${url} ${fresh.status}`).toBe(`${url} 200`);
        expect(shows(fresh.body, headline), `${url} once the story is due (${fresh.cache})`).toBe(true);
      }
      const story = await get(origin, articleUrl(slug));
      expect(story.status).toBe(200);
      expect(headlineOf(story.body)).toBe(headline);
      test.info().annotations.push({ type: 'scheduled', description: `purged and shown through Varnish within ${purgedAfterMs} ms of the story's time` });
    },
    { PURGE_URLS: originOf(ports.varnish) },
  );
});

test('with the site stopped, the pages Varnish holds keep answering 200 with their content', async () => {
  test.setTimeout(120_000);
  const dir = sampleWithIsland();
  await withStack(PORTS.varnish.siteDown, dir, async ({ server, varnish }) => {
    const origin = varnish.origin;
    const held = ['/', articleUrl(CHANGED), `${articleUrl(CHANGED)}/related`, `${articleUrl(CHANGED)}/graph.json`, '/sections/entertainment', '/tags/netflix', '/feed.xml', '/sitemap.xml', '/search?q=heroes'];
    await warm(origin, held);
    const before = await readAll(held, (url) => get(origin, url));
    expect(showsOldHeadline(before.get(articleUrl(CHANGED))!.body)).toBe(true);

    process.kill(server.pid, 'SIGTERM');
    const exit = await exitWithin(server, STOP_LIMIT_MS);
    expect(exit, `the site stops on SIGTERM:\n${server.log()}`).toEqual({ code: 0, signal: null });
    expect(await listening(PORTS.varnish.siteDown.server), 'nothing answers where the site was').toBe(false);

    const expectHeld = async (when: string) => {
      const now = await readAll(held, (url) => get(origin, url));
      const problems = [...now.values()]
        .filter((response) => response.status !== 200 || response.cache !== 'HIT' || response.body !== before.get(response.url)!.body)
        .map((response) => `${response.url}: ${response.status} ${response.cache}${response.body === before.get(response.url)!.body ? '' : ', another body'}`);
      expect(problems, `pages held by Varnish ${when}`).toEqual([]);
    };
    await expectHeld('right after the site stopped');

    // A page Varnish does not hold cannot be served: the site is really gone.
    const notHeld = await get(origin, articleUrl('robert-rodriguez-two-careers'));
    expect(notHeld.status).toBe(503);

    // Once Varnish's health check has marked the site sick (2 of 3 checks, 2 s apart), still served.
    const backend = () => execFileSync(VARNISHADM!, ['-n', path.join(varnish.workdir, 'state'), 'backend.list'], { encoding: 'utf8' });
    if (VARNISHADM) {
      await expect.poll(backend, { message: 'Varnish marks the site sick', timeout: 15_000, intervals: [500] }).toMatch(/\bsick\b/);
      await expectHeld('once its health check marked the site sick');
    } else {
      await new Promise((resolve) => setTimeout(resolve, 7000));
      await expectHeld('7 s after the site stopped');
    }
  });
});

test('a seed whose PURGE_URLS names a cache that is down still exits 0, warns naming it, and writes the database', async () => {
  test.setTimeout(120_000);
  const dir = sampleWithIsland();
  await withStack(PORTS.varnish.unreachable, dir, async ({ server, varnish, databaseFile }) => {
    const article = articleUrl(CHANGED);
    await warm(varnish.origin, [article]);
    const { nothingListens } = PORTS.varnish;
    const down = originOf(nothingListens);
    expect(await listening(nothingListens), `nothing may listen on ${nothingListens} for this test`).toBe(false);

    setHeadline(dir, OLD_HEADLINE, NEW_HEADLINE);
    const seeded = await seed(databaseFile, dir, down);
    const output = `${seeded.stdout}${seeded.stderr}`;
    expect(output).toContain(`  warning: could not purge ${down} (ECONNREFUSED)`);
    expect(output).not.toMatch(/^ {2}purged /m);

    // The database has the change: the site shows it...
    const fresh = await fetch(`${server.origin}${article}`);
    expect(headlineOf(await fresh.text())).toBe(NEW_HEADLINE);
    // ...and, as the warning says, a cache nobody purged keeps the old page.
    const stale = await get(varnish.origin, article);
    expect(stale.cache).toBe('HIT');
    expect(headlineOf(stale.body)).toBe(OLD_HEADLINE);

    // A cache that is down does not keep the others from being purged.
    const third = 'Missy and the kids save the planet: the story of We Can Be Heroes';
    setHeadline(dir, NEW_HEADLINE, third);
    const both = await seed(databaseFile, dir, `${down},${varnish.origin}`);
    expect(`${both.stdout}${both.stderr}`).toContain(`  warning: could not purge ${down} (ECONNREFUSED)`);
    expect(`${both.stdout}${both.stderr}`).not.toContain(`could not purge ${varnish.origin}`);
    expect(objectsPurged(both, varnish.origin)).toBeGreaterThan(0);
    const purged = await get(varnish.origin, article);
    expect(purged.cache).toBe('MISS');
    expect(headlineOf(purged.body)).toBe(third);
  });
});

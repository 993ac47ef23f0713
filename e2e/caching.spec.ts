import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSeedAsync } from '../test/run-seed';
import { PORTS } from './ports';
import { REFERENCE_PATH } from './reference';
import { readable, removeTemporaryFolders, startServer, temporaryFolder } from './support';

/**
 * HTTP caching as readers, feed readers and an operator's CDN see it. Every check first proves the page cache is
 * in play (the server's own x-nextjs-cache header says HIT) before it judges what a cached response carries.
 *
 * That a seed reaches every cached page on its next request, and leaves the rest cached, is e2e/freshness.spec.ts
 * (pages, listings, story maps, graph.json, RSS feeds, the sitemap, search and the 404 page) and
 * e2e/varnish.spec.ts (behind Varnish); the last test here covers the cached route kinds those do not read:
 * JSON feeds, the corrections page and feed, and share cards.
 */

const ROOT = path.resolve(__dirname, '..');
/** The last test's own server. */
const PORT = PORTS.caching;

test.afterEach(removeTemporaryFolders);

/** Requests `path` until the server answers it from its cache (the first request renders it). */
async function untilCached(request: import('@playwright/test').APIRequestContext, path: string): Promise<void> {
  await expect.poll(async () => (await request.get(path)).headers()['x-nextjs-cache'], { message: `${path} is cached`, timeout: 5000, intervals: [0, 100, 300] }).toBe('HIT');
}

/** Each cached route kind, and a key its surrogate keys must carry: what it shows, so a purge by that key reaches it. */
const CACHED: [string, RegExp][] = [
  [REFERENCE_PATH, /(^| )p:\d+( |$)/],
  ['/', /(^| )latest( |$)/],
  ['/sections/entertainment', /(^| )s:entertainment( |$)/],
  ['/tags/netflix', /(^| )t:netflix( |$)/],
  ['/authors/kevin-polowy', /(^| )by:\d+( |$)/],
  [`${REFERENCE_PATH}/related`, /(^| )in:\d+( |$)/],
  ['/feed.xml', /(^| )latest( |$)/],
  ['/search?q=rodriguez', /(^| )search( |$)/],
];

test('cached pages: served from the cache, browsers revalidate every time, shared caches keep them a bounded time and can purge them by key', async ({ request }) => {
  for (const [path, key] of CACHED) {
    await untilCached(request, path);
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['x-nextjs-cache'], path).toBe('HIT');
    const cacheControl = response.headers()['cache-control'] ?? '';
    // Browsers check every time (a reader who reloads after a seed sees it); never a year of stale-while-revalidate.
    expect(cacheControl, path).toMatch(/(^|, )max-age=0(,|$)/);
    expect(cacheControl, path).not.toContain('stale-while-revalidate');
    // Shared caches: at most a day, all told.
    const shared = Number(/s-maxage=(\d+)/.exec(cacheControl)?.[1]);
    const ifError = Number(/stale-if-error=(\d+)/.exec(cacheControl)?.[1] ?? 0);
    expect(shared, path).toBeGreaterThan(0);
    expect(shared + ifError, path).toBeLessThanOrEqual(86_400 + 300);
    // The keys of what it shows, for a cache that purges by key (deploy/varnish), the same in both headers.
    const keys = response.headers()['xkey'] ?? '';
    expect(keys, path).toMatch(/(^| )site( |$)/);
    expect(keys, path).toMatch(key);
    expect(response.headers()['surrogate-key'], path).toBe(keys);
  }
  const page = await request.get(REFERENCE_PATH);
  const etag = page.headers().etag;
  expect(etag).toMatch(/^"[^"]+"$/);
  const again = await request.get(REFERENCE_PATH, { headers: { 'If-None-Match': etag! } });
  expect(again.status()).toBe(304);
  expect(await again.text()).toBe('');
  expect((await request.get(REFERENCE_PATH, { headers: { 'If-None-Match': '"something-else"' } })).status()).toBe(200);
});

test('hashed assets are cached for good; search results are cached per query', async ({ page, request }) => {
  await page.goto(REFERENCE_PATH);
  const assets = await page.locator('script[src^="/_next/static/"], link[rel="stylesheet"][href^="/_next/static/"]').evaluateAll((elements) =>
    elements.map((element) => element.getAttribute('src') ?? element.getAttribute('href')!),
  );
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets.slice(0, 5)) {
    expect((await request.get(asset)).headers()['cache-control'], asset).toContain('immutable');
  }

  // Two queries, each cached with its own results: neither is served the other's page.
  const results: Record<string, string> = {};
  for (const [query, count] of [['heroes', /^\d+ stor(y matches|ies match) “heroes”\.$/], ['mandalorian', /^\d+ stor(y matches|ies match) “mandalorian”\.$/]] as const) {
    await untilCached(request, `/search?q=${query}`);
    const search = await request.get(`/search?q=${query}`);
    expect(search.headers()['x-nextjs-cache'], query).toBe('HIT');
    expect(search.headers()['cache-control'], query).toMatch(/s-maxage=\d+/);
    const status = /<[^>]+role="status"[^>]*>([\s\S]*?)<\/[a-z]+>/.exec(await search.text())?.[1] ?? '';
    expect(readable(status.replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim(), query).toMatch(count);
    results[query] = await search.text();
  }
  expect(results.heroes).not.toBe(results.mandalorian);
  expect((await request.get('/search?q=heroes')).headers()['x-nextjs-cache']).toBe('HIT');
  expect(await (await request.get('/search?q=heroes')).text()).toBe(results.heroes);
});

test('there is no revalidation endpoint to protect, and only GET and HEAD are served', async ({ request }) => {
  // Seeds reach servers through the database (docs/ARCHITECTURE.md); nothing listens for them over HTTP.
  expect((await request.post('/api/revalidate', { data: { articles: [] } })).status()).toBe(405);
  expect((await request.get('/api/revalidate')).status()).toBe(404);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
    const response = await request.fetch(REFERENCE_PATH, { method });
    expect(response.status(), method).toBe(405);
    expect(response.headers().allow).toBe('GET, HEAD');
  }
});

test('feeds, sitemaps and graph.json carry a validator: a feed reader\'s next poll costs a 304', async ({ request }) => {
  for (const path of ['/feed.xml', '/sections/entertainment/feed.xml', '/tags/netflix/feed.xml', '/authors/kevin-polowy/feed.xml', '/sitemap.xml', `${REFERENCE_PATH}/graph.json`]) {
    // Rendered once, then served from the cache with an ETag.
    await untilCached(request, path);
    await expect.poll(async () => (await request.get(path)).headers().etag ?? null, { timeout: 5000, intervals: [200] }).not.toBeNull();
    const first = await request.get(path);
    const etag = first.headers().etag!;
    const body = await first.text();
    expect(first.status(), path).toBe(200);
    const poll = await request.get(path, { headers: { 'If-None-Match': etag } });
    expect(poll.status(), path).toBe(304);
    expect(await poll.text(), path).toBe('');
    // Another validator gets the whole document, the same bytes.
    const other = await request.get(path, { headers: { 'If-None-Match': '"an-older-version"' } });
    expect([other.status(), await other.text()], path).toEqual([200, body]);
  }
});

test('a 404 never answers 304, whatever validator the client sends', async ({ request }) => {
  await untilCached(request, REFERENCE_PATH);
  const etag = (await request.get(REFERENCE_PATH)).headers().etag;
  expect(etag).toMatch(/^"[^"]+"$/);
  for (const path of ['/articles/no-such-story', '/sections/no-such-section', '/no/such/page']) {
    const missing = await request.get(path);
    expect(missing.status(), path).toBe(404);
    expect(missing.headers().etag, path).toBeUndefined();
    // The 404 page is cached like any page (the cache is in play), and still never validated.
    await untilCached(request, path);
    for (const validator of ['*', etag!, '"anything"']) {
      const conditional = await request.get(path, { headers: { 'If-None-Match': validator } });
      expect(conditional.status(), `${path} with If-None-Match: ${validator}`).toBe(404);
      expect(await conditional.text(), path).toContain('not found');
    }
  }
});

// ---------------------------------------------------------------- after a seed

/** The story whose headline changes: a desk story with a correction and no photo (so it has a share card). */
const CHANGED = 'we-can-be-heroes-plot-explained';
const OLD_HEADLINE = "What 'We Can Be Heroes' is about: when the kids have to save the planet";
const NEW_HEADLINE = "Kids & aliens: what 'We Can Be Heroes' is really about";

type Fetched = { url: string; status: number; cache: string | undefined; body: Buffer };

async function get(origin: string, url: string): Promise<Fetched> {
  const response = await fetch(`${origin}${url}`, { redirect: 'manual' });
  return { url, status: response.status, cache: response.headers.get('x-nextjs-cache') ?? undefined, body: Buffer.from(await response.arrayBuffer()) };
}

test('JSON feeds, the corrections page and feed and share cards: cached once rendered, rendered again after a seed that changes them, and kept when it does not', async () => {
  test.setTimeout(120_000);
  const dir = temporaryFolder('news-caching-');
  fs.cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  const databaseFile = path.join(temporaryFolder('news-caching-db-'), 'news.db');
  const seeded = await runSeedAsync(databaseFile, dir);
  expect(seeded.status, seeded.stderr).toBe(0);

  // Each shows the story's headline (the card draws it): a headline change must reach them.
  const showing = ['/feed.json', '/sections/entertainment/feed.json', '/tags/explainers/feed.json', '/authors/entertainment-desk/feed.json', '/corrections', '/corrections/feed.xml', `/articles/${CHANGED}/card.png`];
  // None shows it: the same seed must leave them in the cache.
  const notShowing = ['/authors/kevin-polowy/feed.json', '/tags/movies/feed.json', '/about'];
  const textShows = (fetched: Fetched, headline: string) => readable(fetched.body.toString('utf8')).includes(headline);

  const server = await startServer(PORT, databaseFile);
  try {
    // A server that has just started has rendered nothing: the first request renders, the next ones are the cache's,
    // byte for byte.
    const before = new Map<string, Fetched>();
    for (const url of [...showing, ...notShowing]) {
      const first = await get(server.origin, url);
      expect([first.status, first.cache], url).toEqual([200, 'MISS']);
      await expect.poll(async () => (await get(server.origin, url)).cache, { message: `${url} is cached`, timeout: 5000, intervals: [0, 100, 250] }).toBe('HIT');
      const cached = await get(server.origin, url);
      expect(cached.cache, url).toBe('HIT');
      expect(cached.body.equals(first.body), `${url}: the cached copy is the page that was rendered`).toBe(true);
      before.set(url, cached);
    }
    for (const url of showing.filter((url) => !url.endsWith('.png'))) expect(textShows(before.get(url)!, OLD_HEADLINE), `${url} shows the headline`).toBe(true);
    for (const url of notShowing) expect(textShows(before.get(url)!, OLD_HEADLINE), `${url} does not show the headline`).toBe(false);

    const file = path.join(dir, 'articles', `${CHANGED}.md`);
    const text = fs.readFileSync(file, 'utf8');
    const edited = text.replace(`title: ${JSON.stringify(OLD_HEADLINE)}`, `title: ${JSON.stringify(NEW_HEADLINE)}`);
    expect(edited).not.toBe(text);
    fs.writeFileSync(file, edited);
    const reseeded = await runSeedAsync(databaseFile, dir);
    expect(reseeded.status, reseeded.stderr).toBe(0);

    // The first request after the seed, with no retry.
    for (const url of showing) {
      const after = await get(server.origin, url);
      expect([after.status, after.cache], `${url} is rendered again`).toEqual([200, 'MISS']);
      expect(after.body.equals(before.get(url)!.body), `${url} changed`).toBe(false);
      if (url.endsWith('.png')) {
        expect(after.body.subarray(1, 4).toString('latin1'), url).toBe('PNG');
      } else {
        expect(textShows(after, NEW_HEADLINE), `${url} shows the new headline`).toBe(true);
        expect(textShows(after, OLD_HEADLINE), `${url} no longer shows the old one`).toBe(false);
      }
    }
    for (const url of notShowing) {
      const after = await get(server.origin, url);
      expect([after.status, after.cache], `${url} stays cached`).toEqual([200, 'HIT']);
      expect(after.body.equals(before.get(url)!.body), `${url} is the same`).toBe(true);
    }
  } catch (error) {
    await test.info().attach('server log', { body: server.log(), contentType: 'text/plain' });
    throw error;
  } finally {
    await server.stop();
  }
});

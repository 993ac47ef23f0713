import { expect, test } from '@playwright/test';
import { REFERENCE_PATH } from './reference';

test('cached pages: browsers revalidate every time, shared caches keep them a bounded time, ETag answers 304', async ({ request }) => {
  for (const path of [REFERENCE_PATH, '/', '/sections/entertainment', '/tags/netflix', '/authors/kevin-polowy', `${REFERENCE_PATH}/related`, '/feed.xml', '/search?q=rodriguez']) {
    // Served from the cache once rendered.
    await expect.poll(async () => (await request.get(path)).headers()['x-nextjs-cache'], { timeout: 5000, intervals: [300] }).toBe('HIT');
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const cacheControl = response.headers()['cache-control'] ?? '';
    // Browsers check every time (a reader who reloads after a seed sees it); never a year of stale-while-revalidate.
    expect(cacheControl, path).toMatch(/(^|, )max-age=0(,|$)/);
    expect(cacheControl, path).not.toContain('stale-while-revalidate');
    // Shared caches: at most a day, all told.
    const shared = Number(/s-maxage=(\d+)/.exec(cacheControl)?.[1]);
    const ifError = Number(/stale-if-error=(\d+)/.exec(cacheControl)?.[1] ?? 0);
    expect(shared, path).toBeGreaterThan(0);
    expect(shared + ifError, path).toBeLessThanOrEqual(86_400 + 300);
    expect(response.headers()['x-nextjs-cache'], path).toBe('HIT');
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
  await expect.poll(async () => (await request.get('/search?q=heroes')).headers()['x-nextjs-cache'], { timeout: 5000, intervals: [300] }).toBe('HIT');
  const search = await request.get('/search?q=heroes');
  expect(search.headers()['cache-control']).toMatch(/s-maxage=\d+/);
  expect(await search.text()).toContain('stories match');
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
  const page = await request.get(REFERENCE_PATH);
  for (const path of ['/articles/no-such-story', '/sections/no-such-section', '/no/such/page']) {
    const missing = await request.get(path);
    expect(missing.status(), path).toBe(404);
    expect(missing.headers().etag, path).toBeUndefined();
    for (const validator of ['*', page.headers().etag!, '"anything"']) {
      const conditional = await request.get(path, { headers: { 'If-None-Match': validator } });
      expect(conditional.status(), `${path} with If-None-Match: ${validator}`).toBe(404);
      expect(await conditional.text(), path).toContain('not found');
    }
  }
});

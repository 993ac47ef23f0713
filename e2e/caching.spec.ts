import { expect, test } from '@playwright/test';
import { E2E_REVALIDATE_SECRET } from '../playwright.config';
import { REFERENCE_PATH } from './reference';

// The revalidation test (last) marks every listing stale; the HIT assertions before it must not race it.
test.describe.configure({ mode: 'serial' });

test('cached pages carry CDN headers, an ETag, and answer 304 when unchanged', async ({ request }) => {
  for (const path of [REFERENCE_PATH, '/', '/sections/entertainment', '/tags/netflix', '/authors/kevin-polowy', `${REFERENCE_PATH}/related`, '/feed.xml', '/search?q=rodriguez']) {
    // Served from the cache once rendered (a page rendered just after a revalidation is rendered once more).
    await expect.poll(async () => (await request.get(path)).headers()['x-nextjs-cache'], { timeout: 5000, intervals: [300] }).toBe('HIT');
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const cacheControl = response.headers()['cache-control'] ?? '';
    expect(cacheControl, path).toMatch(/s-maxage=\d+/);
    expect(cacheControl, path).toMatch(/stale-while-revalidate=\d+/);
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

test('the revalidation route refuses anything but the right secret', async ({ request }) => {
  const body = { articles: ['we-can-be-heroes-robert-rodriguez'] };
  expect((await request.post('/api/revalidate', { data: body })).status()).toBe(401);
  expect((await request.post('/api/revalidate', { data: body, headers: { Authorization: 'Bearer wrong' } })).status()).toBe(401);
  expect((await request.post('/api/revalidate', { data: body, headers: { Authorization: `Bearer ${E2E_REVALIDATE_SECRET}x` } })).status()).toBe(401);
  expect((await request.post('/api/revalidate', { data: body, headers: { Authorization: E2E_REVALIDATE_SECRET } })).status()).toBe(401);
  expect((await request.get('/api/revalidate')).status()).toBe(405);
  const auth = { Authorization: `Bearer ${E2E_REVALIDATE_SECRET}` };
  expect((await request.post('/api/revalidate', { data: 'not json', headers: { ...auth, 'Content-Type': 'text/plain' } })).status()).toBe(400);
  expect((await request.post('/api/revalidate', { data: { articles: ['../etc'] }, headers: auth })).status()).toBe(400);

  const ok = await request.post('/api/revalidate', { data: body, headers: auth });
  expect(ok.status()).toBe(200);
  expect(await ok.json()).toEqual({ revalidated: { articles: 1, listings: 12 } });
  // The revalidated page is rendered again on its next request.
  expect((await request.get(REFERENCE_PATH)).headers()['x-nextjs-cache']).not.toBe('HIT');
});

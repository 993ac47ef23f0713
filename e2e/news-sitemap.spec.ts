import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { runSeedAsync } from '../test/run-seed';
import { PORTS } from './ports';
import { SITE } from './servers';
import { startServer } from './support';
import { parseXml } from './xml';

/**
 * The Google News sitemap (/news-sitemap.xml): the stories published in the last 48 hours, with the publication's
 * name and language, each story's publication date and title; named in robots.txt; as fresh as the database on
 * every request, and a story leaves it when it turns 48 hours old, with no seed.
 */

const ROOT = path.resolve(__dirname, '..');
const HOUR = 3_600_000;

type NewsUrl = { loc: string; name: string | null; language: string | null; date: string | null; title: string | null };
type NewsSitemap = { root: string; namespace: string | null; urls: NewsUrl[] };

/** The document as a crawler reads it, through the browser's XML parser. */
function readNewsSitemap(page: Page, xml: string): Promise<NewsSitemap> {
  return parseXml<NewsSitemap>(
    page,
    xml,
    `const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
    const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';
    const one = (parent, ns, name) => parent ? parent.getElementsByTagNameNS(ns, name)[0] ?? null : null;
    return {
      root: doc.documentElement.localName,
      namespace: doc.documentElement.namespaceURI,
      urls: [...doc.documentElement.children].filter((url) => url.namespaceURI === SITEMAP && url.localName === 'url').map((url) => {
        const news = one(url, NEWS, 'news');
        const publication = one(news, NEWS, 'publication');
        return {
          loc: one(url, SITEMAP, 'loc')?.textContent ?? '',
          name: one(publication, NEWS, 'name')?.textContent ?? null,
          language: one(publication, NEWS, 'language')?.textContent ?? null,
          date: one(news, NEWS, 'publication_date')?.textContent ?? null,
          title: one(news, NEWS, 'title')?.textContent ?? null,
        };
      }),
    };`,
  );
}

const sharedSeconds = (cacheControl: string | null) => Number(/(?:^|,\s*)s-maxage=(\d+)/.exec(cacheControl ?? '')?.[1] ?? NaN);

test('the sample site has no story of the last two days: its news sitemap is a valid, empty urlset, and robots.txt names it', async ({ page, request }) => {
  const robots = await (await request.get('/robots.txt')).text();
  const sitemaps = robots.split('\n').filter((line) => line.startsWith('Sitemap:'));
  expect(sitemaps).toEqual([`Sitemap: ${SITE}/sitemap.xml`, `Sitemap: ${SITE}/news-sitemap.xml`]);

  const response = await request.get('/news-sitemap.xml');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/xml; charset=utf-8');
  expect(response.headers()['cache-control']).toBe('public, max-age=0, s-maxage=300');
  const news = await readNewsSitemap(page, await response.text());
  expect(news).toEqual({ root: 'urlset', namespace: 'http://www.sitemaps.org/schemas/sitemap/0.9', urls: [] });
  const etag = response.headers()['etag'];
  expect(etag).toBeTruthy();
  expect((await request.get('/news-sitemap.xml', { headers: { 'If-None-Match': etag! } })).status()).toBe(304);
});

test('lists the stories of the last 48 hours with publication, date and title; a seed adds one at once; one that turns 48 hours old leaves with no seed', async ({ page }) => {
  test.setTimeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-sitemap-e2e-'));
  const databaseFile = path.join(dir, 'news.db');
  const content = path.join(dir, 'content');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  const writeStory = (slug: string, title: string, publishedAt: string) =>
    fs.writeFileSync(
      path.join(content, 'articles', `${slug}.md`),
      `---\ntitle: ${JSON.stringify(title)}\nauthor: kevin-polowy\nsection: Entertainment\ntags: [Netflix]\npublishedAt: ${publishedAt}\n---\n\nA story for the news sitemap test.\n`,
    );
  const seed = async () => {
    const result = await runSeedAsync(databaseFile, content);
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  };

  const now = Date.now();
  const fresh = { slug: 'storm-warning-minutes-ago', title: 'Storm & <sea> warnings: "stay inland" tonight', publishedAt: new Date(now - 10 * 60_000).toISOString() };
  const old = { slug: 'festival-three-days-ago', title: 'The festival three days ago', publishedAt: new Date(now - 72 * HOUR).toISOString() };
  // Turns 48 hours old about 90 seconds from now: listed first, then gone without a seed.
  const leaving = { slug: 'almost-two-days-old', title: 'A story about to turn two days old', publishedAt: new Date(now - 48 * HOUR + 90_000).toISOString() };
  const ahead = { slug: 'embargoed-tomorrow', title: 'Dated tomorrow', publishedAt: new Date(now + 24 * HOUR).toISOString() };
  for (const story of [fresh, old, leaving, ahead]) writeStory(story.slug, story.title, story.publishedAt);
  await seed();
  const server = await startServer(PORTS.newsSitemap, databaseFile);
  const get = async (pathname: string) => {
    const response = await fetch(`${server.origin}${pathname}`);
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  const listed = async () => (await readNewsSitemap(page, (await get('/news-sitemap.xml')).body)).urls.map((url) => url.loc.replace(server.origin, ''));
  try {
    const response = await get('/news-sitemap.xml');
    expect(response.status, server.log()).toBe(200);
    const news = await readNewsSitemap(page, response.body);
    expect(news.root).toBe('urlset');
    // Newest first; the sample stories (2021), the three-day-old one and the one dated tomorrow are not in it.
    expect(news.urls).toEqual([
      { loc: `${server.origin}/articles/${fresh.slug}`, name: 'Newsline', language: 'en', date: fresh.publishedAt, title: fresh.title },
      { loc: `${server.origin}/articles/${leaving.slug}`, name: 'Newsline', language: 'en', date: leaving.publishedAt, title: leaving.title },
    ]);
    // A shared cache may keep it no longer than until its oldest story turns 48 hours old.
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=\d+$/);
    expect(sharedSeconds(response.headers.get('cache-control'))).toBeLessThanOrEqual(90);
    // The main sitemap still lists every story, old ones included.
    const sitemap = (await get('/sitemap.xml')).body;
    for (const story of [fresh, old, leaving]) expect(sitemap).toContain(`${server.origin}/articles/${story.slug}<`);
    const robots = (await get('/robots.txt')).body;
    expect(robots).toContain(`Sitemap: ${server.origin}/news-sitemap.xml`);

    // Kept fresh by seeds: a story published a minute ago is listed on the next request.
    const added = { slug: 'breaking-a-minute-ago', title: 'Breaking a minute ago', publishedAt: new Date(Date.now() - 60_000).toISOString() };
    writeStory(added.slug, added.title, added.publishedAt);
    await seed();
    expect(await listed()).toEqual([`/articles/${added.slug}`, `/articles/${fresh.slug}`, `/articles/${leaving.slug}`]);

    // No seed, only the clock: the story leaves the moment it turns 48 hours old.
    const leavesAt = Date.parse(leaving.publishedAt) + 48 * HOUR;
    await expect.poll(listed, { timeout: Math.max(0, leavesAt - Date.now()) + 30_000, intervals: [2_000] }).toEqual([`/articles/${added.slug}`, `/articles/${fresh.slug}`]);
    expect(Date.now()).toBeGreaterThanOrEqual(leavesAt);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

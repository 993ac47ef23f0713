import { expect, test } from '@playwright/test';
import { reference, REFERENCE_PATH } from './reference';
import { SITE } from './servers';
import { parseXml } from './xml';

test('a reader goes section → article → tag → author → search', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Entertainment' }).click();
  await expect(page).toHaveURL('/sections/entertainment');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Entertainment');
  await expect(page.locator('.card')).toHaveCount(4);

  await page.getByRole('main').getByRole('link', { name: reference.headline }).click();
  await expect(page).toHaveURL(REFERENCE_PATH);
  await expect(page.locator('.article__section').getByRole('link')).toHaveAttribute('href', '/sections/entertainment');

  await page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'Netflix' }).click();
  await expect(page).toHaveURL('/tags/netflix');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Netflix');
  const tagged = await page.locator('.card__title').allInnerTexts();
  expect(tagged).toHaveLength(4);
  expect(tagged).toContain(reference.headline);

  await page.getByRole('link', { name: reference.headline }).click();
  await page.locator('.byline').getByRole('link', { name: 'Kevin Polowy' }).click();
  await expect(page).toHaveURL('/authors/kevin-polowy');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kevin Polowy');
  await expect(page.locator('.author-intro')).toContainText('Senior Correspondent, Yahoo Entertainment');
  // His story, and the one he co-wrote with the desk, newest first.
  await expect(page.locator('.card__title')).toHaveText(["Illustrations, alien ships and an orchestral score: how the Rodriguez kids made 'We Can Be Heroes'", reference.headline]);

  // The header links to the search page, whose search box is a plain GET form.
  await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
  await expect(page).toHaveURL('/search');
  const search = page.getByRole('search');
  await search.getByRole('searchbox').fill('Rhiannon illustrations');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL('/search?q=Rhiannon+illustrations');
  await expect(page.getByRole('status')).toHaveText('2 stories match “Rhiannon illustrations”.');
  await expect(page.locator('.search-results mark').first()).toBeVisible();
  const titles = await page.locator('.search-results .card__title').allInnerTexts();
  expect(titles[0]).toMatch(/^Illustrations/);
});

test('search works without JavaScript and treats operators as words', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('banner').getByRole('link', { name: 'Search' }).click();
  await page.getByRole('search').getByRole('searchbox').fill('sequel* AND "holiday viewers"');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('status')).toContainText('1 story matches');
  await expect(page.locator('.search-results .card__title')).toHaveText(["Netflix green-lights a 'We Can Be Heroes' sequel after 44 million holiday viewers"]);
  await context.close();
});

test('hostile or odd searches answer a normal page', async ({ request }) => {
  for (const q of ['"', 'AND OR NOT', 'NEAR(a b, 2)', 'title:heroes', '*', '^heroes', '((((', "'; DROP TABLE articles;--", 'x'.repeat(2000), '🎬🍿', '%00', '']) {
    const response = await request.get(`/search?q=${encodeURIComponent(q)}`);
    expect(response.status(), q.slice(0, 40)).toBe(200);
  }
  expect((await request.get('/search?q=heroes&page=0')).status()).toBe(404);
  expect((await request.get('/search?q=heroes&page=99')).status()).toBe(404);
});

test('listings answer 404 for unknown names and pages out of range', async ({ request }) => {
  for (const path of ['/sections/food-and-drink', '/tags/no-such-tag', '/authors/nobody', '/tags/netflix?page=2', '/tags/netflix?page=0', '/tags/netflix?page=-1', '/tags/netflix?page=1.5', '/tags/netflix?page=abc', '/sections/Entertainment!']) {
    expect((await request.get(path)).status(), path).toBe(404);
  }
  expect((await request.get('/tags/netflix?page=1')).status()).toBe(200);
});

test('an old slug redirects permanently to the article', async ({ request, page }) => {
  const response = await request.get('/articles/rodriguez-kids-we-can-be-heroes', { maxRedirects: 0 });
  expect(response.status()).toBe(308);
  expect(response.headers().location).toBe('/articles/rodriguez-family-made-we-can-be-heroes');
  await page.goto('/articles/rodriguez-kids-we-can-be-heroes');
  await expect(page).toHaveURL('/articles/rodriguez-family-made-we-can-be-heroes');

  const upper = await request.get('/articles/We-Can-Be-Heroes-Robert-Rodriguez', { maxRedirects: 0 });
  expect(upper.status()).toBe(308);
  expect(upper.headers().location).toBe(REFERENCE_PATH);
});

test('the site feed is RSS 2.0 with the latest stories', async ({ page, request }) => {
  const response = await request.get('/feed.xml');
  expect(response.headers()['content-type']).toContain('application/rss+xml');
  const feed = await parseXml<{ version: string; title: string; items: { title: string; link: string; guid: string; date: string; creator: string; authors: number; summary: string }[] }>(
    page,
    await response.text(),
    `return {
      version: doc.documentElement.getAttribute('version'),
      title: doc.querySelector('channel > title').textContent,
      items: [...doc.querySelectorAll('item')].map((item) => ({
        title: item.querySelector('title').textContent,
        link: item.querySelector('link').textContent,
        guid: item.querySelector('guid').textContent,
        date: item.querySelector('pubDate').textContent,
        creator: item.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'creator')[0]?.textContent ?? '',
        authors: item.getElementsByTagName('author').length,
        summary: item.querySelector('description')?.textContent ?? '',
      })),
    };`,
  );
  expect(feed.version).toBe('2.0');
  expect(feed.title).toBe('Newsline: latest stories');
  expect(feed.items).toHaveLength(7);
  const dates = feed.items.map((item) => Date.parse(item.date));
  expect(dates).toEqual([...dates].sort((a, b) => b - a));
  const ours = feed.items.find((item) => item.title === reference.headline)!;
  expect(ours.link).toBe(`${SITE}${REFERENCE_PATH}`);
  expect(ours.guid).toBe(ours.link);
  expect(new Date(ours.date).toISOString()).toBe('2021-01-06T17:00:00.000Z');
  // The byline is dc:creator: RSS's <author> must be an e-mail address.
  expect(ours.creator).toBe('Kevin Polowy');
  expect(feed.items.every((item) => item.authors === 0)).toBe(true);
  expect(ours.summary).toContain('44 million viewers');
});

test('section, tag and author feeds exist and are announced on their pages', async ({ page, request }) => {
  for (const [path, title, count] of [
    ['/sections/entertainment', 'Newsline: Entertainment', 4],
    ['/tags/netflix', 'Newsline: Netflix', 4],
    // The reference story and the one he co-wrote with the desk.
    ['/authors/kevin-polowy', 'Newsline: Kevin Polowy', 2],
  ] as const) {
    await page.goto(path);
    const alternate = page.locator(`link[rel="alternate"][type="application/rss+xml"][title="${title}"]`);
    await expect(alternate).toHaveAttribute('href', `${SITE}${path}/feed.xml`);
    const xml = await (await request.get(`${path}/feed.xml`)).text();
    const items = await parseXml<number>(page, xml, `return doc.querySelectorAll('item').length;`);
    expect(items, path).toBe(count);
  }
  expect((await request.get('/tags/nope/feed.xml')).status()).toBe(404);
});

test('the sitemap lists every article, section, tag and author with lastmod, and robots.txt names it', async ({ page, request }) => {
  const robotsResponse = await request.get('/robots.txt');
  const robots = await robotsResponse.text();
  // Every URL, then the Google News sitemap (e2e/news-sitemap.spec.ts).
  expect(robots.split('\n').filter((line) => line.startsWith('Sitemap:'))).toEqual([`Sitemap: ${SITE}/sitemap.xml`, `Sitemap: ${SITE}/news-sitemap.xml`]);
  // A first-match parser (Python's urllib.robotparser) reads the Disallow before the Allow.
  const rules = robots.split('\n').filter((line) => /^(Allow|Disallow):/.test(line));
  expect(rules).toEqual(['Disallow: /search', 'Allow: /']);
  const etag = robotsResponse.headers()['etag'];
  expect(etag).toBeTruthy();
  expect((await request.get('/robots.txt', { headers: { 'If-None-Match': etag! } })).status()).toBe(304);

  const xml = await (await request.get('/sitemap.xml')).text();
  const urls = await parseXml<{ loc: string; lastmod: string }[]>(
    page,
    xml,
    `return [...doc.getElementsByTagNameNS('http://www.sitemaps.org/schemas/sitemap/0.9', 'url')].map((url) => ({
      loc: url.getElementsByTagName('loc')[0].textContent,
      lastmod: url.getElementsByTagName('lastmod')[0]?.textContent ?? '',
    }));`,
  );
  const locs = urls.map((url) => url.loc.replace(SITE, ''));
  expect(locs).toContain(REFERENCE_PATH);
  expect(locs.filter((loc) => loc.startsWith('/articles/'))).toHaveLength(7);
  expect(locs).toEqual(expect.arrayContaining(['/', '/sections/entertainment', '/sections/tv', '/tags/netflix', '/authors/kevin-polowy']));
  for (const url of urls) expect(Number.isNaN(Date.parse(url.lastmod)), url.loc).toBe(false);
  expect(urls.find((url) => url.loc.endsWith('/articles/we-can-be-heroes-plot-explained'))?.lastmod).toBe('2021-01-06T15:30:00.000Z'); // its correction, newer than its updatedAt
  // Stories oldest first (past 50,000 URLs a new story only ever joins the last file), after the listings.
  expect(locs.filter((loc) => loc.startsWith('/articles/'))).toEqual([
    '/articles/netflix-2020-christmas-day-hit',
    '/articles/rodriguez-mandalorian-season-2',
    '/articles/robert-rodriguez-two-careers',
    '/articles/we-can-be-heroes-plot-explained',
    REFERENCE_PATH,
    '/articles/we-can-be-heroes-sequel-greenlit',
    '/articles/rodriguez-family-made-we-can-be-heroes',
  ]);
  expect(locs.findIndex((loc) => loc.startsWith('/articles/'))).toBe(locs.length - 7);
  // The front page changed when the site last did.
  expect(urls[0]!.lastmod).toBe(urls.map((url) => url.lastmod).sort().at(-1));
});

test('the article carries NewsArticle JSON-LD and social metadata', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  const json = await page.locator('script[type="application/ld+json"]').textContent();
  const data = JSON.parse(json!);
  expect(data).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: reference.headline,
    datePublished: '2021-01-06T17:00:00.000Z',
    dateModified: '2021-01-06T17:00:00.000Z',
    author: [{ '@type': 'Person', name: 'Kevin Polowy', url: `${SITE}/authors/kevin-polowy` }],
    publisher: { '@type': 'Organization', name: 'Newsline', logo: { '@type': 'ImageObject', url: `${SITE}/logo.png` } },
    mainEntityOfPage: { '@type': 'WebPage', '@id': `${SITE}${REFERENCE_PATH}` },
  });
  // A desk byline is an organization.
  const desk = await page.request.get('/articles/we-can-be-heroes-plot-explained');
  const deskData = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(await desk.text())![1]!);
  expect(deskData.author).toEqual([{ '@type': 'Organization', name: 'Newsline Staff', url: `${SITE}/authors/entertainment-desk` }]);
  expect(data.description).toContain('44 million viewers');
  // The video's poster, in the three crops Google asks for.
  expect(data.image).toEqual(['16x9', '4x3', '1x1'].map((ratio) => expect.stringMatching(new RegExp(`^${SITE.replaceAll('.', '\\.')}/media/[0-9a-f]{32}/${ratio}\\.jpg$`))));

  const meta = (selector: string) => page.locator(selector).first().getAttribute('content');
  expect(await meta('meta[property="og:type"]')).toBe('article');
  expect(await meta('meta[name="robots"]')).toContain('max-image-preview:large');
  expect(await meta('meta[property="og:image"]')).toBe(data.image[0].replace('16x9.jpg', 'share.jpg'));
  expect(await meta('meta[property="og:image:alt"]')).toBe("Robert Rodriguez on making 'We Can Be Heroes' with his kids");
  expect(await meta('meta[property="article:published_time"]')).toBe('2021-01-06T17:00:00.000Z');
  expect(await meta('meta[property="article:author"]')).toBe(`${SITE}/authors/kevin-polowy`);
  expect(await meta('meta[property="article:section"]')).toBe('Entertainment');
  expect(await page.locator('meta[property="article:tag"]').evaluateAll((tags) => tags.map((tag) => tag.getAttribute('content')))).toEqual([
    'Robert Rodriguez',
    'Netflix',
    'We Can Be Heroes',
    'Movies',
    'Interviews',
  ]);
  expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${SITE}${REFERENCE_PATH}`);
});

test('every page has a title, a description and a canonical URL', async ({ page }) => {
  for (const path of ['/', '/sections/entertainment', '/tags/netflix', '/authors/kevin-polowy', '/search', REFERENCE_PATH]) {
    await page.goto(path);
    expect(await page.title(), path).toMatch(/Newsline/);
    await expect(page.locator('meta[name="description"]'), path).toHaveAttribute('content', /.{20,}/);
    await expect(page.locator('link[rel="canonical"]'), path).toHaveAttribute('href', new RegExp(`^${SITE.replaceAll('.', '\\.')}(/|$)`));
  }
});

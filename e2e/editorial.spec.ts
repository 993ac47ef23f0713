import { expect, test } from '@playwright/test';
import { SITE } from './servers';
import { parseXml } from './xml';

/**
 * Corrections and shared bylines on the sample site (content/): we-can-be-heroes-plot-explained.md carries a
 * correction dated after its updatedAt, and rodriguez-family-made-we-can-be-heroes.md is written by Kevin Polowy
 * and the entertainment desk (`authors: [kevin-polowy, entertainment-desk]`).
 */

const CORRECTED = '/articles/we-can-be-heroes-plot-explained';
const CORRECTED_TITLE = "What 'We Can Be Heroes' is about: when the kids have to save the planet";
const CORRECTION_DATE = '2021-01-06T15:30:00.000Z';
const CORRECTION_TEXT = "An earlier version of this story said Rhiannon Rodriguez designed the film's alien ships.";
const CO_WRITTEN = '/articles/rodriguez-family-made-we-can-be-heroes';
const CO_WRITTEN_TITLE = "Illustrations, alien ships and an orchestral score: how the Rodriguez kids made 'We Can Be Heroes'";

type JsonLd = Record<string, unknown> & { author: { '@type': string; name: string; url: string }[]; correction?: { '@type': string; text: string; datePublished: string }[] };

async function jsonLdOf(request: import('@playwright/test').APIRequestContext, path: string): Promise<JsonLd> {
  const html = await (await request.get(`${SITE}${path}`)).text();
  return JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!) as JsonLd;
}

test.describe('corrections', () => {
  test('the article shows a dated correction notice at its foot', async ({ page }) => {
    await page.goto(`${SITE}${CORRECTED}`);
    const notice = page.getByRole('complementary', { name: 'Correction' });
    await expect(notice).toBeVisible();
    await expect(notice.locator('time')).toHaveAttribute('datetime', CORRECTION_DATE);
    await expect(notice.locator('time')).toHaveText('January 6, 2021');
    await expect(notice).toContainText(CORRECTION_TEXT);
    await expect(notice.getByRole('link', { name: 'All corrections' })).toHaveAttribute('href', '/corrections');
    // The story's updated date is the correction's.
    await expect(page.locator('.byline__updated time')).toHaveAttribute('datetime', CORRECTION_DATE);
  });

  test('JSON-LD carries the correction, and dateModified is its date (newer than updatedAt)', async ({ request }) => {
    const data = await jsonLdOf(request, CORRECTED);
    expect(data.correction).toEqual([{ '@type': 'CorrectionComment', text: expect.stringContaining(CORRECTION_TEXT), datePublished: CORRECTION_DATE }]);
    expect(data.dateModified).toBe(CORRECTION_DATE);
    // A story without corrections has none.
    expect((await jsonLdOf(request, CO_WRITTEN)).correction).toBeUndefined();
  });

  test('/corrections lists every correction, newest first, with a link to its story', async ({ page }) => {
    const response = await page.goto(`${SITE}/corrections`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Corrections');
    const items = page.locator('.correction-log__item');
    await expect(items).toHaveCount(1);
    await expect(items.first().locator('time')).toHaveAttribute('datetime', CORRECTION_DATE);
    await expect(items.first()).toContainText(CORRECTION_TEXT);
    await expect(items.first().getByRole('link', { name: CORRECTED_TITLE })).toHaveAttribute('href', CORRECTED);
    await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').first()).toHaveAttribute('href', `${SITE}/corrections/feed.xml`);
  });

  test('the corrections feed is well-formed RSS with the correction and its story', async ({ page, request }) => {
    const response = await request.get(`${SITE}/corrections/feed.xml`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
    const feed = await parseXml<{ version: string | null; self: string | null; items: { title: string; link: string; guid: string; date: string; description: string }[] }>(
      page,
      await response.text(),
      `const text = (item, name) => item.getElementsByTagName(name)[0]?.textContent ?? '';
       return {
         version: doc.documentElement.getAttribute('version'),
         self: doc.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'link')[0]?.getAttribute('href') ?? null,
         items: [...doc.getElementsByTagName('item')].map((item) => ({
           title: text(item, 'title'), link: text(item, 'link'), guid: text(item, 'guid'), date: text(item, 'pubDate'), description: text(item, 'description'),
         })),
       };`,
    );
    expect(feed.version).toBe('2.0');
    expect(feed.self).toBe(`${SITE}/corrections/feed.xml`);
    expect(feed.items).toEqual([
      {
        title: `Correction: ${CORRECTED_TITLE}`,
        link: `${SITE}${CORRECTED}`,
        guid: `${SITE}${CORRECTED}#correction-1`,
        date: 'Wed, 06 Jan 2021 15:30:00 GMT',
        description: expect.stringContaining(CORRECTION_TEXT),
      },
    ]);
  });
});

test.describe('several authors', () => {
  test('the byline names and links each author', async ({ page }) => {
    await page.goto(`${SITE}${CO_WRITTEN}`);
    const byline = page.locator('.byline__author');
    await expect(byline).toHaveText(/^By Kevin Polowy and Newsline Staff/);
    const links = byline.getByRole('link');
    await expect(links).toHaveCount(2);
    await expect(links.nth(0)).toHaveAttribute('href', '/authors/kevin-polowy');
    await expect(links.nth(1)).toHaveAttribute('href', '/authors/entertainment-desk');
  });

  test('both authors’ pages and feeds list the story', async ({ page, request }) => {
    for (const author of ['kevin-polowy', 'entertainment-desk']) {
      await page.goto(`${SITE}/authors/${author}`);
      await expect(page.getByRole('link', { name: CO_WRITTEN_TITLE }), author).toBeVisible();
      const xml = await (await request.get(`${SITE}/authors/${author}/feed.xml`)).text();
      const links = await parseXml<string[]>(page, xml, `return [...doc.getElementsByTagName('item')].map((item) => item.getElementsByTagName('link')[0].textContent);`);
      expect(links, author).toContain(`${SITE}${CO_WRITTEN}`);
    }
  });

  test('JSON-LD lists each author: a Person, then the desk as an Organization', async ({ request }) => {
    const data = await jsonLdOf(request, CO_WRITTEN);
    expect(data.author).toEqual([
      { '@type': 'Person', name: 'Kevin Polowy', url: `${SITE}/authors/kevin-polowy`, jobTitle: 'Senior Correspondent' },
      { '@type': 'Organization', name: 'Newsline Staff', url: `${SITE}/authors/entertainment-desk` },
    ]);
  });
});

test('credits: the reference story’s video credits show with the video, at the end of the story and in JSON-LD', async ({ page, request }) => {
  await page.goto(`${SITE}/articles/we-can-be-heroes-robert-rodriguez`);
  await expect(page.locator('.article__hero figcaption .credit')).toHaveText('Video producer: Jen Kucsak · Video editor: Jimmie Rhee');
  const credits = page.getByRole('region', { name: 'Credits' });
  await expect(credits.locator('dt')).toHaveText(['Video producer', 'Video editor']);
  await expect(credits.locator('dd')).toHaveText(['Jen Kucsak', 'Jimmie Rhee']);
  const data = await jsonLdOf(request, '/articles/we-can-be-heroes-robert-rodriguez');
  expect(data.contributor).toEqual([
    { '@type': 'Person', name: 'Jen Kucsak', description: 'Video producer' },
    { '@type': 'Person', name: 'Jimmie Rhee', description: 'Video editor' },
  ]);
});

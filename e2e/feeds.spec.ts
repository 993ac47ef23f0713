import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { reference, REFERENCE_PATH } from './reference';
import { HOSTILE, SITE } from './servers';
import { parseXml } from './xml';

/** What a test reads from one RSS item: its plain fields, and content:encoded as the text a reader shows. */
type RssItem = {
  title: string;
  link: string;
  creator: string;
  /** Every dc:creator, in order. */
  creators: string[];
  authors: number;
  description: string;
  /** <description> read as HTML, the way feed readers read it: its text and how many elements it makes. */
  descriptionText: string;
  descriptionElements: number;
  content: string;
  contentText: string;
  /** The text of its first paragraph. */
  firstParagraph: string;
  /** What in content:encoded could run in a reader: script-like elements, on* attributes, URLs other than http(s). */
  contentHazards: string[];
  media: { url: string; type: string; medium: string; width: string; height: string } | null;
};
type RssFeed = { version: string; self: string; language: string; items: RssItem[] };

const NS = { dc: 'http://purl.org/dc/elements/1.1/', content: 'http://purl.org/rss/1.0/modules/content/', atom: 'http://www.w3.org/2005/Atom', media: 'http://search.yahoo.com/mrss/' };

/** The four kinds of feed: the site's, and a section's, a tag's and an author's. */
const LISTINGS = ['', '/sections/entertainment', '/tags/netflix', '/authors/kevin-polowy'];

async function readRss(page: Page, request: APIRequestContext, url: string): Promise<RssFeed> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
  return parseXml<RssFeed>(
    page,
    await response.text(),
    `const NS = ${JSON.stringify(NS)};
    const html = (markup) => new DOMParser().parseFromString(markup, 'text/html').body;
    const channel = doc.documentElement.getElementsByTagName('channel')[0];
    const self = [...channel.getElementsByTagNameNS(NS.atom, 'link')].find((link) => link.getAttribute('rel') === 'self');
    return {
      version: doc.documentElement.getAttribute('version'),
      self: self ? self.getAttribute('href') + ' ' + self.getAttribute('type') : '',
      language: channel.getElementsByTagName('language')[0]?.textContent ?? '',
      items: [...channel.getElementsByTagName('item')].map((item) => {
        const field = (name) => item.getElementsByTagName(name)[0]?.textContent ?? '';
        const description = field('description');
        const content = item.getElementsByTagNameNS(NS.content, 'encoded')[0]?.textContent ?? '';
        const media = item.getElementsByTagNameNS(NS.media, 'content')[0];
        return {
          title: field('title'),
          link: field('link'),
          creator: item.getElementsByTagNameNS(NS.dc, 'creator')[0]?.textContent ?? '',
          creators: [...item.getElementsByTagNameNS(NS.dc, 'creator')].map((creator) => creator.textContent),
          authors: item.getElementsByTagName('author').length,
          description,
          descriptionText: html(description).textContent,
          descriptionElements: html(description).querySelectorAll('*').length,
          content,
          contentText: html(content).textContent.replace(/\\s+/g, ' '),
          firstParagraph: (html(content).querySelector('p')?.textContent ?? '').replace(/\\s+/g, ' ').trim(),
          contentHazards: [...html(content).querySelectorAll('*')].flatMap((element) => [
            ...(/^(script|style|iframe|object|embed|form|svg|math)$/i.test(element.tagName) ? [element.tagName] : []),
            ...[...element.attributes]
              .filter((attribute) => /^on/i.test(attribute.name) || (/^(href|src)$/i.test(attribute.name) && !/^https?:\\/\\//.test(attribute.value)))
              .map((attribute) => element.tagName + '[' + attribute.name + '=' + attribute.value + ']'),
          ]),
          media: media ? Object.fromEntries(['url', 'type', 'medium', 'width', 'height'].map((name) => [name, media.getAttribute(name)])) : null,
        };
      }),
    };`,
  );
}

type JsonFeed = {
  version: string;
  title: string;
  feed_url: string;
  home_page_url: string;
  items: { id: string; url: string; title: string; summary: string; content_html: string; image?: string; date_published: string; authors: { name: string; url: string }[]; tags: string[] }[];
};

async function readJsonFeed(request: APIRequestContext, url: string): Promise<JsonFeed> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()['content-type']).toBe('application/feed+json; charset=utf-8');
  return JSON.parse(await response.text()) as JsonFeed;
}

/** The text of an article page's body, as a reader sees it. */
async function bodyText(page: Page, request: APIRequestContext, url: string): Promise<string> {
  const html = await (await request.get(url)).text();
  return page.evaluate(
    (markup) => (new DOMParser().parseFromString(markup, 'text/html').querySelector('.article-body')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
    html,
  );
}

test('every feed is RSS 2.0 with dc:creator, a text description and the whole story in content:encoded', async ({ page, request }) => {
  for (const listing of LISTINGS) {
    const feed = await readRss(page, request, `${listing}/feed.xml`);
    expect(feed.version).toBe('2.0');
    expect(feed.self).toBe(`${SITE}${listing}/feed.xml application/rss+xml`);
    expect(feed.language).toBe('en-US');
    expect(feed.items.length, listing).toBeGreaterThan(0);
    // A co-written story names each of its authors, in the byline's order (content/articles: `authors: [kevin-polowy, entertainment-desk]`).
    const coWritten = feed.items.find((item) => item.link === `${SITE}/articles/rodriguez-family-made-we-can-be-heroes`);
    if (coWritten) expect(coWritten.creators).toEqual(['Kevin Polowy', 'Newsline Staff']);
    else expect(listing, 'the site feed carries the co-written story').not.toBe('');
    for (const item of feed.items) {
      expect(item.creator, item.link).not.toBe('');
      // RSS's <author> is an e-mail address; the name is dc:creator.
      expect(item.authors, item.link).toBe(0);
      expect(item.descriptionText.trim(), item.link).not.toBe('');
      expect(item.descriptionElements, item.link).toBe(0);
      expect(item.content, item.link).toContain('<p>');
      expect(item.contentHazards, item.link).toEqual([]);
      // The body the story's page shows, word for word (figures and videos aside).
      expect(item.firstParagraph, item.link).not.toBe('');
      expect(await bodyText(page, request, item.link.replace(SITE, '')), item.link).toContain(item.firstParagraph);
    }
  }
});

test("the reference story's item carries its byline, its whole body and a share image that answers", async ({ page, request }) => {
  const feed = await readRss(page, request, '/feed.xml');
  const ours = feed.items.find((item) => item.link === `${SITE}${REFERENCE_PATH}`)!;
  expect(ours.title).toBe(reference.headline);
  expect(ours.creator).toBe(reference.author);
  expect(ours.descriptionText).toContain('44 million viewers');
  for (const paragraph of reference.paragraphs) expect(ours.contentText).toContain(paragraph);
  expect(ours.content).toContain('https://www.youtube.com/watch?v=');
  expect(ours.content).not.toContain('video-embed');
  // Every photo and link in the story is absolute: a feed reader has no page to resolve them against.
  expect(ours.content).not.toMatch(/(?:src|href)="\//);

  expect(ours.media).toMatchObject({ type: 'image/jpeg', medium: 'image', width: '1200', height: '630' });
  expect(ours.media!.url).toMatch(new RegExp(`^${SITE}/media/[0-9a-f]+/share\\.jpg$`));
  const image = await request.get(ours.media!.url);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/jpeg');
  const images = [...ours.content.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1]!);
  expect(images.length).toBeGreaterThan(0);
  for (const src of images) expect((await request.get(src)).status(), src).toBe(200);
});

test('each feed is also JSON Feed 1.1 with the same stories in the same order', async ({ page, request }) => {
  for (const listing of LISTINGS) {
    const rss = await readRss(page, request, `${listing}/feed.xml`);
    const json = await readJsonFeed(request, `${listing}/feed.json`);
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.feed_url).toBe(`${SITE}${listing}/feed.json`);
    expect(json.home_page_url).toBe(`${SITE}${listing || '/'}`);
    expect(json.items.map((item) => item.url)).toEqual(rss.items.map((item) => item.link));
    for (const [index, item] of json.items.entries()) {
      const twin = rss.items[index]!;
      expect(item.id).toBe(item.url);
      expect(item.title).toBe(twin.title);
      expect(item.summary).toBe(twin.descriptionText);
      expect(item.content_html).toBe(twin.content);
      expect(item.authors.map((author) => author.name)).toEqual(twin.creators);
      expect(item.image ?? null).toBe(twin.media?.url ?? null);
      expect(Number.isNaN(Date.parse(item.date_published))).toBe(false);
    }
  }
  expect((await request.get('/tags/nope/feed.json')).status()).toBe(404);
});

test('pages announce their feeds and the site feed in both formats', async ({ page }) => {
  for (const [path, feeds] of [
    ['/', ['']],
    [REFERENCE_PATH, ['']],
    ['/sections/entertainment', ['/sections/entertainment', '']],
    ['/tags/netflix', ['/tags/netflix', '']],
    ['/authors/kevin-polowy', ['/authors/kevin-polowy', '']],
  ] as const) {
    await page.goto(path);
    for (const [type, file] of [
      ['application/rss+xml', 'feed.xml'],
      ['application/feed+json', 'feed.json'],
    ] as const) {
      const hrefs = await page.locator(`head link[rel="alternate"][type="${type}"]`).evaluateAll((links) => links.map((link) => link.getAttribute('href')));
      expect(hrefs, `${path} ${type}`).toEqual(feeds.map((listing) => `${SITE}${listing}/${file}`));
    }
  }
});

test('hostile text reaches feed readers as text', async ({ page, request }) => {
  const dek = `</title><script>window.__pwned='dek'</script> "><img src=x onerror="window.__pwned='dek-img'">`;
  const feed = await readRss(page, request, `${HOSTILE}/feed.xml`);
  const hostile = feed.items.find((item) => item.link.endsWith('/articles/hostile'))!;
  // A reader renders <description> as HTML: what it shows is the dek, character for character, and no element.
  expect(hostile.descriptionText).toBe(dek);
  expect(hostile.descriptionElements).toBe(0);
  expect(hostile.contentHazards).toEqual([]);
  expect(hostile.contentText).toContain('The last paragraph survives.');
  const plain = feed.items.find((item) => item.link.endsWith('/articles/plain'))!;
  expect(plain.descriptionText).toBe('Nothing to see here.');

  const json = await readJsonFeed(request, `${HOSTILE}/feed.json`);
  expect(json.items.find((item) => item.url.endsWith('/articles/hostile'))!.summary).toBe(dek);
  expect(json.items.find((item) => item.url.endsWith('/articles/plain'))!.summary).toBe('Nothing to see here.');
});

test("JSON feeds carry a validator like the RSS ones: a feed reader's next poll costs a 304", async ({ request }) => {
  for (const path of ['/feed.json', '/sections/entertainment/feed.json', '/tags/netflix/feed.json', '/authors/kevin-polowy/feed.json']) {
    await request.get(path);
    const first = await request.get(path);
    const etag = first.headers().etag;
    expect(etag, path).toBeTruthy();
    const again = await request.get(path, { headers: { 'If-None-Match': etag! } });
    expect(again.status(), path).toBe(304);
  }
});

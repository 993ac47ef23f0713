import { DOMParser } from '@xmldom/xmldom';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import type { FeedArticle } from './types';
import { bodyHtml, buildJsonFeed, buildRssFeed, escapeHtmlText } from './feed';
import { absoluteUrl } from './site';

const NS = {
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  atom: 'http://www.w3.org/2005/Atom',
  media: 'http://search.yahoo.com/mrss/',
};

const HOSTILE_DEK = '<img src=x onerror="alert(1)">';
const PHOTO = { hash: 'a'.repeat(64), width: 2000, height: 1000 };
const FIGURE = { hash: 'b'.repeat(64), width: 800, height: 600 };

function story(overrides: Partial<FeedArticle>): FeedArticle {
  return {
    id: 1,
    slug: 'story',
    title: 'A story',
    dek: 'A dek.',
    excerpt: 'Opening words.',
    section: 'Entertainment',
    sectionSlug: 'entertainment',
    publishedAt: '2021-01-06T17:00:00.000Z',
    updatedAt: null,
    authorName: 'Kevin Polowy',
    authorSlug: 'kevin-polowy',
    image: null,
    body: 'Opening words.',
    bodyImages: {},
    ...overrides,
    byline: overrides.byline ?? [{ name: overrides.authorName ?? 'Kevin Polowy', slug: overrides.authorSlug ?? 'kevin-polowy' }],
  };
}

const articles: FeedArticle[] = [
  story({
    id: 3,
    slug: 'hostile',
    title: 'Broken\uFFFF title & <b>more</b>',
    dek: HOSTILE_DEK,
    authorName: 'Mallory "><script>x</script>',
    publishedAt: '2021-01-08T12:00:00.000Z',
    updatedAt: '2021-01-09T08:30:00.000Z',
    image: { alt: 'A photo', stored: PHOTO, caption: null, credit: null },
    body: [
      'First paragraph with [a link](/articles/other) and [a note](#notes) and <script>alert(1)</script>.',
      '',
      '![A figure](/images/figure.jpg "The caption")',
      '',
      '![Not stored](/images/missing.jpg)',
      '',
      '::video[Watch the trailer]{url="https://youtu.be/dQw4w9WgXcQ" credit="Video by the desk"}',
      '',
      'Code that says ]]> in the middle, and a \uFFFE noncharacter.',
    ].join('\n'),
    bodyImages: { 'figure.jpg': FIGURE },
  }),
  story({ id: 2, slug: 'no-dek', title: 'No dek', dek: null, excerpt: 'The valley had its wettest June.', body: 'The valley had its wettest June.\n\nMore.' }),
];

const options = { title: 'Newsline: Entertainment', description: 'The latest Entertainment stories.', listingPath: '/sections/entertainment', articles };

type Node = { localName: string; namespaceURI: string | null; textContent: string | null; childNodes: ArrayLike<Node>; getAttribute(name: string): string | null };

/**
 * Parses the document with a real XML parser (@xmldom/xmldom's DOMParser), strictly: an undefined entity or any
 * other error fails the test. (xmlbuilder2's own reader decodes "&amp;#0;" twice, so it cannot check escaping.)
 */
function parse(xml: string): Node {
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(`not well-formed XML: ${message}`);
    },
  });
  return parser.parseFromString(xml, 'application/xml').documentElement as unknown as Node;
}

const children = (node: Node, localName: string, namespace: string | null = null) =>
  Array.from(node.childNodes).filter((child) => child.localName === localName && (child.namespaceURI ?? null) === namespace);
const child = (node: Node, localName: string, namespace: string | null = null) => children(node, localName, namespace)[0];

describe('the RSS feed', () => {
  const xml = buildRssFeed(options);
  const rss = parse(xml);
  const channel = child(rss, 'channel')!;
  const items = children(channel, 'item');

  it('is RSS 2.0 with a self link, a language and the newest story date as its build date', () => {
    expect(rss.localName).toBe('rss');
    expect(rss.getAttribute('version')).toBe('2.0');
    expect(child(channel, 'title')!.textContent).toBe('Newsline: Entertainment');
    expect(child(channel, 'link')!.textContent).toBe(absoluteUrl('/sections/entertainment'));
    expect(child(channel, 'language')!.textContent).toBe('en-US');
    expect(child(channel, 'lastBuildDate')!.textContent).toBe('Sat, 09 Jan 2021 08:30:00 GMT');
    const self = child(channel, 'link', NS.atom)!;
    expect(self.getAttribute('rel')).toBe('self');
    expect(self.getAttribute('type')).toBe('application/rss+xml');
    expect(self.getAttribute('href')).toBe(absoluteUrl('/sections/entertainment/feed.xml'));
    expect(items).toHaveLength(2);
    // The same data gives the same bytes.
    expect(buildRssFeed(options)).toBe(xml);
  });

  it('names the author with dc:creator, never with <author> (which must be an e-mail address)', () => {
    expect(children(items[0]!, 'creator', NS.dc)[0]!.textContent).toBe('Mallory "><script>x</script>');
    expect(children(items[1]!, 'creator', NS.dc)[0]!.textContent).toBe('Kevin Polowy');
    for (const item of items) expect(children(item, 'author')).toHaveLength(0);
    expect(xml).not.toContain('<author');
  });

  it('names every author of a co-written story, in byline order, in both formats', () => {
    const coWritten = story({ slug: 'co-written', byline: [{ name: 'Kevin Polowy', slug: 'kevin-polowy' }, { name: 'Entertainment Desk', slug: 'entertainment-desk' }] });
    const item = children(child(parse(buildRssFeed({ ...options, articles: [coWritten] })), 'channel')!, 'item')[0]!;
    expect(children(item, 'creator', NS.dc).map((creator) => creator.textContent)).toEqual(['Kevin Polowy', 'Entertainment Desk']);
    const json = JSON.parse(buildJsonFeed({ ...options, articles: [coWritten] })) as { items: { authors: { name: string; url: string }[] }[] };
    expect(json.items[0]!.authors).toEqual([
      { name: 'Kevin Polowy', url: absoluteUrl('/authors/kevin-polowy') },
      { name: 'Entertainment Desk', url: absoluteUrl('/authors/entertainment-desk') },
    ]);
  });

  it('carries link, permalink guid, RFC 822 date and the section as category', () => {
    const item = items[0]!;
    const url = absoluteUrl('/articles/hostile');
    expect(child(item, 'link')!.textContent).toBe(url);
    expect(child(item, 'guid')!.textContent).toBe(url);
    expect(child(item, 'guid')!.getAttribute('isPermaLink')).toBe('true');
    expect(child(item, 'pubDate')!.textContent).toBe('Fri, 08 Jan 2021 12:00:00 GMT');
    expect(child(item, 'category')!.textContent).toBe('Entertainment');
  });

  it('drops characters XML forbids (U+FFFF in a title) and keeps the rest as text', () => {
    expect(xml).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(child(items[0]!, 'title')!.textContent).toBe('Broken title & <b>more</b>');
  });

  it('escapes every "&", entity-like or not: the text arrives exactly and the document stays well-formed', () => {
    const title = 'AT&T; says &amp; &nbsp; &#0; &#x41; & more';
    const xml = buildRssFeed({ ...options, articles: [story({ title, dek: 'Fish &amp; chips &lt;b&gt;', authorName: 'Desk &copy;' })] });
    expect(xml).toContain('AT&amp;T; says &amp;amp; &amp;nbsp; &amp;#0; &amp;#x41; &amp; more');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    const item = child(child(parse(xml), 'channel')!, 'item')!;
    expect(child(item, 'title')!.textContent).toBe(title);
    expect(children(item, 'creator', NS.dc)[0]!.textContent).toBe('Desk &copy;');
    expect(unescapeHtmlText(child(item, 'description')!.textContent!)).toBe('Fish &amp; chips &lt;b&gt;');
    // What xmlbuilder2 writes for the same text unaided: an undefined entity, which the parser refuses.
    const unaided = create().ele('title').txt(title).end();
    expect(unaided).toContain('AT&T;');
    expect(() => parse(unaided)).toThrow(/not well-formed/);
  });

  it('sends a hostile dek as text: HTML-escaped inside <description>, never CDATA or markup', () => {
    const description = child(items[0]!, 'description')!;
    expect(description.textContent).toBe('&lt;img src=x onerror="alert(1)"&gt;');
    expect(description.textContent).toBe(escapeHtmlText(HOSTILE_DEK));
    expect(unescapeHtmlText(description.textContent!)).toBe(HOSTILE_DEK);
    expect(Array.from(description.childNodes).every((node) => node.localName === undefined || node.localName === null || node.localName === '#text')).toBe(true);
    expect(xml).not.toContain('<![CDATA[<img src=x');
    expect(xml).not.toContain('<img src=x onerror');
  });

  it('describes a story without a dek by its opening words', () => {
    expect(child(items[1]!, 'description')!.textContent).toBe('The valley had its wettest June.');
  });

  it('carries the whole story in content:encoded: sanitized, absolute URLs, stored photos, videos as links', () => {
    const html = children(items[0]!, 'encoded', NS.content)[0]!.textContent!;
    expect(html).toContain('First paragraph with');
    expect(html).toContain(`href="${absoluteUrl('/articles/other')}"`);
    expect(html).toContain(`href="${absoluteUrl('/articles/hostile#notes')}"`);
    expect(html).not.toContain('<script');
    expect(html).toContain(`<img src="${absoluteUrl(`/media/${FIGURE.hash}/800.webp`)}" alt="A figure" width="800" height="600">`);
    expect(html).toContain('<figcaption>The caption</figcaption>');
    expect(html).not.toContain('missing.jpg');
    expect(html).toContain('<p><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Watch the trailer</a> — Video by the desk</p>');
    expect(html).not.toContain('video-embed');
    expect(html).not.toContain('<p></p>');
    // "]]>" in the text survives the CDATA section intact.
    expect(html).toContain('Code that says ]]> in the middle');
    expect(html).not.toMatch(/[\uFFFE\uFFFF]/);
    expect(children(items[1]!, 'encoded', NS.content)[0]!.textContent).toBe('<p>The valley had its wettest June.</p>\n<p>More.</p>');
  });

  it('keeps "]]>" in a body intact across CDATA sections', () => {
    const tricky = story({ body: 'a ]]> b ]]>]]> c' });
    const item = child(child(parse(buildRssFeed({ ...options, articles: [tricky] })), 'channel')!, 'item')!;
    expect(children(item, 'encoded', NS.content)[0]!.textContent).toBe(bodyHtml(tricky));
    expect(bodyHtml(tricky)).toContain(']]>]]>');
  });

  it('gives a story with a photo its 1200×630 share crop as media:content, and none to a story without', () => {
    const media = children(items[0]!, 'content', NS.media)[0]!;
    expect(media.getAttribute('url')).toBe(absoluteUrl(`/media/${PHOTO.hash}/share.jpg`));
    expect(media.getAttribute('type')).toBe('image/jpeg');
    expect(media.getAttribute('medium')).toBe('image');
    expect(media.getAttribute('width')).toBe('1200');
    expect(media.getAttribute('height')).toBe('630');
    expect(children(items[1]!, 'content', NS.media)).toHaveLength(0);
  });

  it('is valid with no stories at all', () => {
    const empty = parse(buildRssFeed({ ...options, articles: [] }));
    expect(children(child(empty, 'channel')!, 'item')).toHaveLength(0);
  });
});

describe('the JSON Feed', () => {
  const feed = JSON.parse(buildJsonFeed(options));

  it('is JSON Feed 1.1 with the same stories in the same order as the RSS feed', () => {
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Newsline: Entertainment');
    expect(feed.home_page_url).toBe(absoluteUrl('/sections/entertainment'));
    expect(feed.feed_url).toBe(absoluteUrl('/sections/entertainment/feed.json'));
    expect(feed.language).toBe('en-US');
    expect(feed.items.map((item: { url: string }) => item.url)).toEqual([absoluteUrl('/articles/hostile'), absoluteUrl('/articles/no-dek')]);
  });

  it('describes each story: plain-text summary, whole HTML content, share image, dates, author and tags', () => {
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      id: absoluteUrl('/articles/hostile'),
      title: 'Broken title & <b>more</b>',
      summary: HOSTILE_DEK,
      image: absoluteUrl(`/media/${PHOTO.hash}/share.jpg`),
      date_published: '2021-01-08T12:00:00.000Z',
      date_modified: '2021-01-09T08:30:00.000Z',
      authors: [{ name: 'Mallory "><script>x</script>', url: absoluteUrl('/authors/kevin-polowy') }],
      tags: ['Entertainment'],
    });
    expect(first.content_html).toBe(bodyHtml(articles[0]!));
    expect(second.summary).toBe('The valley had its wettest June.');
    expect(second).not.toHaveProperty('image');
    expect(second).not.toHaveProperty('date_modified');
  });
});

function unescapeHtmlText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

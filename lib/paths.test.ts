import { describe, expect, it } from 'vitest';
import { CROPS, variantName, variantNames } from './images';
import {
  ABOUT_PATH,
  articleGraphPath,
  articlePath,
  type ArticleView,
  authorPath,
  CORRECTIONS_PATH,
  CSP_REPORT_PATH,
  feedPath,
  HEALTH_PATH,
  HOME_PATH,
  isFeedFile,
  isPreviewPath,
  jsonFeedPath,
  listingPageRoute,
  listingPath,
  type ListingKind,
  LOGO_PATH,
  mediaPath,
  NEWS_SITEMAP_PATH,
  NOT_FOUND_ROUTE,
  pageHref,
  pageParamOf,
  parseArticlePath,
  parseListingPath,
  parseMediaPath,
  parseSitemapFileName,
  previewHref,
  previewPath,
  relatedMapPath,
  SEARCH_PATH,
  searchHref,
  searchParamsOf,
  searchQueryFromSegment,
  searchResultsRoute,
  sectionPath,
  shareCardPath,
  SITE_SHARE_IMAGE_PATH,
  sitemapFileName,
  sitemapFilePath,
  SITEMAP_PATH,
  tagPath,
  type SitemapFile,
} from './paths';

/** How the front door reads a request: the pathname and query of the URL as Node's URL parser leaves them. */
const asRequested = (path: string) => new URL(path, 'http://front-door');

/** Slugs the site makes, and strings no slug rule allows, which must survive a trip through a path all the same. */
const SLUGS = [
  'we-can-be-heroes',
  'a',
  '0',
  '2021',
  'x'.repeat(120),
  'related',
  'graph.json',
  'card.png',
  'feed.xml',
  'Upper-Case',
  'with space',
  'ünïcödé-ñandú',
  '東京',
  '🎬🍿',
  '100%',
  '%41',
  'a/b',
  'a?b#c',
  'a&b=c',
  "it's (quoted) *starred*",
  '+plus+',
];
const VIEWS: ArticleView[] = ['page', 'related', 'graph', 'card'];
const KINDS: ListingKind[] = ['sections', 'tags', 'authors'];
const QUERIES = ['heroes', 'we can be heroes', '"we can be heroes" kids', 'heroes & "kids"', '100% real', '%E0%A4%A', '%41', 'a+b', 'a/b', 'why?', '#1', 'ünïcödé', '東京 映画', '🎬🍿', '  spaced  ', 'q=1&page=3'];

describe('paths of the pages with one address', () => {
  it('are distinct site paths that no pattern takes for an article or a listing', () => {
    const fixed = [HOME_PATH, ABOUT_PATH, SEARCH_PATH, CORRECTIONS_PATH, SITEMAP_PATH, NEWS_SITEMAP_PATH, SITE_SHARE_IMAGE_PATH, LOGO_PATH, HEALTH_PATH, CSP_REPORT_PATH, NOT_FOUND_ROUTE];
    expect(new Set(fixed).size).toBe(fixed.length);
    for (const path of fixed) {
      expect(path, path).toMatch(/^\/[a-z0-9./-]*$/);
      expect(parseArticlePath(path), path).toBeNull();
      expect(parseListingPath(path), path).toBeNull();
      expect(parseMediaPath(path), path).toBeNull();
      expect(isPreviewPath(path), path).toBe(false);
    }
  });
});

describe('article paths', () => {
  it('are the URLs the site has always had', () => {
    expect(articlePath('we-can-be-heroes')).toBe('/articles/we-can-be-heroes');
    expect(relatedMapPath('we-can-be-heroes')).toBe('/articles/we-can-be-heroes/related');
    expect(articleGraphPath('we-can-be-heroes')).toBe('/articles/we-can-be-heroes/graph.json');
    expect(shareCardPath('we-can-be-heroes')).toBe('/articles/we-can-be-heroes/card.png');
    expect(articlePath('we-can-be-heroes', 'related')).toBe(relatedMapPath('we-can-be-heroes'));
  });

  it('read back as the slug and view they were built from, whatever the slug', () => {
    for (const slug of SLUGS) {
      for (const view of VIEWS) {
        const path = articlePath(slug, view);
        expect(parseArticlePath(path), path).toEqual({ slug, view });
        expect(parseArticlePath(asRequested(path).pathname), path).toEqual({ slug, view });
      }
    }
  });

  it('refuse everything else', () => {
    for (const path of [
      '/articles',
      '/articles/',
      '/articles/x/',
      '/articles//related',
      '/articles/x/related/',
      '/articles/x/related/more',
      '/articles/x/graph.jsonp',
      '/articles/x/card.jpg',
      '/articles/x/feed.xml',
      '/articles/x/2',
      '/article/x',
      '/ARTICLES/x',
      'articles/x',
      '/sections/x',
      '/articles/%E0%A4%A',
      '',
    ]) {
      expect(parseArticlePath(path), path).toBeNull();
    }
  });
});

describe('listing paths', () => {
  it('are the URLs the site has always had', () => {
    expect(sectionPath('food-and-drink')).toBe('/sections/food-and-drink');
    expect(tagPath('netflix')).toBe('/tags/netflix');
    expect(authorPath('kevin-polowy')).toBe('/authors/kevin-polowy');
    expect(listingPageRoute('/tags/netflix', 2)).toBe('/tags/netflix/2');
    expect(feedPath()).toBe('/feed.xml');
    expect(jsonFeedPath()).toBe('/feed.json');
    expect(feedPath('/tags/netflix')).toBe('/tags/netflix/feed.xml');
    expect(jsonFeedPath('/tags/netflix')).toBe('/tags/netflix/feed.json');
    expect(feedPath(CORRECTIONS_PATH)).toBe('/corrections/feed.xml');
  });

  it('read back as their kind and slug, with the page route or feed file after it', () => {
    for (const kind of KINDS) {
      for (const slug of SLUGS) {
        const path = listingPath(kind, slug);
        expect(parseListingPath(path), path).toEqual({ kind, slug, segment: undefined });
        expect(parseListingPath(asRequested(path).pathname), path).toEqual({ kind, slug, segment: undefined });
        for (const page of [2, 9, 10, 1234567]) expect(parseListingPath(listingPageRoute(path, page)), `${path} page ${page}`).toEqual({ kind, slug, segment: String(page) });
        for (const feed of [feedPath(path), jsonFeedPath(path)]) {
          const parsed = parseListingPath(feed);
          expect(parsed, feed).toMatchObject({ kind, slug });
          expect(isFeedFile(parsed!.segment!), feed).toBe(true);
        }
      }
    }
    expect(sectionPath('x')).toBe(listingPath('sections', 'x'));
    expect(tagPath('x')).toBe(listingPath('tags', 'x'));
    expect(authorPath('x')).toBe(listingPath('authors', 'x'));
  });

  it('refuse everything else', () => {
    for (const path of ['/sections', '/sections/', '/sections//2', '/sections/x/', '/sections/x/2/3', '/sections/x/feed.xml/more', '/section/x', '/Sections/x', '/articles/x', '/sections/%E0%A4%A', 'sections/x']) {
      expect(parseListingPath(path), path).toBeNull();
    }
    for (const segment of ['2', 'feed', 'feed.rss', 'FEED.XML', 'feed.xml.gz', 'rss.xml']) expect(isFeedFile(segment), segment).toBe(false);
  });
});

describe('pages of a listing', () => {
  it('keep page 1 at the bare URL and add ?page after', () => {
    expect(pageHref('/tags/netflix', 1)).toBe('/tags/netflix');
    expect(pageHref('/tags/netflix', 2)).toBe('/tags/netflix?page=2');
    expect(pageHref('/search', 3, { q: 'heroes & "kids"' })).toBe('/search?q=heroes+%26+%22kids%22&page=3');
  });

  it('read back as the page they name, and none for page 1', () => {
    for (const page of [1, 2, 10, 1234567]) {
      const url = asRequested(pageHref('/sections/tv', page));
      expect(url.pathname).toBe('/sections/tv');
      expect(pageParamOf(url), String(page)).toBe(page > 1 ? String(page) : undefined);
    }
    expect(pageParamOf(asRequested('/sections/tv?pages=2'))).toBeUndefined();
  });
});

describe('search URLs', () => {
  it('are the URLs the form sends and the route the front door serves them from', () => {
    expect(searchHref('festival critics')).toBe('/search?q=festival+critics');
    expect(searchHref('heroes & "kids"', 3)).toBe('/search?q=heroes+%26+%22kids%22&page=3');
    expect(searchResultsRoute('heroes & kids', 2)).toBe('/search/heroes%20%26%20kids/2');
  });

  it('read back as the query and page they were built from, whatever the query', () => {
    for (const query of QUERIES) {
      for (const page of [1, 2, 37]) {
        const url = asRequested(searchHref(query, page));
        expect(url.pathname).toBe(SEARCH_PATH);
        expect(searchParamsOf(url), `${query} page ${page}`).toEqual({ query, page: page > 1 ? String(page) : undefined });
      }
    }
    expect(searchParamsOf(asRequested(SEARCH_PATH))).toEqual({ query: undefined, page: undefined });
  });

  it('keep the query in one segment of the results route, and read it back', () => {
    for (const query of QUERIES) {
      const route = searchResultsRoute(query, 4);
      const segments = asRequested(route).pathname.split('/');
      expect(segments, route).toEqual(['', 'search', expect.any(String), '4']);
      expect(searchQueryFromSegment(segments[2]!), route).toBe(query);
    }
    // A segment whose encoding is broken is taken as the reader wrote it.
    expect(searchQueryFromSegment('%E0%A4%A')).toBe('%E0%A4%A');
  });
});

describe('preview links', () => {
  it('carry the slug in their path and the signed query after it', () => {
    expect(previewPath('draft-story')).toBe('/preview/draft-story');
    expect(previewHref('draft-story', { expires: '1700000000', signature: 'abc_-123' })).toBe('/preview/draft-story?expires=1700000000&signature=abc_-123');
    for (const slug of SLUGS) {
      const url = asRequested(previewHref(slug, { expires: '1700000000', signature: 'a+b/c=' }));
      expect(isPreviewPath(url.pathname), slug).toBe(true);
      expect(decodeURIComponent(url.pathname.slice('/preview/'.length)), slug).toBe(slug);
      expect(Object.fromEntries(url.searchParams), slug).toEqual({ expires: '1700000000', signature: 'a+b/c=' });
    }
    for (const path of ['/preview', '/previews/x', '/articles/x', '/preview-x']) expect(isPreviewPath(path), path).toBe(false);
  });
});

describe('media paths', () => {
  const hashes = ['0123456789abcdef', 'f'.repeat(32), '0'.repeat(64)];

  it('read back every copy the seed stores of a photo', () => {
    const variants = [...variantNames(100_000), ...variantNames(100), variantName.resized(1), variantName.resized(99_999), variantName.share, ...CROPS.map((crop) => crop.name)];
    for (const hash of hashes) {
      for (const variant of variants) {
        const path = mediaPath(hash, variant);
        expect(path).toBe(`/media/${hash}/${variant}`);
        expect(parseMediaPath(path), path).toEqual({ hash, variant });
      }
    }
  });

  it('refuse anything the seed never stores', () => {
    const hash = '0123456789abcdef';
    for (const [badHash, variant] of [
      ['0123456789ABCDEF', '320.webp'],
      ['0123456789abcde', '320.webp'],
      ['0'.repeat(65), '320.webp'],
      ['0123456789abcdeg', '320.webp'],
      [hash, '123456.webp'],
      [hash, '.webp'],
      [hash, '320.jpg'],
      [hash, 'share.png'],
      [hash, '2x1.jpg'],
      [hash, '../320.webp'],
      [hash, '320.webp/x'],
      [hash, '%33%32%30.webp'],
    ] as const) {
      expect(parseMediaPath(mediaPath(badHash, variant)), `${badHash}/${variant}`).toBeNull();
    }
    for (const path of [`/media/${hash}`, `/media/${hash}/`, `/media/${hash}/320.webp/`, `/media//${hash}/320.webp`, `/images/${hash}/320.webp`]) expect(parseMediaPath(path), path).toBeNull();
  });
});

describe('sitemap files', () => {
  it('read back as the file they were named for', () => {
    for (const series of ['listings', 'articles'] as const) {
      for (const number of [1, 2, 9, 10, 999_999]) {
        const file: SitemapFile = { series, number };
        expect(sitemapFilePath(file)).toBe(`/sitemaps/${series}-${number}.xml`);
        expect(sitemapFilePath(file)).toBe(`/sitemaps/${sitemapFileName(file)}`);
        expect(parseSitemapFileName(sitemapFileName(file)), sitemapFileName(file)).toEqual(file);
      }
    }
  });

  it('refuse any other name', () => {
    for (const name of ['0.xml', '1.xml', 'articles-0.xml', 'articles-01.xml', 'articles-1000000.xml', 'listings-1.xml.gz', 'news-1.xml', 'Articles-1.xml', '..%2Fsitemap.xml', 'articles-1', '']) {
      expect(parseSitemapFileName(name), name).toBeNull();
    }
  });
});

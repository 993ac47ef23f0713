/**
 * Every public path of the site, in one place: a builder for each kind of URL the site answers, and the patterns
 * that read them back (the front door, server/front-door.ts, and the routes that check their own params). Pages,
 * feeds, sitemaps, structured data, scripts and the front door all build and parse paths here, never inline.
 *
 * Pure: no Next, no database. Builders percent-encode what they are given and parsers decode it, so a parser
 * gives back what its builder was given; the slugs and hashes the site uses ([a-z0-9-], hex) encode as themselves.
 */

/** A segment as a path carries it. */
const encode = (segment: string) => encodeURIComponent(segment);

/** A segment of a path as it was built; null for broken percent-encoding ("%E0%A4%A"), which names nothing. */
function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

// Pages and files with one address.
export const HOME_PATH = '/';
export const ABOUT_PATH = '/about';
/** The search form, and its results (searchHref). */
export const SEARCH_PATH = '/search';
/** Every correction notice on the site, newest first (its RSS feed: feedPath(CORRECTIONS_PATH)). */
export const CORRECTIONS_PATH = '/corrections';
export const SITEMAP_PATH = '/sitemap.xml';
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml';
/** The share image of the home page and every listing (app/share.png/route.tsx). */
export const SITE_SHARE_IMAGE_PATH = '/share.png';
/** The wordmark as a raster (public/logo.png). */
export const LOGO_PATH = '/logo.png';
/** Answered by the front door for load balancers. */
export const HEALTH_PATH = '/healthz';
/** Where browsers POST Content-Security-Policy violation reports (server/csp-reports.ts). */
export const CSP_REPORT_PATH = '/csp-report';
/** The route of the 404 page (app/page-not-found): the front door serves unknown URLs from it; not an address of its own. */
export const NOT_FOUND_ROUTE = '/page-not-found';

// Pages of a listing: ?page=N.

/** The query parameter that names a page of a listing or of search results. */
const PAGE_PARAM = 'page';

/** The URL of page `page` of a listing at `path`: page 1 has no ?page, so it has one canonical URL. */
export function pageHref(path: string, page: number, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (page > 1) params.set(PAGE_PARAM, String(page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The page a URL asks for (its ?page), as written; undefined when it names none (page 1). */
export function pageParamOf(url: URL): string | undefined {
  return url.searchParams.get(PAGE_PARAM) ?? undefined;
}

// Articles: /articles/<slug>, and the story map, graph data and share card under it.

const ARTICLE_VIEWS = { page: '', related: '/related', graph: '/graph.json', card: '/card.png' } as const;
/** What a path under /articles/<slug> shows: the story, its map, its map as data, or its share card. */
export type ArticleView = keyof typeof ARTICLE_VIEWS;
const VIEW_BY_SUFFIX = new Map(Object.entries(ARTICLE_VIEWS).map(([view, suffix]) => [suffix as string, view as ArticleView]));

export function articlePath(slug: string, view: ArticleView = 'page'): string {
  return `/articles/${encode(slug)}${ARTICLE_VIEWS[view]}`;
}

/** The story map of an article: the stories one and two "Read more" links away. */
export const relatedMapPath = (slug: string) => articlePath(slug, 'related');
/** The story map as JSON (app/articles/[slug]/graph.json/route.ts). */
export const articleGraphPath = (slug: string) => articlePath(slug, 'graph');
/** The generated share card of a story without a photo (app/articles/[slug]/card.png/route.tsx). */
export const shareCardPath = (slug: string) => articlePath(slug, 'card');

export const ARTICLE_PATH_PATTERN = /^\/articles\/([^/]+)(\/related|\/graph\.json|\/card\.png)?$/;

/** The slug (decoded) and view an article path names, or null for any other path. */
export function parseArticlePath(pathname: string): { slug: string; view: ArticleView } | null {
  const match = ARTICLE_PATH_PATTERN.exec(pathname);
  const slug = match ? decode(match[1]!) : null;
  if (!match || slug === null) return null;
  return { slug, view: VIEW_BY_SUFFIX.get(match[2] ?? '')! };
}

// Listings: /sections/<slug>, /tags/<slug>, /authors/<slug>, each with its pages and feeds.

/** The kinds of listing, by the first segment of their paths. */
export type ListingKind = 'sections' | 'tags' | 'authors';

export const listingPath = (kind: ListingKind, slug: string) => `/${kind}/${encode(slug)}`;
export const sectionPath = (slug: string) => listingPath('sections', slug);
export const tagPath = (slug: string) => listingPath('tags', slug);
export const authorPath = (slug: string) => listingPath('authors', slug);

/** The route that serves page `page` of a listing: the front door rewrites the readers' ?page=N (pageHref) to it. */
export const listingPageRoute = (path: string, page: number) => `${path}/${page}`;

export const LISTING_PATH_PATTERN = /^\/(sections|tags|authors)\/([^/]+)(?:\/([^/]+))?$/;

/**
 * The kind and slug (decoded) a listing path names, and its segment after the slug as written (a page number
 * from listingPageRoute, a feed file, or anything else, which no route serves); null for any other path.
 */
export function parseListingPath(pathname: string): { kind: ListingKind; slug: string; segment: string | undefined } | null {
  const match = LISTING_PATH_PATTERN.exec(pathname);
  const slug = match ? decode(match[2]!) : null;
  if (!match || slug === null) return null;
  return { kind: match[1] as ListingKind, slug, segment: match[3] };
}

// Feeds: <listing>/feed.xml and <listing>/feed.json; the site's own at /feed.xml and /feed.json.

/** Each format of a feed, by the file its URL ends in. */
export const FEED_FILES = { rss: 'feed.xml', json: 'feed.json' } as const;
export type FeedFormat = keyof typeof FEED_FILES;

/** The RSS feed of the listing at `listingPath` ('' for the whole site). */
export const feedPath = (listingPath = '') => `${listingPath}/${FEED_FILES.rss}`;
/** The JSON Feed 1.1 twin of a listing's RSS feed. */
export const jsonFeedPath = (listingPath = '') => `${listingPath}/${FEED_FILES.json}`;

/** Whether the last segment of a path names a feed file. */
export const isFeedFile = (segment: string) => segment === FEED_FILES.rss || segment === FEED_FILES.json;

// Search: readers' URLs are /search?q=…&page=N; the front door serves them from /search/<query>/<page>.

/** The query parameter, and the search form's field, that carries what the reader searched for. */
export const SEARCH_QUERY_PARAM = 'q';

/** The results for `query`, page `page`: what the search form (a GET form to SEARCH_PATH) and the pagination link to. */
export const searchHref = (query: string, page = 1) => pageHref(SEARCH_PATH, page, { [SEARCH_QUERY_PARAM]: query });

/** The query and page a search URL asks for, as written; undefined when absent. */
export function searchParamsOf(url: URL): { query: string | undefined; page: string | undefined } {
  return { query: url.searchParams.get(SEARCH_QUERY_PARAM) ?? undefined, page: pageParamOf(url) };
}

/** The route that serves, and caches, one page of results: the front door rewrites searchHref's URLs to it. */
export const searchResultsRoute = (query: string, page: number) => `${SEARCH_PATH}/${encode(query)}/${page}`;

/** The query a results route carries in its segment (decoded; taken as written if its encoding is broken). */
export function searchQueryFromSegment(segment: string): string {
  return decode(segment) ?? segment;
}

// Previews: /preview/<slug>?expires=…&signature=… (lib/preview.ts signs them).

const PREVIEW_PREFIX = '/preview/';

/** The path of a story's preview; the link carries when it expires and a signature of both (previewHref). */
export const previewPath = (slug: string) => `${PREVIEW_PREFIX}${encode(slug)}`;

/** A preview link: the story's preview path and the query that makes it valid. */
export const previewHref = (slug: string, query: { expires: string; signature: string }) => `${previewPath(slug)}?${new URLSearchParams(query)}`;

/** Whether a path is under /preview/: rendered for each request, never cached. */
export const isPreviewPath = (pathname: string) => pathname.startsWith(PREVIEW_PREFIX);

// Photos: /media/<hash>/<variant>, one stored copy of a photo (lib/images.ts names the variants).

/** The public URL of one stored copy of a photo. */
export const mediaPath = (hash: string, variant: string) => `/media/${encode(hash)}/${encode(variant)}`;

/** A /media/<hash>/<variant> path: the URLs the media route answers (the hash of the photo's bytes, and a variant name). */
export const MEDIA_PATH_PATTERN = /^\/media\/([0-9a-f]{16,64})\/((?:\d{1,5})\.webp|share\.jpg|16x9\.jpg|4x3\.jpg|1x1\.jpg)$/;

/** The hash and variant a media path names, or null for any other path. */
export function parseMediaPath(pathname: string): { hash: string; variant: string } | null {
  const match = MEDIA_PATH_PATTERN.exec(pathname);
  return match ? { hash: match[1]!, variant: match[2]! } : null;
}

// Sitemap files: /sitemaps/listings-N.xml and /sitemaps/articles-N.xml, past one /sitemap.xml (lib/sitemap.ts).

/** The two series of sitemap files (lib/sitemap.ts says what each lists). */
export type SitemapSeries = 'listings' | 'articles';
export type SitemapFile = { series: SitemapSeries; number: number };

export const sitemapFileName = ({ series, number }: SitemapFile) => `${series}-${number}.xml`;
export const sitemapFilePath = (file: SitemapFile) => `/sitemaps/${sitemapFileName(file)}`;

export const SITEMAP_FILE_NAME_PATTERN = /^(listings|articles)-([1-9]\d{0,5})\.xml$/;

/** The file a `/sitemaps/<name>` URL names, or null (any other name is a 404). */
export function parseSitemapFileName(name: string): SitemapFile | null {
  const match = SITEMAP_FILE_NAME_PATTERN.exec(name);
  return match ? { series: match[1] as SitemapSeries, number: Number(match[2]) } : null;
}

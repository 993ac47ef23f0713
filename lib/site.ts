/** The publication itself: one place for its name and address. */
export const siteConfig = {
  name: 'Newsline',
  description: 'Entertainment, culture and the stories behind them, with every "Read more" link one click away.',
  locale: 'en-US',
  /** The newsroom's clock: dates and times readers see are in this zone, and say so ("EST"). */
  timeZone: 'America/New_York',
  /** Public origin for absolute URLs (canonical, feeds); never taken from a request's Host header. */
  url: normalizeOrigin(process.env.SITE_URL) ?? 'http://localhost:3000',
} as const;

function normalizeOrigin(value: string | undefined): string | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    return url.origin;
  } catch {
    throw new Error(`SITE_URL must be an http(s) origin like https://news.example.com (got ${JSON.stringify(value)})`);
  }
}

export function articlePath(slug: string): string {
  return `/articles/${slug}`;
}

export const sectionPath = (slug: string) => `/sections/${slug}`;
export const tagPath = (slug: string) => `/tags/${slug}`;
export const authorPath = (slug: string) => `/authors/${slug}`;
/** Every correction notice on the site, newest first (its RSS feed: feedPath(CORRECTIONS_PATH)). */
export const CORRECTIONS_PATH = '/corrections';
export const feedPath = (listingPath = '') => `${listingPath}/feed.xml`;
/** The JSON Feed 1.1 twin of a listing's RSS feed. */
export const jsonFeedPath = (listingPath = '') => `${listingPath}/feed.json`;

/** An absolute URL on the public origin (SITE_URL), for feeds, sitemaps and structured data. */
export function absoluteUrl(path: string): string {
  return new URL(path, siteConfig.url).toString();
}

/** The share image of the home page and every listing (app/share.png/route.tsx). */
export const SITE_SHARE_IMAGE = { url: '/share.png', width: 1200, height: 630, alt: 'Newsline: entertainment news and the stories behind them' } as const;

/** The generated share card of a story without a photo (app/articles/[slug]/card.png/route.tsx). */
export const shareCardPath = (slug: string) => `${articlePath(slug)}/card.png`;

/** The story map of an article: the stories one and two "Read more" links away. */
export const relatedMapPath = (slug: string) => `${articlePath(slug)}/related`;

/** The wordmark as a raster, for structured data (publisher.logo): public/logo.png. */
export const SITE_LOGO = { url: '/logo.png', width: 600, height: 60 } as const;

import { LOGO_PATH, SITE_SHARE_IMAGE_PATH } from './paths';
import { setting } from './settings';

/** The publication itself: one place for its name and address. */
export const siteConfig = {
  name: 'Newsline',
  description: 'Entertainment, culture and the stories behind them, with every "Read more" link one click away.',
  locale: 'en-US',
  /** The newsroom's clock: dates and times readers see are in this zone, and say so ("EST"). */
  timeZone: 'America/New_York',
  /**
   * Public origin for absolute URLs (canonical, feeds): SITE_URL (lib/settings.ts), read when asked, so a command
   * sees the `.env` it loads after its imports; never taken from a request's Host header.
   */
  get url(): string {
    return setting('SITE_URL');
  },
} as const;

/** An absolute URL on the public origin (SITE_URL), for feeds, sitemaps and structured data; paths are built by lib/paths.ts. */
export function absoluteUrl(path: string): string {
  return new URL(path, siteConfig.url).toString();
}

/** The share image of the home page and every listing (app/share.png/route.tsx). */
export const SITE_SHARE_IMAGE = { url: SITE_SHARE_IMAGE_PATH, width: 1200, height: 630, alt: 'Newsline: entertainment news and the stories behind them' } as const;

/** The wordmark as a raster, for structured data (publisher.logo): public/logo.png. */
export const SITE_LOGO = { url: LOGO_PATH, width: 600, height: 60 } as const;

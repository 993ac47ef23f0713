import type { ServerResponse } from 'node:http';

/**
 * HTTP caching outside the server, for every response Next would let caches keep (it marks those
 * `s-maxage=…`):
 *
 * - Browsers keep a copy but check it on every use (max-age=0): a reader who reloads, or opens a new tab
 *   and navigates, after a seed gets the new page; an unchanged page costs a 304 (ETag). No
 *   stale-while-revalidate, which browsers honour too and which let them show a year-old copy.
 * - Shared caches that nobody purges (a CDN) may keep a page SHARED_SECONDS after a seed, and serve the
 *   last good copy for up to STALE_IF_ERROR_SECONDS while the site is down. A cache purged by key
 *   (Varnish, deploy/) keeps pages longer by its own rules.
 */
export const SHARED_SECONDS = 300;
export const STALE_IF_ERROR_SECONDS = 86_400;

export const CACHE_CONTROL = {
  page: `public, max-age=0, s-maxage=${SHARED_SECONDS}, stale-if-error=${STALE_IF_ERROR_SECONDS}`,
} as const;

/** Rewrites Next's cache header on `res` as it is sent: cacheable responses get CACHE_CONTROL.page, errors no-store. */
export function applyCachePolicy(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    const current = this.getHeader('cache-control');
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    // An error is never kept (a feed or sitemap route that answers 404 is marked cacheable by Next).
    if (typeof current === 'string' && current.startsWith('s-maxage=')) this.setHeader('Cache-Control', status >= 400 ? 'no-store' : CACHE_CONTROL.page);
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

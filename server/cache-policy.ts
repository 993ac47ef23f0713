import type { IncomingMessage, ServerResponse } from 'node:http';
import { SITE_KEY } from '@/db/cache-keys';
import { pageCache, pagePath } from './page-cache';
import { pagePolicyFromHashes } from './security-headers';

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

/**
 * The surrogate keys of a cacheable response: the cache keys of what its page shows (db/cache-keys.ts), from
 * the page-cache entry it was served from, and SITE_KEY. Sent as `xkey` (Varnish's xkey vmod, which removes
 * it before readers see it: deploy/varnish/default.vcl) and `Surrogate-Key` (Fastly-style CDNs).
 */
function surrogateKeys(req: IncomingMessage): string | undefined {
  const entry = req.url ? pageCache()?.currentEntryFor(pagePath(req.url)) : undefined;
  return entry ? [...entry.tags.filter((tag) => !tag.startsWith('_N_T_')), SITE_KEY].join(' ') : undefined;
}

/**
 * Rewrites Next's cache header on `res` as it is sent: cacheable responses get CACHE_CONTROL.page and their
 * surrogate keys, errors no-store.
 */
export function applyCachePolicy(req: IncomingMessage, res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    pagePolicyFromHashes(this);
    const current = this.getHeader('cache-control');
    const status = typeof args[0] === 'number' ? args[0] : this.statusCode;
    // An error is never kept (a feed or sitemap route that answers 404 is marked cacheable by Next).
    if (typeof current === 'string' && current.startsWith('s-maxage=')) {
      this.setHeader('Cache-Control', status >= 400 ? 'no-store' : CACHE_CONTROL.page);
      const keys = status < 400 ? surrogateKeys(req) : undefined;
      if (keys) {
        this.setHeader('xkey', keys);
        this.setHeader('Surrogate-Key', keys);
      }
    }
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

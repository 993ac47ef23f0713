/**
 * The front door's view of Next's page cache (cache-handler.js), shared through globalThis: that file is
 * loaded by Next, and it is the one place that knows which entry serves a path and what it shows.
 */
export type PageCacheEntry = { tags: string[]; serial: number };

export type PageCache = {
  serial: number;
  expire(keys: string[]): void;
  clear(): void;
  currentEntryFor(path: string): PageCacheEntry | undefined;
};

/** Undefined until Next loads the handler, before any page has rendered. */
export const pageCache = () => (globalThis as { [key: symbol]: PageCache | undefined })[Symbol.for('newsline.page-cache')];

/** The page-cache path of a URL: its decoded pathname, as Next keys it; "/index" for the front page. */
export function pagePath(url: string): string {
  const pathname = url.split('?')[0] ?? '/';
  if (pathname === '/') return '/index';
  try {
    return pathname.split('/').map(decodeURIComponent).join('/');
  } catch {
    return pathname;
  }
}

import { setting } from '@/lib/settings';
import { SITE_KEY } from '../cache-keys';

/**
 * After a seed commits: purge the keys it expired from every HTTP cache in PURGE_URLS (Varnish with the xkey
 * vmod, deploy/varnish/default.vcl). Each cache gets `PURGE /` requests carrying the keys in an `xkey-purge`
 * header, in batches that fit a header line; it answers how many objects it dropped. A cache that does not
 * answer is a warning, never a failure: the database is already written, and the servers are exact anyway.
 */

/** Keys per purge request: ~7 bytes each, well under Varnish's 8 KiB request header line. */
const KEYS_PER_REQUEST = 500;
const TIMEOUT_MS = 5000;

/** PURGE_URLS (lib/settings.ts): the caches' origins, none when unset. Throws naming the variable and the bad entry. */
export function purgeUrlsFromEnvironment(): string[] {
  return [...setting('PURGE_URLS')];
}

export type PurgeOutcome = { url: string; ok: true; objects: number } | { url: string; ok: false; problem: string };

/**
 * A page a server was rendering while the seed committed can reach a cache just after the purge, with old
 * data (the server itself renders it again: cache-handler.js). A second purge this long after the first
 * drops such a copy.
 */
export const SECOND_PURGE_AFTER_MS = 1000;

/** Purges twice (see SECOND_PURGE_AFTER_MS); the objects dropped are the sum of both. */
export async function purgeCachesAfterSeed(urls: string[], keys: string[] | 'all'): Promise<PurgeOutcome[]> {
  if (urls.length === 0) return [];
  const first = await purgeCaches(urls, keys);
  await new Promise((resolve) => setTimeout(resolve, SECOND_PURGE_AFTER_MS));
  const second = await purgeCaches(urls, keys);
  return first.map((outcome, index) => {
    const again = second[index]!;
    if (!outcome.ok) return outcome;
    if (!again.ok) return again;
    return { url: outcome.url, ok: true, objects: outcome.objects + again.objects };
  });
}

/** Purges `keys` ('all': every object, by the key every response carries) from each cache, in parallel. */
export async function purgeCaches(urls: string[], keys: string[] | 'all'): Promise<PurgeOutcome[]> {
  const names = keys === 'all' ? [SITE_KEY] : keys;
  if (names.length === 0) return urls.map((url) => ({ url, ok: true, objects: 0 }));
  const batches: string[][] = [];
  for (let start = 0; start < names.length; start += KEYS_PER_REQUEST) batches.push(names.slice(start, start + KEYS_PER_REQUEST));
  return Promise.all(
    urls.map(async (url): Promise<PurgeOutcome> => {
      let objects = 0;
      try {
        for (const batch of batches) {
          const response = await fetch(`${url}/`, { method: 'PURGE', headers: { 'xkey-purge': batch.join(' ') }, signal: AbortSignal.timeout(TIMEOUT_MS) });
          const text = await response.text();
          // The status line says it (a cache's error page is HTML, not something for a terminal).
          if (!response.ok) return { url, ok: false, problem: `${response.status} ${response.statusText}`.trim() };
          objects += Number(response.headers.get('x-purged') ?? /(\d+)/.exec(text)?.[1] ?? 0);
        }
        return { url, ok: true, objects };
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        return { url, ok: false, problem: cause ?? (error instanceof Error ? error.message : String(error)) };
      }
    }),
  );
}

import 'server-only';
// Next's own store for the render in progress: what cacheTag() and unstable_cache() write their tags to.
// Public APIs cannot be used here: cacheTag() needs `cacheComponents` and 'use cache', and unstable_cache()
// tags are fixed before its function runs, while a page's keys depend on what its queries return.
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';

/** Keys already recorded per render store, so a page listing the same story twice records it once. */
const recorded = new WeakMap<object, Set<string>>();

/**
 * Records that the response being rendered shows the data named by `keys`
 * (db/cache-keys.ts). Next stores them with the cached page as its tags
 * (x-next-cache-tags), the page cache expires the page when a seed expires
 * one of them, and they are sent as surrogate keys. Called by every query
 * that returns displayed data, so any route reading through db/queries is
 * keyed by construction; outside a cached render it does nothing.
 */
export function dependOn(keys: Iterable<string>): void {
  const store = workUnitAsyncStorage.getStore();
  if (!store || !('tags' in store)) return;
  let seen = recorded.get(store);
  if (!seen) {
    seen = new Set(store.tags ?? []);
    recorded.set(store, seen);
  }
  const tags = (store.tags ??= []);
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push(key);
  }
}

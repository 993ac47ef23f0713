// @ts-check
/**
 * Next.js's server cache (ISR pages and route responses) for this site: in
 * memory, per process, bounded, and empty at start.
 *
 * - Empty at start: pages are rendered from the database the server was
 *   started on, never served from a previous run's or the build's copy, so
 *   `DATABASE_PATH=other.db npm start` shows other.db at once.
 * - Bounded: at most CACHE_MAX_MB (default 150) MiB of HTML and RSC payload;
 *   the least recently used pages go first and are simply rendered again.
 * - Tag-aware like Next's own cache: revalidatePath()/revalidateTag() record
 *   when a tag expired, and an entry carrying an expired tag is a miss, so the
 *   next request renders fresh content (the seed's revalidation call).
 */
const { LRUCache } = require('lru-cache');

const MAX_BYTES = Math.max(1, Number(process.env.CACHE_MAX_MB) || 150) * 1024 * 1024;
/**
 * A render that started before a revalidation may finish after it, with old
 * data. Entries stored within this long after their tag expired are not
 * trusted: they are rendered once more.
 */
const RENDER_GRACE_MS = 2000;

/** @param {any} value */
function sizeOf(value) {
  if (!value) return 1;
  let size = 512;
  for (const part of [value.html, value.rscData, value.body]) {
    if (typeof part === 'string') size += part.length * 2;
    else if (part && typeof part.byteLength === 'number') size += part.byteLength;
  }
  if (value.segmentData instanceof Map) for (const segment of value.segmentData.values()) size += segment?.byteLength ?? 0;
  return size;
}

/** @type {LRUCache<string, { value: any, lastModified: number, tags: string[] }>} */
const entries = new LRUCache({ maxSize: MAX_BYTES, sizeCalculation: (entry) => sizeOf(entry.value) });
/** When each tag was last expired (ms since epoch). Shared by every instance in the process. */
const expiredTags = new Map();

/** @param {any} value */
function tagsOf(value) {
  const header = value?.headers?.['x-next-cache-tags'];
  return typeof header === 'string' ? header.split(',') : [];
}

module.exports = class MemoryCacheHandler {
  /** @param {string} key @param {{ tags?: string[], softTags?: string[] }} [ctx] */
  async get(key, ctx) {
    const entry = entries.get(key);
    if (!entry) return null;
    const tags = [...entry.tags, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])];
    for (const tag of tags) {
      const expired = expiredTags.get(tag);
      if (expired !== undefined && expired > entry.lastModified - RENDER_GRACE_MS) {
        entries.delete(key);
        return null;
      }
    }
    return { value: entry.value, lastModified: entry.lastModified };
  }

  /** @param {string} key @param {any} data @param {{ tags?: string[] }} [ctx] */
  async set(key, data, ctx) {
    if (data === null || data === undefined) {
      entries.delete(key);
      return;
    }
    entries.set(key, { value: data, lastModified: Date.now(), tags: [...tagsOf(data), ...(ctx?.tags ?? [])] });
  }

  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    const now = Date.now();
    for (const tag of Array.isArray(tags) ? tags : [tags]) expiredTags.set(tag, now);
  }

  resetRequestCache() {}
};

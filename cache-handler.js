// @ts-check
/**
 * Next.js's server cache (ISR pages and route responses) for this site: in
 * memory, per process, bounded, empty at start, and expired by key.
 *
 * - Empty at start: pages are rendered from the database the server was
 *   started on, never served from a previous run's or the build's copy.
 * - Bounded: at most CACHE_MAX_MB (default 150) MiB of HTML and RSC payload;
 *   the least recently used pages go first and are simply rendered again.
 * - Keyed: each entry carries the cache keys of what it shows (Next's tags,
 *   recorded by db/queries/keys.ts). The front door (server/) follows the
 *   seeds table and calls expire(keys); an entry carrying an expired key is a
 *   miss, so the next request renders it fresh (a blocking render).
 * - Exact under races: an entry remembers the generation at which its render
 *   started (the miss). A seed that commits while a page renders expires its
 *   keys at a later generation, so that entry is rendered once more.
 */
const { createHash } = require('node:crypto');
const { LRUCache } = require('lru-cache');
// The site's settings module itself, TypeScript: Node strips its types when it is required (lib/settings.ts says
// what that asks of it), so this file, which Next loads uncompiled, shares the server's validation and defaults.
const { setting } = require('./lib/settings.ts');

/** The header that carries a page's inline-script hashes to the server's Content-Security-Policy (server/security-headers.ts). */
const SCRIPT_HASHES_HEADER = 'x-inline-script-hashes';

/**
 * The CSP hash sources of every inline script in a rendered page: Next's bootstrap and RSC payload scripts
 * (`self.__next_f.push(…)`), which differ per page. A script element's text runs to the first `</script`
 * (HTML's script data state; React escapes that sequence inside its payloads), and browsers hash exactly
 * that text. Scripts with a src are allowed by 'self'; JSON-LD blocks never run, and are hashed harmlessly.
 * @param {string} html
 */
function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/gi)) {
    if (/\bsrc\s*=/i.test(match[1] ?? '')) continue;
    hashes.add(`'sha256-${createHash('sha256').update(match[2] ?? '', 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** CACHE_MAX_MB, checked as everywhere else: a bad value throws, naming it, when Next loads this file. */
const MAX_BYTES = setting('CACHE_MAX_MB') * 1024 * 1024;
/** Past this many remembered expirations, forgetting every page is cheaper than remembering them. */
const MAX_EXPIRED_KEYS = 200_000;
/** Next's keys end in the route's path: "/route-cache/APP_PAGE/<hash>/$/articles/x" (the front page is "/index"). */
/** @param {string} key */
function pathOf(key) {
  const at = key.lastIndexOf('/$/');
  return at === -1 ? key : key.slice(at + 2);
}

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

/** @param {any} value @returns {string[]} */
function tagsOf(value) {
  const header = value?.headers?.['x-next-cache-tags'];
  return typeof header === 'string' ? header.split(',') : [];
}

/**
 * @typedef {{ value: any, lastModified: number, tags: string[], generation: number, serial: number }} Entry
 * @typedef {{
 *   generation: number,
 *   clearedAt: number,
 *   expired: Map<string, number>,
 *   entries: LRUCache<string, Entry>,
 *   renderStarted: Map<string, number>,
 *   serial: number,
 *   keyByPath: Map<string, string>,
 *   currentEntryFor: (path: string) => Entry | undefined,
 *   expire: (keys: Iterable<string>) => void,
 *   clear: () => void,
 *   size: () => number,
 * }} PageCache
 */

/**
 * One cache per process, shared through globalThis with the front door, which
 * tells it what a seed changed (server/front-door.ts).
 * @type {PageCache}
 */
const cache = /** @type {any} */ (globalThis)[Symbol.for('newsline.page-cache')] ??= (() => {
  /** @type {PageCache} */
  const created = {
    generation: 0,
    clearedAt: 0,
    expired: new Map(),
    entries: new LRUCache({ maxSize: MAX_BYTES, sizeCalculation: (/** @type {Entry} */ entry) => sizeOf(entry.value) }),
    renderStarted: new Map(),
    serial: 0,
    keyByPath: new Map(),
    // The entry a path is served from, if it is current: the front door's copies of responses are valid
    // exactly as long as the entry they were served from (server/response-cache.ts).
    currentEntryFor(path) {
      const key = created.keyByPath.get(path);
      const entry = key === undefined ? undefined : created.entries.get(key);
      return entry && isCurrent(entry) ? entry : undefined;
    },
    expire(keys) {
      created.generation += 1;
      for (const key of keys) created.expired.set(key, created.generation);
      if (created.expired.size > MAX_EXPIRED_KEYS) created.clear();
    },
    clear() {
      created.generation += 1;
      created.clearedAt = created.generation;
      created.entries.clear();
      created.expired.clear();
      created.keyByPath.clear();
    },
    size: () => created.entries.size,
  };
  return created;
})();

/** @param {Entry} entry */
function isCurrent(entry) {
  if (entry.generation < cache.clearedAt) return false;
  for (const tag of entry.tags) {
    const expiredAt = cache.expired.get(tag);
    if (expiredAt !== undefined && expiredAt > entry.generation) return false;
  }
  return true;
}

module.exports = class KeyedMemoryCacheHandler {
  /** @param {string} key */
  async get(key) {
    const entry = cache.entries.get(key);
    if (entry && isCurrent(entry)) return { value: entry.value, lastModified: entry.lastModified };
    if (entry) cache.entries.delete(key);
    // A miss: Next renders now and calls set(); the render reads the database as of this generation.
    if (cache.renderStarted.size > 10_000) cache.renderStarted.clear();
    cache.renderStarted.set(key, cache.generation);
    return null;
  }

  /** @param {string} key @param {any} data @param {{ tags?: string[] }} [ctx] */
  async set(key, data, ctx) {
    const generation = cache.renderStarted.get(key) ?? cache.generation;
    cache.renderStarted.delete(key);
    // notFound() inside a cached page renders an empty shell (vercel/next.js#95613): never keep one.
    // The front door answers unknown URLs with the 404 page (app/page-not-found), a page like any other.
    if (data === null || data === undefined || data.status === 404) {
      cache.entries.delete(key);
      return;
    }
    // The page's own inline scripts, hashed once here: Next sends the stored headers with the first response
    // and every hit, and the server builds the page's script-src from them.
    if (data.kind === 'APP_PAGE' && typeof data.html === 'string') {
      data.headers ??= {};
      data.headers[SCRIPT_HASHES_HEADER] = inlineScriptHashes(data.html).join(' ');
    }
    cache.serial += 1;
    cache.entries.set(key, { value: data, lastModified: Date.now(), tags: [...tagsOf(data), ...(ctx?.tags ?? [])], generation, serial: cache.serial });
    if (cache.keyByPath.size > 100_000) cache.keyByPath.clear();
    cache.keyByPath.set(pathOf(key), key);
  }

  /** revalidateTag()/revalidatePath() from Next itself: the same expiry. */
  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    cache.expire(Array.isArray(tags) ? tags : [tags]);
  }

  resetRequestCache() {}
};

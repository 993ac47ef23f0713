/**
 * Every port the end-to-end tests listen on, in one place: specs run in parallel workers, so no two may share one.
 *
 * - 3000–3099: left to developers (npm start, next dev); no test uses them.
 * - 3100–3102: the servers playwright.config.ts starts for every spec (the sample site, one without a database, one
 *   with hostile content); 3103: reseed-under-load.spec.ts's own server.
 * - 3520–3524: freshness.spec.ts, a server or two per test; 3530: caching.spec.ts's own server.
 * - 3540–3559: operations.spec.ts, a server per test.
 * - 3560–3569: varnish.spec.ts, a server per test, with its Varnish on 8560–8569; nothing listens on 8579.
 * - 3580: images.spec.ts; 3590: news-sitemap.spec.ts; 3600: scheduling.spec.ts.
 */
export const PORTS = {
  /** The sample site every spec reads (playwright.config.ts). */
  site: 3100,
  /** A server whose database does not exist, for the "database unavailable" page (playwright.config.ts). */
  broken: 3101,
  /** A server whose content is hostile (e2e/fixtures/hostile): nothing in it may run (playwright.config.ts). */
  hostile: 3102,
  reseedUnderLoad: 3103,
  freshness: {
    /** Two servers on one database, for a plain seed. */
    twoServers: [3520, 3521],
    /** A running server that follows a seed and a restored backup. */
    restored: 3522,
    /** A server started after the seed. */
    startedAfterSeed: 3523,
    /** A browser reloading after a seed. */
    reload: 3524,
  },
  /** caching.spec.ts: route kinds before and after a seed, on a database of its own. */
  caching: 3530,
  operations: { sigterm: 3540, sigtermPrimary: 3541, health: 3542 },
  /** Seed, server and cache, one set per test. */
  varnish: {
    cacheKey: { server: 3560, varnish: 8560 },
    rsc: { server: 3561, varnish: 8561 },
    purge: { server: 3562, varnish: 8562 },
    siteDown: { server: 3563, varnish: 8563 },
    unreachable: { server: 3564, varnish: 8564 },
    scheduled: { server: 3565, varnish: 8565 },
    /** Where nothing listens: a cache in PURGE_URLS that is down. */
    nothingListens: 8579,
  },
  images: 3580,
  newsSitemap: 3590,
  scheduling: 3600,
} as const;

/** The origin of a test server on this machine. */
export const originOf = (port: number) => `http://127.0.0.1:${port}`;

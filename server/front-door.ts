import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { changesSinceLastCall, getDatabaseStatus, publishedSinceLastCall } from '@/db/queries/changes';
import { DatabaseUnavailableError } from '@/db/queries/connection';
import { purgeCachesAfterSeed } from '@/db/seed/purge';
import { listingPageExists, resolveArticleSlug, searchPageExists } from '@/db/queries/routing';
import { slugSchema } from '@/lib/content/schema';
import { parsePageParam } from '@/lib/pagination';
import {
  articlePath,
  CSP_REPORT_PATH,
  HEALTH_PATH,
  HOME_PATH,
  isFeedFile,
  isPreviewPath,
  listingPageRoute,
  NOT_FOUND_ROUTE,
  pageParamOf,
  parseArticlePath,
  parseListingPath,
  SEARCH_PATH,
  searchParamsOf,
  searchResultsRoute,
} from '@/lib/paths';
import { normalizeQueryParam } from '@/lib/search-query';
import { siteConfig } from '@/lib/site';
import { CACHE_CONTROL } from './cache-policy';
import { receiveCspReport } from './csp-reports';
import { pageCache } from './page-cache';
import type { RouteTable } from './routes';
import { contentSecurityPolicy } from './security-headers';

/**
 * What happens to a request before Next sees it, in plain Node: no proxy.ts,
 * whose NextRequest and extra routing pass cost most of a cached page's
 * throughput. Every decision here is a prepared statement or a regex:
 *
 * - only GET and HEAD are served (405 otherwise), and POST /csp-report;
 * - /healthz answers for load balancers;
 * - while the database cannot serve, a 503 page;
 * - what the seeds table says changed is expired from the page cache first,
 *   so a cached page is never older than the database;
 * - URLs that name nothing (no route serves them, or no article, listing or
 *   page of one matches) get the 404 page with its latest stories, rendered
 *   and cached like any page (notFound() inside a cached page renders an empty
 *   shell, vercel/next.js#95613), old and
 *   upper-case slugs a 308, and ?page= on listings and search is rewritten to
 *   the cached routes that serve them.
 *
 * Returns 'next' when Next should handle the request (req.url may have been
 * rewritten), or 'done' when it was answered here.
 */
export function frontDoor(req: IncomingMessage, res: ServerResponse, site: { buildId: string; routes: RouteTable }): 'next' | 'done' {
  const url = new URL(req.url ?? '/', 'http://front-door');
  const { pathname } = url;
  if (isStatic(pathname) || site.routes.isPublicFile(pathname)) return 'next';
  if (pathname === CSP_REPORT_PATH && req.method === 'POST') {
    receiveCspReport(req, res);
    return 'done';
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    return 'done';
  }
  if (pathname === HEALTH_PATH) {
    health(req, res, site.buildId);
    return 'done';
  }
  if (!isDecodable(pathname)) {
    // Broken percent-encoding ("%E0%A4%A") can name no page; answered before Next's router tries to decode it.
    send(res, 404, NOT_FOUND_PAGE, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    return 'done';
  }
  try {
    followSeeds();
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError)) throw error;
    send(res, 503, UNAVAILABLE_PAGE, { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '30', 'Cache-Control': 'no-store' });
    return 'done';
  }
  const decision = site.routes.serves(pathname) ? route(url) : notFound;
  if (decision.kind === 'redirect') {
    // A path on this site: a Location is never built from the request's Host.
    send(res, 308, '', { Location: decision.path, 'Cache-Control': CACHE_CONTROL.page });
    return 'done';
  }
  if (decision.kind === 'not-found') {
    // The 404 page (app/page-not-found), a cached page like any other, sent with status 404.
    req.url = NOT_FOUND_ROUTE;
    // Every unknown URL shows the same not-found page: its validator must never turn a 404 into a 304.
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
    answerWithStatus(res, 404);
  }
  if (decision.kind === 'rewrite') req.url = decision.path;
  if (isPreviewPath(pathname)) allowRenderScriptsByNonce(req, res);
  return 'next';
}

/**
 * A preview is rendered for each request and never cached, so its inline scripts have no stored hashes: it gets
 * a fresh nonce instead. Next reads the nonce from the request's Content-Security-Policy header and puts it on
 * every script it writes; the response's policy allows that nonce and nothing else inline.
 */
function allowRenderScriptsByNonce(req: IncomingMessage, res: ServerResponse): void {
  const nonce = randomBytes(18).toString('base64');
  req.headers['content-security-policy'] = `script-src 'nonce-${nonce}'`;
  res.setHeader('Content-Security-Policy', contentSecurityPolicy([`'nonce-${nonce}'`]));
}

type Decision = { kind: 'pass' } | { kind: 'redirect'; path: string } | { kind: 'rewrite'; path: string } | { kind: 'not-found' };

/** Static files and Next's own assets: no database question applies. */
function isStatic(pathname: string): boolean {
  return pathname.startsWith('/_next/static/') || pathname.startsWith('/_next/image') || pathname.startsWith('/images/') || pathname === '/favicon.ico';
}

const isSlug = (value: string) => slugSchema.safeParse(value).success;
const notFound: Decision = { kind: 'not-found' };

/** Sends whatever Next answers with `status` instead of its own (the 404 page renders as a 200 page). */
function answerWithStatus(res: ServerResponse, status: number): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
    args[0] = status;
    // A 404 is not kept by shared caches: the URL may name a story tomorrow; nor is it validated.
    this.setHeader('Cache-Control', 'no-store');
    this.removeHeader('ETag');
    this.removeHeader('Last-Modified');
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}

function route(url: URL): Decision {
  const { pathname } = url;
  // The 404 page's route is not an address of its own.
  if (pathname === NOT_FOUND_ROUTE) return notFound;
  if (pathname === SEARCH_PATH) return searchRoute(url);
  const article = parseArticlePath(pathname);
  // The share card answers for itself: a 404 image for a slug that names no story.
  if (article?.view === 'card') return { kind: 'pass' };
  if (article) {
    const { slug, view } = article;
    if (!isSlug(slug)) return isSlug(slug.toLowerCase()) ? { kind: 'redirect', path: articlePath(slug.toLowerCase(), view) } : notFound;
    const found = resolveArticleSlug(slug);
    if (found.kind === 'moved') return { kind: 'redirect', path: articlePath(found.slug, view) };
    return found.kind === 'missing' ? notFound : { kind: 'pass' };
  }
  const listing = parseListingPath(pathname);
  if (!listing) return { kind: 'pass' };
  const { kind, slug, segment } = listing;
  if (segment !== undefined && isFeedFile(segment)) return { kind: 'pass' };
  const pageParam = segment ?? pageParamOf(url);
  const page = parsePageParam(pageParam);
  if (!isSlug(slug) || page === null || !listingPageExists(kind, slug, page)) return notFound;
  // Listings are cached per page, and a page that reads ?page would render on every request:
  // /sections/x?page=2 is served by the route /sections/x/2 (the URL readers see does not change).
  if (segment === undefined && pageParam !== undefined) return { kind: 'rewrite', path: listingPageRoute(pathname, page) };
  return { kind: 'pass' };
}

/**
 * /search?q=…&page=N is served, and cached, by the route /search/<query>/<N>: results depend only on the
 * query, the page and the database. An empty query is the form; a page that does not exist is a 404.
 */
function searchRoute(url: URL): Decision {
  const asked = searchParamsOf(url);
  const query = normalizeQueryParam(asked.query);
  const page = parsePageParam(asked.page);
  if (page === null || (query && !searchPageExists(query, page))) return notFound;
  if (!query) return { kind: 'pass' };
  return { kind: 'rewrite', path: searchResultsRoute(query, page) };
}

/** The HTTP caches in front of the site (PURGE_URLS), for scheduled stories: see followScheduleForCaches. */
let cachesInFront: string[] = [];

/**
 * Behind Varnish or a CDN (PURGE_URLS), a scheduled story must appear there too when its time comes, with no seed
 * to purge for it; and a cache serving its copies never asks this server, so no request would notice. So every
 * second, requests or not, this process looks for stories that came due and purges the keys they expire from
 * each cache (twice, like a seed: db/seed/purge.ts). Every server process does it; a second purge of the same
 * keys drops nothing. Returns the function that stops it.
 */
export function followScheduleForCaches(purgeUrls: string[]): () => void {
  cachesInFront = purgeUrls;
  if (purgeUrls.length === 0) return () => {};
  const timer = setInterval(() => {
    try {
      followSeeds();
    } catch (error) {
      // The next request says what is wrong with the database (a 503 page); nothing can come due meanwhile.
      if (!(error instanceof DatabaseUnavailableError)) console.error('[server] following scheduled stories failed:', error);
    }
  }, 1000);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Expires from this process's page cache whatever the seeds committed since the last request changed, and
 * whatever scheduled stories that came due since then must now appear on (purged from the caches in front too).
 */
function followSeeds(): void {
  const changes = changesSinceLastCall();
  const published = publishedSinceLastCall();
  if (published !== null && cachesInFront.length > 0) void purgeCameDue(published);
  if (changes === null && published === null) return;
  const cache = pageCache();
  // No cache yet means nothing was rendered yet: there is nothing to expire.
  if (!cache) return;
  if (changes === 'all') cache.clear();
  else cache.expire([...(changes ?? []), ...(published ?? [])]);
}

async function purgeCameDue(keys: string[]): Promise<void> {
  for (const outcome of await purgeCachesAfterSeed(cachesInFront, keys)) {
    if (outcome.ok) console.log(`[server] ${process.pid} scheduled stories came due: purged ${outcome.url}: ${outcome.objects} cached objects dropped`);
    else console.warn(`[server] ${process.pid} scheduled stories came due: could not purge ${outcome.url} (${outcome.problem}); it shows them when its copies expire`);
  }
}

/**
 * GET /healthz: 200 and what the server serves, or 503 and why not. Never cached; one indexed count
 * and a stat, cheap enough to poll every second.
 */
function health(req: IncomingMessage, res: ServerResponse, buildId: string): void {
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  let body: object;
  let status = 200;
  try {
    const { file, ...status } = getDatabaseStatus();
    body = { status: 'ok', database: { file, schema: 'current', ...status }, build: buildId };
  } catch (error) {
    status = 503;
    body = { status: 'unavailable', reason: error instanceof Error ? error.message : String(error), build: buildId };
  }
  send(res, status, `${JSON.stringify(body)}\n`, headers);
}

/** Node leaves the body out of a HEAD response by itself; Content-Length still says what GET would send. */
function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

const UNAVAILABLE_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Temporarily unavailable | ${siteConfig.name}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style></head><body><main><h1>We’ll be back shortly</h1><p>${siteConfig.name} cannot load its stories right now. Please try again in a minute.</p></main></body></html>`;

const NOT_FOUND_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Page not found | ${siteConfig.name}</title></head><body><main><h1>We couldn’t find that page</h1><p><a href="${HOME_PATH}">Go to the front page</a>.</p></main></body></html>`;

import fs from 'node:fs';
import { type NextRequest, NextResponse } from 'next/server';
import { databasePath } from '@/db/client';
import { databaseProblem, logDatabaseState } from '@/db/health';
import { type ListingKind, listingPageExists, lookUpArticle, searchPageExists } from '@/db/queries/routing';
import { slugSchema } from '@/lib/content/schema';
import { parsePageParam } from '@/lib/pagination';
import { normalizeQueryParam } from '@/lib/search-query';
import { articlePath, siteConfig } from '@/lib/site';

/** How long a database check is trusted: readers see a fix within this time. */
const HEALTH_TTL_MS = 1000;
let checked: { at: number; problem: string | null; file: string; inode: number } | undefined;

function currentProblem(): string | null {
  const now = Date.now();
  const file = databasePath();
  if (!checked || checked.file !== file || now - checked.at > HEALTH_TTL_MS) {
    const problem = databaseProblem(file);
    checked = { at: now, problem, file, inode: problem ? 0 : fs.statSync(file).ino };
    logDatabaseState(file, problem);
  }
  return checked.problem;
}

const UNAVAILABLE_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Temporarily unavailable | ${siteConfig.name}</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style></head><body><main><h1>We’ll be back shortly</h1><p>${siteConfig.name} cannot load its stories right now. Please try again in a minute.</p></main></body></html>`;

const NOT_FOUND_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>Page not found | ${siteConfig.name}</title></head><body><main><h1>We couldn’t find that page</h1><p><a href="/">Go to the front page</a>.</p></main></body></html>`;

function isDecodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs before every page and route: only GET and HEAD reach them (anything
 * else is 405 without rendering), and while the database cannot serve, readers
 * get a plain 503 page (no stack trace, Retry-After) instead of a broken page.
 */
export function proxy(request: NextRequest) {
  // The seed's revalidation call: its route checks the secret and answers for itself.
  if (request.nextUrl.pathname === REVALIDATE_PATH) {
    return request.method === 'POST' ? NextResponse.next() : new NextResponse('Method Not Allowed\n', { status: 405, headers: { Allow: 'POST' } });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new NextResponse('Method Not Allowed\n', { status: 405, headers: { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  if (!isDecodable(request.nextUrl.pathname)) {
    // Broken percent-encoding ("%E0%A4%A") can name no page; answer before the router tries to decode it.
    return new NextResponse(NOT_FOUND_PAGE, { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  }
  if (currentProblem()) {
    return new NextResponse(request.method === 'HEAD' ? null : UNAVAILABLE_PAGE, {
      status: 503,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Retry-After': '30', 'Cache-Control': 'no-store' },
    });
  }
  return routeToPage(request) ?? NextResponse.next();
}

const isSlug = (value: string) => slugSchema.safeParse(value).success;

/** Answers for URLs that name nothing, and the ?page rewrite of listings; undefined lets the request through. */
function routeToPage(request: NextRequest): NextResponse | undefined {
  const { pathname, searchParams } = request.nextUrl;
  const inode = checked?.inode ?? 0;
  if (pathname === '/search') return searchRoute(request, inode);
  const article = ARTICLE.exec(pathname);
  if (article) {
    const slug = decodeURIComponent(article[1]!);
    const suffix = article[2] ?? '';
    // Redirects are answered here, before the page cache: one canonical URL per story.
    if (!isSlug(slug)) return isSlug(slug.toLowerCase()) ? permanentRedirect(`${articlePath(slug.toLowerCase())}${suffix}`) : notFound(request);
    const found = lookUpArticle(slug, inode);
    if (found?.kind === 'moved') return permanentRedirect(`${articlePath(found.slug)}${suffix}`);
    return found?.kind === 'missing' ? notFound(request) : undefined;
  }
  const listing = LISTING.exec(pathname);
  if (!listing) return undefined;
  const [, kind, rawSlug, segment] = listing as unknown as [string, ListingKind, string, string | undefined];
  if (segment === 'feed.xml') return undefined;
  const slug = decodeURIComponent(rawSlug);
  const pageParam = segment ?? searchParams.get('page') ?? undefined;
  const page = parsePageParam(pageParam);
  if (!isSlug(slug) || page === null || listingPageExists(kind, slug, page, inode) === false) return notFound(request);
  // Listings are cached per page, and a page that reads ?page would render on every request:
  // /sections/x?page=2 is served by the route /sections/x/2 (the URL readers see does not change).
  if (segment === undefined && pageParam !== undefined) {
    const url = request.nextUrl.clone();
    url.pathname = `${pathname}/${page}`;
    url.search = '';
    return NextResponse.rewrite(url);
  }
  return undefined;
}

/**
 * /search?q=…&page=N is served, and cached, by the route /search/<query>/<N>: results depend only on the
 * query, the page and the database. An empty query is the form; a page that does not exist is a 404.
 */
function searchRoute(request: NextRequest, inode: number): NextResponse | undefined {
  const query = normalizeQueryParam(request.nextUrl.searchParams.get('q') ?? undefined);
  const page = parsePageParam(request.nextUrl.searchParams.get('page') ?? undefined);
  if (page === null || (query && searchPageExists(query, page, inode) === false)) return notFound(request);
  if (!query) return undefined;
  const url = request.nextUrl.clone();
  url.pathname = `/search/${encodeURIComponent(query)}/${page}`;
  url.search = '';
  return NextResponse.rewrite(url);
}

/** 308 to the path on SITE_URL: the Location is never built from the request's Host. */
function permanentRedirect(path: string): NextResponse {
  return NextResponse.redirect(new URL(path, siteConfig.url), 308);
}

/** Next's own 404 page (app/not-found.tsx, fully rendered), by asking for a path no route serves. */
function notFound(request: NextRequest): NextResponse {
  return NextResponse.rewrite(new URL('/_no-such-page', request.url));
}

const REVALIDATE_PATH = '/api/revalidate';
const ARTICLE = /^\/articles\/([^/]+)(\/related|\/graph\.json)?$/;
const LISTING = /^\/(sections|tags|authors)\/([^/]+)(?:\/([^/]+))?$/;

export const config = {
  // Static files need neither check.
  matcher: ['/((?!_next/static|_next/image|images/|favicon.ico).*)'],
};

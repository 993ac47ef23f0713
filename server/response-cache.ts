import { entityTag } from '@/lib/entity-tag';
import { setting } from '@/lib/settings';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { LRUCache } from 'lru-cache';
import { type PageCacheEntry, pageCache, pagePath } from './page-cache';

/**
 * Copies of the responses Next serves from its page cache, answered by the front door without entering Next.
 * Next spends most of a cached page's time on routing and response plumbing (about 0.7 ms a request here);
 * a copy costs what writing the bytes costs.
 *
 * A copy is valid exactly as long as the page-cache entry it was served from (cache-handler.js): when a seed
 * expires one of that entry's keys, or the entry is replaced or evicted, the copy is dropped and the request
 * goes to Next. Only GET responses Next marked cacheable and served as a HIT are copied; a copy is stored per
 * URL (after the front door's rewrites) and per value of each request header its Vary names, and the content
 * encoding that was negotiated. HEAD and If-None-Match are answered from the copy.
 */

type Copy = { entry: PageCacheEntry; path: string; status: number; headers: OutgoingHttpHeaders; body: Buffer; etag: string | undefined };

/** Headers Node writes per response: never copied. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
/** Next's Vary for pages, used until a path's own response says otherwise. */
const DEFAULT_VARY = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-router-segment-prefetch'];

/** Created on first use, after server/index.ts has checked the settings: as many MiB as the page cache (CACHE_MAX_MB). */
let store: LRUCache<string, Copy> | undefined;
const copiesStore = () =>
  (store ??= new LRUCache<string, Copy>({
    maxSize: setting('CACHE_MAX_MB') * 1024 * 1024,
    sizeCalculation: (copy) => copy.body.byteLength + 1024,
  }));
/** The request headers each path's responses vary on. */
const varyByUrl = new LRUCache<string, string[]>({ max: 100_000 });

/** Which content coding a request would get: Next compresses with gzip when the client accepts it. */
function negotiatedEncoding(req: IncomingMessage): string {
  const header = req.headers['accept-encoding'];
  if (!header) return 'identity';
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if ((name === 'gzip' || name === '*') && (q === undefined || Number(q) > 0)) return 'gzip';
  }
  return 'identity';
}

function copyKey(req: IncomingMessage, url: string): string {
  const vary = varyByUrl.get(url) ?? DEFAULT_VARY;
  const values = vary.map((name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(',') : (value ?? '');
  });
  return JSON.stringify([url, negotiatedEncoding(req), values]);
}

/** Answers the request from a valid copy; false when there is none and Next must answer it. */
export function answerFromCopy(req: IncomingMessage, res: ServerResponse): boolean {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.url) return false;
  const key = copyKey(req, req.url);
  const copies = copiesStore();
  const copy = copies.get(key);
  if (!copy) return false;
  if (pageCache()?.currentEntryFor(copy.path) !== copy.entry) {
    copies.delete(key);
    return false;
  }
  for (const [name, value] of Object.entries(copy.headers)) if (value !== undefined) res.setHeader(name, value);
  if (copy.etag !== undefined && req.headers['if-none-match'] === copy.etag) {
    res.removeHeader('content-encoding');
    res.writeHead(304);
    res.end();
    return true;
  }
  res.setHeader('Content-Length', copy.body.byteLength);
  res.writeHead(copy.status);
  res.end(req.method === 'HEAD' ? undefined : copy.body);
  return true;
}

/** Watches Next answer a GET and keeps a copy when it was a cacheable HIT served from a current entry. */
export function copyWhenCacheable(req: IncomingMessage, res: ServerResponse, cacheable: (cacheControl: string) => boolean): void {
  const cache = pageCache();
  if (req.method !== 'GET' || !req.url || !cache) return;
  const url = req.url;
  const serialAtStart = cache.serial;
  const chunks: Buffer[] = [];
  let size = 0;
  let headers: OutgoingHttpHeaders | undefined;
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const collect = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
    chunks.push(buffer);
    size += buffer.byteLength;
  };
  res.write = function (chunk: unknown, ...rest: unknown[]) {
    collect(chunk, rest[0]);
    return write(chunk, ...rest);
  } as ServerResponse['write'];
  res.end = function (...args: unknown[]) {
    collect(args[0], args[1]);
    return end(...args);
  } as ServerResponse['end'];
  res.on('finish', () => {
    headers ??= res.getHeaders();
    const cacheControl = String(headers['cache-control'] ?? '');
    if (res.statusCode !== 200 || headers['x-nextjs-cache'] !== 'HIT' || !cacheable(cacheControl)) return;
    // Kept under the coding this request negotiates; anything else (deflate) is simply not copied.
    const sent = String(headers['content-encoding'] ?? 'identity');
    if (sent !== 'identity' && sent !== negotiatedEncoding(req)) return;
    const path = pagePath(url);
    const entry = cache.currentEntryFor(path);
    // Served from this entry only if it was already there when the request started.
    if (!entry || entry.serial > serialAtStart) return;
    const kept: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(headers)) if (!PER_RESPONSE.has(name)) kept[name] = value;
    const vary = String(headers.vary ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter((name) => name && name !== 'accept-encoding');
    varyByUrl.set(url, vary);
    const body = Buffer.concat(chunks, size);
    // Next validates pages, not route handlers (feeds, sitemaps, graph.json): every copy gets a validator here,
    // so a feed reader's next poll costs a 304.
    const etag = typeof headers.etag === 'string' ? headers.etag : entityTag(body);
    kept.etag = etag;
    copiesStore().set(copyKey(req, url), { entry, path, status: 200, headers: kept, body, etag });
  });
}

import { getSitemapEntries, getSitemapEntryCount } from '@/db/queries/sitemap';
import { buildUrlset, SITEMAP_MAX_URLS, sitemapFileCount, xmlResponse } from '@/lib/sitemap';
import { noStaticParams } from '@/lib/cache';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

/** Numbered sitemap N (from 1) of the index at /sitemap.xml; 404 for any other name. */
export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  const match = /^([1-9]\d{0,4})\.xml$/.exec(file);
  const number = match ? Number(match[1]) : 0;
  if (number === 0 || number > sitemapFileCount(getSitemapEntryCount().total)) {
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  return xmlResponse(buildUrlset(getSitemapEntries((number - 1) * SITEMAP_MAX_URLS, SITEMAP_MAX_URLS)));
}

import { getSitemapArticleCount, getSitemapArticles, getSitemapListingCount, getSitemapListings } from '@/db/queries/sitemap';
import { noStaticParams } from '@/app/_lib/static-params';
import { parseSitemapFileName } from '@/lib/paths';
import { buildUrlset, SITEMAP_MAX_URLS, sitemapLayout, xmlResponse } from '@/lib/sitemap';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

/**
 * One file of the index at /sitemap.xml: /sitemaps/listings-N.xml or /sitemaps/articles-N.xml (from 1; see
 * lib/sitemap.ts). 404 for any other name, and for every name while the whole site fits in /sitemap.xml.
 */
export async function GET(_request: Request, context: { params: Promise<{ file: string }> }) {
  const { file } = await context.params;
  const named = parseSitemapFileName(file);
  const layout = named ? sitemapLayout(getSitemapListingCount(), getSitemapArticleCount()) : null;
  if (!named || !layout || named.number > layout[named.series]) {
    return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  }
  const offset = (named.number - 1) * SITEMAP_MAX_URLS;
  const entries = named.series === 'listings' ? getSitemapListings().slice(offset, offset + SITEMAP_MAX_URLS) : getSitemapArticles(offset, SITEMAP_MAX_URLS);
  return xmlResponse(buildUrlset(entries));
}

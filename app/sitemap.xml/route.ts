import { getSitemapArticleCount, getSitemapArticleFileLastmods, getSitemapArticles, getSitemapListings } from '@/db/queries/sitemap';
import { absoluteUrl } from '@/lib/site';
import { sitemapFilePath } from '@/lib/paths';
import { buildSitemapIndex, buildUrlset, newestOf, SITEMAP_MAX_URLS, sitemapLayout, xmlResponse } from '@/lib/sitemap';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

/**
 * Every URL in one sitemap; past 50,000 URLs an index over /sitemaps/listings-N.xml and /sitemaps/articles-N.xml
 * (lib/sitemap.ts), each file with the newest lastmod of the URLs in it.
 */
export function GET() {
  const listings = getSitemapListings();
  const articleCount = getSitemapArticleCount();
  const layout = sitemapLayout(listings.length, articleCount);
  if (!layout) return xmlResponse(buildUrlset([...listings, ...getSitemapArticles(0, articleCount)]));
  const files = [
    ...Array.from({ length: layout.listings }, (_, index) => ({
      loc: absoluteUrl(sitemapFilePath({ series: 'listings', number: index + 1 })),
      lastmod: newestOf(listings.slice(index * SITEMAP_MAX_URLS, (index + 1) * SITEMAP_MAX_URLS).map((entry) => entry.lastmod)),
    })),
    ...getSitemapArticleFileLastmods(SITEMAP_MAX_URLS).map((lastmod, index) => ({
      loc: absoluteUrl(sitemapFilePath({ series: 'articles', number: index + 1 })),
      lastmod,
    })),
  ];
  return xmlResponse(buildSitemapIndex(files));
}

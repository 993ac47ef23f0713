import { getNewestChange, getSitemapEntries, getSitemapEntryCount } from '@/db/queries/sitemap';
import { absoluteUrl } from '@/lib/site';
import { buildSitemapIndex, buildUrlset, SITEMAP_MAX_URLS, sitemapFileCount, xmlResponse } from '@/lib/sitemap';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

/** Every URL in one sitemap, or past 50,000 URLs an index over /sitemaps/1.xml, /sitemaps/2.xml, … */
export function GET() {
  const { total } = getSitemapEntryCount();
  const files = sitemapFileCount(total);
  if (files === 0) return xmlResponse(buildUrlset(getSitemapEntries(0, SITEMAP_MAX_URLS)));
  const lastmod = getNewestChange();
  return xmlResponse(buildSitemapIndex(Array.from({ length: files }, (_, index) => ({ loc: absoluteUrl(`/sitemaps/${index + 1}.xml`), lastmod }))));
}

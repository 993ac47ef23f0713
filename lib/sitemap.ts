import { create } from 'xmlbuilder2';

/** The sitemap protocol's limit of URLs in one file; past it, /sitemap.xml becomes an index. */
export const SITEMAP_MAX_URLS = 50_000;

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export type SitemapEntry = { loc: string; lastmod?: string | null };

/** How many numbered sitemaps `total` URLs need; 0 means one plain sitemap at /sitemap.xml. */
export function sitemapFileCount(total: number, max = SITEMAP_MAX_URLS): number {
  return total <= max ? 0 : Math.ceil(total / max);
}

/** A <urlset> of pages or a <sitemapindex> of sitemaps, built by xmlbuilder2 so every URL is escaped. */
function buildDocument(rootName: 'urlset' | 'sitemapindex', itemName: 'url' | 'sitemap', entries: SitemapEntry[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACE, rootName);
  for (const entry of entries) {
    const item = root.ele(itemName);
    item.ele('loc').txt(entry.loc);
    if (entry.lastmod) item.ele('lastmod').txt(entry.lastmod);
  }
  return root.end({ prettyPrint: false });
}

export const buildUrlset = (entries: SitemapEntry[]) => buildDocument('urlset', 'url', entries);

/** The index pointing at the numbered sitemaps. */
export const buildSitemapIndex = (sitemaps: SitemapEntry[]) => buildDocument('sitemapindex', 'sitemap', sitemaps);

export function xmlResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}

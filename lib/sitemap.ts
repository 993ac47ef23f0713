import { create } from 'xmlbuilder2';

/** The sitemap protocol's limit of URLs in one file; past it, /sitemap.xml becomes an index. */
export const SITEMAP_MAX_URLS = 50_000;

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export type SitemapEntry = { loc: string; lastmod?: string | null };

/** How many numbered sitemaps `total` URLs need; 0 means one plain sitemap at /sitemap.xml. */
export function sitemapFileCount(total: number, max = SITEMAP_MAX_URLS): number {
  return total <= max ? 0 : Math.ceil(total / max);
}

/** A <urlset> document, built by xmlbuilder2 so every URL is escaped. */
export function buildUrlset(entries: SitemapEntry[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACE, 'urlset');
  for (const entry of entries) {
    const url = root.ele('url');
    url.ele('loc').txt(entry.loc);
    if (entry.lastmod) url.ele('lastmod').txt(entry.lastmod);
  }
  return root.end({ prettyPrint: false });
}

/** A <sitemapindex> document pointing at the numbered sitemaps. */
export function buildSitemapIndex(sitemaps: SitemapEntry[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACE, 'sitemapindex');
  for (const sitemap of sitemaps) {
    const node = root.ele('sitemap');
    node.ele('loc').txt(sitemap.loc);
    if (sitemap.lastmod) node.ele('lastmod').txt(sitemap.lastmod);
  }
  return root.end({ prettyPrint: false });
}

export function xmlResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}

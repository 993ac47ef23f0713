import { create } from 'xmlbuilder2';
import type { SitemapSeries } from './paths';
import { siteConfig } from './site';
import { xmlText } from './xml';

/** The sitemap protocol's limit of URLs in one file; past it, /sitemap.xml becomes an index. */
export const SITEMAP_MAX_URLS = 50_000;

const NAMESPACE = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NAMESPACE = 'http://www.google.com/schemas/sitemap-news/0.9';

export type SitemapEntry = { loc: string; lastmod?: string | null };

/**
 * The files of a sitemap index, in two series that only ever grow at their end:
 *
 * - `listings-N.xml`: the front page, then sections, authors and tags in the order they first appeared (their
 *   oldest story), so a new section, author or tag is appended;
 * - `articles-N.xml`: articles oldest first (publishedAt, then slug), so a new story is appended to the last file
 *   and every other file keeps its URLs.
 *
 * Each series is cut into files of `max` URLs. Below `max` URLs in all there is no index: /sitemap.xml is one
 * urlset (listings, then articles, in the same orders). Their paths, /sitemaps/<series>-N.xml: lib/paths.ts.
 */

/** The layout of the site's sitemaps: null for one plain urlset, else how many files each series has. */
export function sitemapLayout(listings: number, articles: number, max = SITEMAP_MAX_URLS): Record<SitemapSeries, number> | null {
  if (listings + articles <= max) return null;
  return { listings: Math.ceil(listings / max), articles: Math.ceil(articles / max) };
}

/** The newest of some dates (ISO 8601 in UTC, which sort as text), or null. */
export function newestOf(dates: Iterable<string | null | undefined>): string | null {
  let newest: string | null = null;
  for (const date of dates) if (date && (newest === null || date > newest)) newest = date;
  return newest;
}

/** A <urlset> of pages or a <sitemapindex> of sitemaps, built by xmlbuilder2 so every URL is escaped. */
function buildDocument(rootName: 'urlset' | 'sitemapindex', itemName: 'url' | 'sitemap', entries: SitemapEntry[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACE, rootName);
  for (const entry of entries) {
    const item = root.ele(itemName);
    item.ele('loc').txt(xmlText(entry.loc));
    if (entry.lastmod) item.ele('lastmod').txt(entry.lastmod);
  }
  return root.end({ prettyPrint: false });
}

export const buildUrlset = (entries: SitemapEntry[]) => buildDocument('urlset', 'url', entries);

/** The index pointing at the numbered sitemaps. */
export const buildSitemapIndex = (sitemaps: SitemapEntry[]) => buildDocument('sitemapindex', 'sitemap', sitemaps);

/** Google News sitemap rules: stories of the last two days, at most 1,000 of them (newest first). */
export const NEWS_SITEMAP_WINDOW_MS = 48 * 60 * 60 * 1000;
export const NEWS_SITEMAP_MAX_URLS = 1_000;
/** The publication as Google News knows it: the site's name and its language (ISO 639: "en" of "en-US"). */
export const NEWS_PUBLICATION = { name: siteConfig.name, language: siteConfig.locale.split('-')[0]!.toLowerCase() } as const;

export type NewsSitemapEntry = { loc: string; title: string; publishedAt: string };

/**
 * A Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
 * a <urlset> whose every <url> carries <news:news> with the publication, the publication date and the title.
 */
export function buildNewsSitemap(entries: NewsSitemapEntry[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(NAMESPACE, 'urlset').att('http://www.w3.org/2000/xmlns/', 'xmlns:news', NEWS_NAMESPACE);
  for (const entry of entries) {
    const url = root.ele('url');
    url.ele('loc').txt(xmlText(entry.loc));
    const news = url.ele(NEWS_NAMESPACE, 'news:news');
    const publication = news.ele(NEWS_NAMESPACE, 'news:publication');
    publication.ele(NEWS_NAMESPACE, 'news:name').txt(NEWS_PUBLICATION.name);
    publication.ele(NEWS_NAMESPACE, 'news:language').txt(NEWS_PUBLICATION.language);
    news.ele(NEWS_NAMESPACE, 'news:publication_date').txt(entry.publishedAt);
    news.ele(NEWS_NAMESPACE, 'news:title').txt(xmlText(entry.title));
  }
  return root.end({ prettyPrint: false });
}

export function xmlResponse(xml: string, headers: Record<string, string> = {}): Response {
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8', ...headers } });
}

import { entityTag } from '@/lib/entity-tag';
import { HOME_PATH, NEWS_SITEMAP_PATH, SEARCH_PATH, SITEMAP_PATH } from '@/lib/paths';
import { absoluteUrl } from '@/lib/site';

// Read SITE_URL when asked, not at build time.
export const dynamic = 'force-dynamic';

/**
 * robots.txt, written by hand so the order is right for every parser: the specific Disallow before the general
 * Allow (first-match parsers such as Python's urllib.robotparser would otherwise crawl /search), then the sitemaps:
 * every URL (/sitemap.xml) and the Google News sitemap of the last two days' stories (/news-sitemap.xml).
 * Search result pages are endless combinations of words; crawlers get the sitemap instead.
 */
function robotsTxt(): string {
  return ['User-agent: *', `Disallow: ${SEARCH_PATH}`, `Allow: ${HOME_PATH}`, '', `Sitemap: ${absoluteUrl(SITEMAP_PATH)}`, `Sitemap: ${absoluteUrl(NEWS_SITEMAP_PATH)}`, ''].join('\n');
}

export function GET(request: Request): Response {
  const body = robotsTxt();
  const etag = entityTag(body);
  const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=300', ETag: etag };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}

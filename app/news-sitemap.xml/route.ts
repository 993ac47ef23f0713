import { entityTag } from '@/lib/entity-tag';
import { getNewsSitemapStories } from '@/db/queries/sitemap';
import { articlePath } from '@/lib/paths';
import { absoluteUrl } from '@/lib/site';
import { buildNewsSitemap, xmlResponse } from '@/lib/sitemap';

/**
 * The Google News sitemap: the stories published in the last 48 hours (at most 1,000, newest first).
 *
 * Rendered on every request, not cached like the other sitemaps: its content changes with the clock as well as with
 * seeds (a story leaves it when it turns 48 hours old, with no seed to expire a key), and a cached copy would keep
 * listing it — the page cache expires entries only by key, and the front door serves its copies of cached responses
 * until a key expires, whatever `revalidate` says. One range of articles_published_at_idx, at most 1,000 rows, so a
 * render is cheap; it reads the database as it is now, so a seed shows on the next request.
 */
export const dynamic = 'force-dynamic';

/** How long a shared cache (CDN) may keep it at most: the site's rule for cached pages (server/cache-policy.ts). */
const SHARED_SECONDS = 300;

export function GET(request: Request): Response {
  const now = new Date();
  const { stories, changesAt } = getNewsSitemapStories(now);
  const body = buildNewsSitemap(stories.map((story) => ({ loc: absoluteUrl(articlePath(story.slug)), title: story.title, publishedAt: story.publishedAt })));
  // A shared cache may keep it until the list would change by the clock (the oldest story turns 48 hours old, or a
  // story dated ahead comes due), and never longer than SHARED_SECONDS: a seed shows there within that time.
  const untilChange = changesAt ? Math.floor((changesAt.getTime() - now.getTime()) / 1000) : SHARED_SECONDS;
  const sharedSeconds = Math.max(0, Math.min(SHARED_SECONDS, untilChange));
  const etag = entityTag(body);
  const headers = { 'Cache-Control': `public, max-age=0, s-maxage=${sharedSeconds}`, ETag: etag };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return xmlResponse(body, headers);
}

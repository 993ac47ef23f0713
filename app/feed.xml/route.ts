import { getLatestArticles } from '@/db/queries/articles';
import { buildRssFeed, FEED_SIZE, rssResponse } from '@/lib/feed';
import { siteConfig } from '@/lib/site';

// Cached; the seed revalidates it, and it is refreshed in the background after 5 minutes (docs/ARCHITECTURE.md).
export const revalidate = 300;

export function GET() {
  return rssResponse(
    buildRssFeed({ title: `${siteConfig.name}: latest stories`, description: siteConfig.description, listingPath: '', articles: getLatestArticles(FEED_SIZE) }),
  );
}

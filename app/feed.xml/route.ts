import { getLatestArticles } from '@/db/queries/articles';
import { buildRssFeed, FEED_SIZE, rssResponse } from '@/lib/feed';
import { siteConfig } from '@/lib/site';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

export function GET() {
  return rssResponse(
    buildRssFeed({ title: `${siteConfig.name}: latest stories`, description: siteConfig.description, listingPath: '', articles: getLatestArticles(FEED_SIZE) }),
  );
}

import { getLatestArticles } from '@/db/queries/articles';
import { buildRssFeed, FEED_SIZE, rssResponse } from '@/lib/feed';
import { siteConfig } from '@/lib/site';

export const dynamic = 'force-dynamic';

export function GET() {
  return rssResponse(
    buildRssFeed({ title: `${siteConfig.name}: latest stories`, description: siteConfig.description, listingPath: '', articles: getLatestArticles(FEED_SIZE) }),
  );
}

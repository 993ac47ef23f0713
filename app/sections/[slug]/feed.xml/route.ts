import { getFeedArticles, getSection } from '@/db/queries/listings';
import { listingFeedRoute } from '@/lib/listing-feed';
import { sectionPath } from '@/lib/site';

export const dynamic = 'force-dynamic';

export const GET = listingFeedRoute({
  find: getSection,
  articles: (slug, limit) => getFeedArticles({ section: slug }, limit),
  path: sectionPath,
  describe: (name) => `The latest ${name} stories.`,
});

import { getFeedArticles, getTag } from '@/db/queries/listings';
import { listingFeedRoute } from '@/lib/listing-feed';
import { tagPath } from '@/lib/site';

export const dynamic = 'force-dynamic';

export const GET = listingFeedRoute({
  find: getTag,
  articles: (slug, limit) => getFeedArticles({ tag: slug }, limit),
  path: tagPath,
  describe: (name) => `Stories tagged “${name}”.`,
});

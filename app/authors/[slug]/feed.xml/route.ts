import { getAuthor, getFeedArticles } from '@/db/queries/listings';
import { listingFeedRoute } from '@/lib/listing-feed';
import { authorPath } from '@/lib/site';

export const dynamic = 'force-dynamic';

export const GET = listingFeedRoute({
  find: getAuthor,
  articles: (slug, limit) => getFeedArticles({ authorSlug: slug }, limit),
  path: authorPath,
  describe: (name) => `Stories by ${name}.`,
});

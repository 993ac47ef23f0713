import { getAuthor, getFeedArticles } from '@/db/queries/listings';
import { listingFeedRoute } from '@/lib/listing-feed';
import { authorPath } from '@/lib/site';
import { noStaticParams } from '@/lib/cache';

// Cached; the seed revalidates it, and it is refreshed in the background after 5 minutes (docs/ARCHITECTURE.md).
export const revalidate = 300;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

export const GET = listingFeedRoute({
  find: getAuthor,
  articles: (slug, limit) => getFeedArticles({ authorSlug: slug }, limit),
  path: authorPath,
  describe: (name) => `Stories by ${name}.`,
});

import { getFeedArticles, getSection } from '@/db/queries/listings';
import { listingFeedRoute } from '@/lib/listing-feed';
import { sectionPath } from '@/lib/site';
import { noStaticParams } from '@/lib/cache';

// Cached; the seed revalidates it, and it is refreshed in the background after 5 minutes (docs/ARCHITECTURE.md).
export const revalidate = 300;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

export const GET = listingFeedRoute({
  find: getSection,
  articles: (slug, limit) => getFeedArticles({ section: slug }, limit),
  path: sectionPath,
  describe: (name) => `The latest ${name} stories.`,
});

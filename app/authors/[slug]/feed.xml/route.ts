import { getLatestArticles } from '@/db/queries/articles';
import { getAuthor } from '@/db/queries/listings';
import { listingFeedRoute } from '@/lib/listing-feed';
import { authorPath } from '@/lib/site';
import { noStaticParams } from '@/lib/cache';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

export const GET = listingFeedRoute({
  find: (slug, limit) => {
    const found = getAuthor(slug);
    return found && { name: found.name, articles: getLatestArticles(limit, 0, { kind: 'author', id: found.id }) };
  },
  path: authorPath,
  describe: (name) => `Stories by ${name}.`,
});

import { buildRssFeed, FEED_SIZE, rssResponse } from './feed';
import type { ArticleSummary } from '@/db/queries/articles';
import { slugSchema } from './content/schema';
import { siteConfig } from './site';

/**
 * The GET handler of a section, tag or author feed: a plain 404 for a slug that does
 * not exist, otherwise its newest FEED_SIZE stories as RSS.
 */
export function listingFeedRoute(options: {
  /** The listing's name and its newest `limit` stories; null when there is no such listing. */
  find: (slug: string, limit: number) => { name: string; articles: ArticleSummary[] } | null;
  path: (slug: string) => string;
  describe: (name: string) => string;
}) {
  return async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
    const { slug } = await context.params;
    const found = slugSchema.safeParse(slug).success ? options.find(slug, FEED_SIZE) : null;
    if (!found) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return rssResponse(
      buildRssFeed({
        title: `${siteConfig.name}: ${found.name}`,
        description: options.describe(found.name),
        listingPath: options.path(slug),
        articles: found.articles,
      }),
    );
  };
}

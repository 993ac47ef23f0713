import { getFeedArticles } from '@/db/queries/feeds';
import { getAuthor, getSection, getTag } from '@/db/queries/listings';
import { slugSchema } from '@/lib/content/schema';
import { FEED_SIZE, feedResponse } from '@/lib/feed';
import { authorPath, type FeedFormat, sectionPath, tagPath } from '@/lib/paths';
import { siteConfig } from '@/lib/site';
import type { FeedArticle } from '@/lib/types';

/** A section, tag or author feed: how to find the listing and its stories, its path and how it describes itself. */
export type ListingFeed = {
  /** The listing's name and its newest `limit` stories; null when there is no such listing. */
  find: (slug: string, limit: number) => { name: string; articles: FeedArticle[] } | null;
  path: (slug: string) => string;
  describe: (name: string) => string;
};

export const sectionFeed: ListingFeed = {
  find: (slug, limit) => {
    const found = getSection(slug);
    return found && { name: found.name, articles: getFeedArticles(limit, { kind: 'section', slug }) };
  },
  path: sectionPath,
  describe: (name) => `The latest ${name} stories.`,
};

export const tagFeed: ListingFeed = {
  find: (slug, limit) => {
    const found = getTag(slug);
    return found && { name: found.name, articles: getFeedArticles(limit, { kind: 'tag', slug }) };
  },
  path: tagPath,
  describe: (name) => `Stories tagged “${name}”.`,
};

export const authorFeed: ListingFeed = {
  find: (slug, limit) => {
    const found = getAuthor(slug);
    return found && { name: found.name, articles: getFeedArticles(limit, { kind: 'author', id: found.id }) };
  },
  path: authorPath,
  describe: (name) => `Stories by ${name}.`,
};

/** The GET handler of the site feed (/feed.xml, /feed.json): the newest FEED_SIZE stories. */
export function siteFeedRoute(format: FeedFormat) {
  return function GET() {
    return feedResponse(format, {
      title: `${siteConfig.name}: latest stories`,
      description: siteConfig.description,
      listingPath: '',
      articles: getFeedArticles(FEED_SIZE),
    });
  };
}

/**
 * The GET handler of a section, tag or author feed in one format: a plain 404 for a slug that does
 * not exist, otherwise its newest FEED_SIZE stories.
 */
export function listingFeedRoute(format: FeedFormat, listing: ListingFeed) {
  return async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
    const { slug } = await context.params;
    const found = slugSchema.safeParse(slug).success ? listing.find(slug, FEED_SIZE) : null;
    if (!found) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    return feedResponse(format, {
      title: `${siteConfig.name}: ${found.name}`,
      description: listing.describe(found.name),
      listingPath: listing.path(slug),
      articles: found.articles,
    });
  };
}

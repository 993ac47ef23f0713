import { Feed } from 'feed';
import { withoutForbiddenCharacters as clean } from './characters';
import type { ArticleSummary } from '@/db/queries/articles';
import { absoluteUrl, articlePath, authorPath, feedPath, siteConfig } from './site';

/** How many stories each feed carries. */
export const FEED_SIZE = 50;

/**
 * An RSS 2.0 document for a listing, built by the `feed` library (which
 * escapes or CDATA-wraps every string), never by concatenation.
 */
export function buildRssFeed(options: { title: string; description: string; listingPath: string; articles: ArticleSummary[] }): string {
  const newest = options.articles[0];
  const feed = new Feed({
    title: clean(options.title),
    description: clean(options.description),
    id: absoluteUrl(options.listingPath || '/'),
    link: absoluteUrl(options.listingPath || '/'),
    language: 'en',
    copyright: `© ${siteConfig.name}`,
    generator: false,
    // The newest story's date, not the time of the request: the same data gives the same bytes.
    updated: newest ? new Date(newest.updatedAt ?? newest.publishedAt) : new Date(0),
    feedLinks: { rss: absoluteUrl(feedPath(options.listingPath)) },
  });
  for (const article of options.articles) {
    const link = absoluteUrl(articlePath(article.slug));
    feed.addItem({
      title: clean(article.title),
      id: link,
      link,
      date: new Date(article.publishedAt),
      description: article.dek ? clean(article.dek) : undefined,
      author: [{ name: clean(article.authorName), link: absoluteUrl(authorPath(article.authorSlug)) }],
      category: [{ name: clean(article.section) }],
    });
  }
  return feed.rss2();
}

export function rssResponse(xml: string): Response {
  return new Response(xml, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}

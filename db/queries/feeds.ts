import 'server-only';
import { eq } from 'drizzle-orm';
import type { StoredImage } from '@/lib/images';
import type { FeedArticle } from '@/lib/types';
import { cacheKeys } from '../cache-keys';
import { articles, authors } from '../schema';
import { type ArticleCollection, collectionFilter, newestFirst, summaryColumns, toSummaries } from './articles';
import { getDb } from './connection';
import { dependOn } from './keys';

/**
 * The newest `limit` stories of a collection with their bodies, for RSS and JSON Feed. Keys: the collection's
 * list, each story's card and author (toSummaries) and each story's page (`p:<id>`: the body and its photos),
 * so a body edit refreshes every feed that carries the story.
 */
export function getFeedArticles(limit: number, collection: ArticleCollection = { kind: 'latest' }): FeedArticle[] {
  const { where, key } = collectionFilter(collection);
  dependOn([key]);
  const rows = getDb()
    .select({ ...summaryColumns, body: articles.body, bodyImages: articles.bodyImages })
    .from(articles)
    .innerJoin(authors, eq(authors.id, articles.authorId))
    .where(where)
    .orderBy(...newestFirst)
    .limit(limit)
    .all();
  dependOn(rows.map((row) => cacheKeys.articlePage(row.id)));
  const summaries = toSummaries(rows);
  return summaries.map((summary, index) => {
    const row = rows[index]!;
    return { ...summary, body: row.body, bodyImages: row.bodyImages ? (JSON.parse(row.bodyImages) as Record<string, StoredImage>) : {} };
  });
}

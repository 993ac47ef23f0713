import 'server-only';
import { asc, eq, inArray } from 'drizzle-orm';
import type { StoredImage } from '@/lib/images';
import type { FeedArticle } from '@/lib/types';
import { cacheKeys } from '../cache-keys';
import { articleAuthors, articles, authors } from '../schema';
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
  // The page key also covers the byline (a co-author joining or leaving changes the story's page); each co-author's
  // own key covers their name.
  dependOn(rows.map((row) => cacheKeys.articlePage(row.id)));
  const bylines = new Map<number, { name: string; slug: string }[]>();
  const credited =
    rows.length === 0
      ? []
      : getDb()
          .select({ articleId: articleAuthors.articleId, authorId: authors.id, name: authors.name, slug: authors.slug })
          .from(articleAuthors)
          .innerJoin(authors, eq(authors.id, articleAuthors.authorId))
          .where(inArray(articleAuthors.articleId, rows.map((row) => row.id)))
          .orderBy(asc(articleAuthors.articleId), asc(articleAuthors.position))
          .all();
  dependOn([...new Set(credited.map((row) => cacheKeys.author(row.authorId)))]);
  for (const row of credited) bylines.set(row.articleId, [...(bylines.get(row.articleId) ?? []), { name: row.name, slug: row.slug }]);
  const summaries = toSummaries(rows);
  return summaries.map((summary, index) => {
    const row = rows[index]!;
    return {
      ...summary,
      byline: bylines.get(row.id) ?? [{ name: summary.authorName, slug: summary.authorSlug }],
      body: row.body,
      bodyImages: row.bodyImages ? (JSON.parse(row.bodyImages) as Record<string, StoredImage>) : {},
    };
  });
}

import 'server-only';
import { asc, desc, eq } from 'drizzle-orm';
import type { CorrectionEntry } from '@/lib/types';
import { cacheKeys } from '../cache-keys';
import { articleCorrections, articles } from '../schema';
import { getDb } from './connection';
import { dependOn } from './keys';

/**
 * The newest `limit` corrections across the site, newest first (ties: the story's slug, then the editor's order).
 * Keys: the list of corrections, and each story's card (its headline and URL, shown with the notice).
 */
export function getCorrections(limit: number): CorrectionEntry[] {
  dependOn([cacheKeys.corrections]);
  const rows = getDb()
    .select({
      date: articleCorrections.correctedAt,
      text: articleCorrections.text,
      position: articleCorrections.position,
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
    })
    .from(articleCorrections)
    .innerJoin(articles, eq(articles.id, articleCorrections.articleId))
    .orderBy(desc(articleCorrections.correctedAt), asc(articles.slug), desc(articleCorrections.position))
    .limit(limit)
    .all();
  dependOn(rows.map((row) => cacheKeys.articleCard(row.id)));
  return rows.map((row) => ({ date: row.date, text: row.text, position: row.position, article: { id: row.id, slug: row.slug, title: row.title } }));
}

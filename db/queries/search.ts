import 'server-only';
import { sql } from 'drizzle-orm';
import { paginate, type Pagination } from '@/lib/pagination';
import { toFtsQuery } from '@/lib/search-query';
import type { ArticleSummary } from '@/lib/types';
import { cacheKeys } from '../cache-keys';
import { summaryColumns, toSummaries } from './articles';
import { dependOn } from './keys';
import { searchResultCount } from './routing';
import { articles, authors } from '../schema';
import { getDb } from './connection';

/** Private-use characters mark highlighted words in snippets; the page turns them into <mark>, never into HTML. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** bm25 weights of the index's columns (title, dek, body): a word in the headline counts most. */
const WEIGHTS = sql.raw('10.0, 4.0, 1.0');

export type SearchHit = ArticleSummary & { titleHighlighted: string; snippet: string };
export type SearchResults = { hits: SearchHit[]; pagination: Pagination };

/**
 * Full-text search, ranked by bm25 with the title weighted above the dek and
 * body. The reader's input only ever reaches SQLite as a bound parameter
 * built by toFtsQuery, so it can only mean words and phrases. Returns null
 * for a page past the end; an input with nothing searchable finds nothing.
 */
export function searchArticles(input: string, page: number): SearchResults | null {
  // Any headline, dek or body can change what a query finds.
  dependOn([cacheKeys.search]);
  const match = toFtsQuery(input);
  const pagination = paginate(page, match ? searchResultCount(input) : 0);
  if (!pagination || !match) return pagination && { hits: [], pagination };
  const db = getDb();

  const rows = db
    .select({
      ...summaryColumns,
      titleHighlighted: sql<string>`highlight(articles_search, 0, ${MARK_START}, ${MARK_END})`,
      snippet: sql<string>`snippet(articles_search, 2, ${MARK_START}, ${MARK_END}, '…', 28)`,
    })
    .from(sql`articles_search`)
    .innerJoin(articles, sql`${articles.id} = articles_search.rowid`)
    .innerJoin(authors, sql`${authors.id} = ${articles.authorId}`)
    .where(sql`articles_search MATCH ${match}`)
    .orderBy(sql`bm25(articles_search, ${WEIGHTS})`, articles.slug)
    .limit(pagination.limit)
    .offset(pagination.offset)
    .all();
  const cards = toSummaries(rows);
  return {
    hits: rows.map((row, index) => ({ ...cards[index]!, titleHighlighted: row.titleHighlighted, snippet: row.snippet })),
    pagination,
  };
}

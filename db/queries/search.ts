import 'server-only';
import { sql } from 'drizzle-orm';
import { paginate, type Pagination } from '@/lib/pagination';
import { toFtsQuery } from '@/lib/search-query';
import { type ArticleSummary, summaryColumns, toSummary } from './articles';
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
  const match = toFtsQuery(input);
  if (!match) {
    const pagination = paginate(page, 0);
    return pagination && { hits: [], pagination };
  }
  const db = getDb();
  const total = db.get<{ n: number }>(sql`SELECT count(*) AS n FROM articles_search WHERE articles_search MATCH ${match}`)?.n ?? 0;
  const pagination = paginate(page, total);
  if (!pagination) return null;

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
  return {
    hits: rows.map((row) => ({ ...toSummary(row), titleHighlighted: row.titleHighlighted, snippet: row.snippet })),
    pagination,
  };
}

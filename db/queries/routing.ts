// No 'server-only' marker: the front door (server/) imports this module outside Next's bundles; see connection.ts.
import type Database from 'better-sqlite3';
import { paginate } from '@/lib/pagination';
import type { ListingKind } from '@/lib/paths';
import { toFtsQuery } from '@/lib/search-query';
import { readConnection } from './connection';

/**
 * What a URL names, answered once for everyone who asks: the front door
 * (server/front-door.ts) before a cached page is looked up, and the pages and
 * routes themselves. Prepared statements on the shared read connection; a few
 * microseconds a call.
 */
type Statements = {
  article: Database.Statement<[string], { id: number }>;
  redirect: Database.Statement<[string], { slug: string }>;
  count: Record<ListingKind, Database.Statement<[string], { n: number }>>;
  searchCount: Database.Statement<[string], { n: number }>;
};

const prepared = new WeakMap<Database.Database, Statements>();

function statements(): Statements {
  const { sqlite } = readConnection();
  let found = prepared.get(sqlite);
  if (!found) {
    found = {
      article: sqlite.prepare('SELECT id FROM articles WHERE slug = ?'),
      redirect: sqlite.prepare('SELECT a.slug FROM article_redirects r JOIN articles a ON a.id = r.article_id WHERE r.from_slug = ?'),
      // Counted through `articles` (the published stories: connection.ts), like every list they page through.
      searchCount: sqlite.prepare('SELECT count(*) AS n FROM articles_search JOIN articles a ON a.id = articles_search.rowid WHERE articles_search MATCH ?'),
      count: {
        // -1: no such listing. A section or tag exists while it has articles.
        sections: sqlite.prepare('SELECT coalesce(nullif(count(*), 0), -1) AS n FROM articles WHERE section_slug = ?'),
        tags: sqlite.prepare('SELECT coalesce(nullif(count(*), 0), -1) AS n FROM article_tags t JOIN articles a ON a.id = t.article_id WHERE t.slug = ?'),
        // An author with no articles still has a page (their bio): n = 0.
        // Every story on the author's byline, lead author or not (article_authors).
        authors: sqlite.prepare(
          'SELECT coalesce((SELECT count(a.id) FROM authors u LEFT JOIN article_authors b ON b.author_id = u.id LEFT JOIN articles a ON a.id = b.article_id WHERE u.slug = ? GROUP BY u.id), -1) AS n',
        ),
      },
    };
    prepared.set(sqlite, found);
  }
  return found;
}

export type ArticleLookup = { kind: 'found'; id: number } | { kind: 'moved'; slug: string } | { kind: 'missing' };

/** Is `slug` an article, an old slug of one (redirectFrom), or nothing? */
export function resolveArticleSlug(slug: string): ArticleLookup {
  const queries = statements();
  const article = queries.article.get(slug);
  if (article) return { kind: 'found', id: article.id };
  const moved = queries.redirect.get(slug);
  return moved ? { kind: 'moved', slug: moved.slug } : { kind: 'missing' };
}

/** How many articles a section, tag or author lists; null when there is no such listing. */
export function listingSize(kind: ListingKind, slug: string): number | null {
  const size = statements().count[kind].get(slug)!.n;
  return size < 0 ? null : size;
}

/** Does page `page` of this listing exist? The one rule, shared by the front door and the pages (lib/pagination). */
export function listingPageExists(kind: ListingKind, slug: string, page: number): boolean {
  const size = listingSize(kind, slug);
  return size !== null && paginate(page, size) !== null;
}

/** How many articles match a reader's search; 0 when the input has nothing searchable. */
export function searchResultCount(input: string): number {
  const match = toFtsQuery(input);
  return match ? statements().searchCount.get(match)!.n : 0;
}

/** Does page `page` of the results for `input` exist? Page 1 always does (it may say nothing matched). */
export function searchPageExists(input: string, page: number): boolean {
  return page === 1 || paginate(page, searchResultCount(input)) !== null;
}

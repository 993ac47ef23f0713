// No 'server-only' marker: proxy.ts imports this module, and the proxy bundle is not built with the
// react-server condition that marker needs. It is still server code: nothing on the client imports it.
import Database from 'better-sqlite3';
import { databasePath } from '../client';
import { PAGE_SIZE } from '@/lib/pagination';
import { toFtsQuery } from '@/lib/search-query';

/**
 * The questions proxy.ts asks before a cached page renders: does this URL name
 * something? Answering "no" here, rather than with notFound() inside a cached
 * page, gives readers a fully rendered 404 page (Next renders notFound() from
 * an ISR page as an empty shell that needs JavaScript; vercel/next.js#95613).
 * One read-only connection with prepared statements, reopened when the file
 * is replaced; a few microseconds a request.
 */
type Statements = {
  file: string;
  inode: number;
  db: Database.Database;
  article: Database.Statement<[string], { found: number }>;
  redirect: Database.Statement<[string], { slug: string }>;
  count: Record<ListingKind, Database.Statement<[string], { n: number }>>;
  searchCount: Database.Statement<[string], { n: number }>;
};

export type ListingKind = 'sections' | 'tags' | 'authors';

let current: Statements | undefined;

function statements(file: string, inode: number): Statements {
  if (current && current.file === file && current.inode === inode) return current;
  current?.db.close();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  current = {
    file,
    inode,
    db,
    article: db.prepare('SELECT EXISTS (SELECT 1 FROM articles WHERE slug = ?) AS found'),
    redirect: db.prepare('SELECT a.slug FROM article_redirects r JOIN articles a ON a.id = r.article_id WHERE r.from_slug = ?'),
    searchCount: db.prepare('SELECT count(*) AS n FROM articles_search WHERE articles_search MATCH ?'),
    count: {
      sections: db.prepare('SELECT count(*) AS n FROM articles WHERE section_slug = ?'),
      tags: db.prepare('SELECT count(*) AS n FROM article_tags WHERE slug = ?'),
      // An author with no articles still has a page (their bio): one page, n = 0.
      authors: db.prepare('SELECT CASE WHEN EXISTS (SELECT 1 FROM authors WHERE slug = ?1) THEN (SELECT count(*) FROM articles JOIN authors ON authors.id = articles.author_id WHERE authors.slug = ?1) ELSE -1 END AS n'),
    },
  };
  return current;
}

/** Null when the database cannot answer: then the page itself decides (the proxy has already checked health). */
function withStatements<T>(inode: number, run: (s: Statements) => T): T | null {
  try {
    return run(statements(databasePath(), inode));
  } catch {
    current?.db.close();
    current = undefined;
    return null;
  }
}

export type ArticleLookup = { kind: 'found' } | { kind: 'moved'; slug: string } | { kind: 'missing' };

/** Is `slug` an article, an old slug of one (redirectFrom), or nothing? */
export function lookUpArticle(slug: string, inode: number): ArticleLookup | null {
  return withStatements(inode, (s): ArticleLookup => {
    if (s.article.get(slug)!.found === 1) return { kind: 'found' };
    const moved = s.redirect.get(slug);
    return moved ? { kind: 'moved', slug: moved.slug } : { kind: 'missing' };
  });
}

/** Does page `page` of this listing exist? */
export function listingPageExists(kind: ListingKind, slug: string, page: number, inode: number): boolean | null {
  return withStatements(inode, (s) => {
    const n = s.count[kind].get(slug)!.n;
    if (n < 0 || (n === 0 && kind !== 'authors')) return false;
    return page <= Math.max(1, Math.ceil(n / PAGE_SIZE));
  });
}

/** Does page `page` of the results for `query` exist? Page 1 always does (it may say nothing matched). */
export function searchPageExists(query: string, page: number, inode: number): boolean | null {
  if (page === 1) return true;
  const match = toFtsQuery(query);
  if (!match) return false;
  return withStatements(inode, (s) => page <= Math.ceil(s.searchCount.get(match)!.n / PAGE_SIZE));
}

import 'server-only';
import { asc, count, eq, max, sql } from 'drizzle-orm';
import { absoluteUrl, articlePath, authorPath, sectionPath, tagPath } from '@/lib/site';
import type { SitemapEntry } from '@/lib/sitemap';
import { cacheKeys } from '../cache-keys';
import { articles, articleTags, authors } from '../schema';
import { getDb } from './connection';
import { dependOn } from './keys';

const lastChange = sql<string>`max(coalesce(${articles.updatedAt}, ${articles.publishedAt}))`;

/**
 * Every URL worth crawling, in a fixed order: the front page, sections,
 * authors, tags, then articles oldest first (so numbered sitemaps stay stable
 * as stories are added). The listings are few; articles are read by range.
 */
function listingEntries(): SitemapEntry[] {
  // One key for all of it: a sitemap lists every URL, too many to key one by one.
  dependOn([cacheKeys.urls]);
  const db = getDb();
  const newest = db.select({ at: lastChange }).from(articles).get()?.at ?? null;
  const sections = db.select({ slug: articles.sectionSlug, at: lastChange }).from(articles).groupBy(articles.sectionSlug).orderBy(articles.sectionSlug).all();
  const writers = db
    .select({ slug: authors.slug, at: lastChange })
    .from(authors)
    .leftJoin(articles, eq(articles.authorId, authors.id))
    .groupBy(authors.id)
    .orderBy(authors.slug)
    .all();
  const tags = db
    .select({ slug: articleTags.slug, at: lastChange })
    .from(articleTags)
    .innerJoin(articles, eq(articles.id, articleTags.articleId))
    .groupBy(articleTags.slug)
    .orderBy(articleTags.slug)
    .all();
  return [
    { loc: absoluteUrl('/'), lastmod: newest },
    ...sections.map((row) => ({ loc: absoluteUrl(sectionPath(row.slug)), lastmod: row.at })),
    ...writers.map((row) => ({ loc: absoluteUrl(authorPath(row.slug)), lastmod: row.at })),
    ...tags.map((row) => ({ loc: absoluteUrl(tagPath(row.slug)), lastmod: row.at })),
  ];
}

export function getSitemapEntryCount(): { total: number; listings: SitemapEntry[] } {
  const listings = listingEntries();
  const articleCount = getDb().select({ n: count() }).from(articles).get()?.n ?? 0;
  return { total: listings.length + articleCount, listings };
}

/** Entries [offset, offset + limit) of the whole list. */
export function getSitemapEntries(offset: number, limit: number): SitemapEntry[] {
  const { listings } = getSitemapEntryCount();
  const fromListings = listings.slice(offset, offset + limit);
  const articleOffset = Math.max(0, offset - listings.length);
  const articleLimit = limit - fromListings.length;
  if (articleLimit <= 0) return fromListings;
  const rows = getDb()
    .select({ slug: articles.slug, at: sql<string>`coalesce(${articles.updatedAt}, ${articles.publishedAt})` })
    .from(articles)
    .orderBy(asc(articles.id))
    .limit(articleLimit)
    .offset(articleOffset)
    .all();
  return [...fromListings, ...rows.map((row) => ({ loc: absoluteUrl(articlePath(row.slug)), lastmod: row.at }))];
}

/** The date of the newest change anywhere, for the sitemap index. */
export function getNewestChange(): string | null {
  dependOn([cacheKeys.urls]);
  return getDb().select({ at: max(sql<string>`coalesce(${articles.updatedAt}, ${articles.publishedAt})`) }).from(articles).get()?.at ?? null;
}

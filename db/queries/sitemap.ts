import 'server-only';
import { and, asc, count, countDistinct, desc, gt, gte, lte, min, sql } from 'drizzle-orm';
import { articlePath, authorPath, HOME_PATH, sectionPath, tagPath } from '@/lib/paths';
import { absoluteUrl } from '@/lib/site';
import { NEWS_SITEMAP_MAX_URLS, NEWS_SITEMAP_WINDOW_MS, type SitemapEntry } from '@/lib/sitemap';
import { cacheKeys } from '../cache-keys';
import { articleAuthors, articles, articleTags, authors } from '../schema';
import { getDb } from './connection';
import { dependOn } from './keys';

/** An article's last change: its update, or its publication. */
const changedAt = sql<string>`coalesce(${articles.updatedAt}, ${articles.publishedAt})`;

type Listing = { kind: number; slug: string; path: string; first: string | null; at: string | null };

/** Folds one article into a listing's dates: its oldest publication and its newest change. */
function fold(listing: Listing, publishedAt: string, at: string) {
  if (listing.first === null || publishedAt < listing.first) listing.first = publishedAt;
  if (listing.at === null || at > listing.at) listing.at = at;
}

/**
 * Every listing worth crawling: the front page, then sections, authors and tags in the order they first appeared
 * (the date of their oldest story, then kind, then slug; authors without a story last), each with the last change
 * of its stories. A new story that brings a new section, author or tag appends it, so listing files stay stable.
 *
 * One pass over articles, one over article_authors and one over article_tags, folded here: grouping in SQL looks each tag row's article up
 * in the (wide) articles table for its update date, several times slower on a large site.
 */
export function getSitemapListings(): SitemapEntry[] {
  // One key for all of it: a sitemap lists every URL, too many to key one by one.
  dependOn([cacheKeys.urls]);
  const db = getDb();
  const sections = new Map<string, Listing>();
  const writers = new Map<number, Listing>();
  const tags = new Map<string, Listing>();
  for (const author of db.select({ id: authors.id, slug: authors.slug }).from(authors).all()) {
    writers.set(author.id, { kind: 1, slug: author.slug, path: authorPath(author.slug), first: null, at: null });
  }
  const dates = new Map<number, { publishedAt: string; at: string }>();
  let newest: string | null = null;
  for (const row of db.select({ id: articles.id, sectionSlug: articles.sectionSlug, publishedAt: articles.publishedAt, at: changedAt }).from(articles).all()) {
    dates.set(row.id, row);
    if (newest === null || row.at > newest) newest = row.at;
    let section = sections.get(row.sectionSlug);
    if (!section) sections.set(row.sectionSlug, (section = { kind: 0, slug: row.sectionSlug, path: sectionPath(row.sectionSlug), first: null, at: null }));
    fold(section, row.publishedAt, row.at);
  }
  // Every author of a byline lists the story (article_authors), not only its lead author.
  for (const row of db.select({ articleId: articleAuthors.articleId, authorId: articleAuthors.authorId }).from(articleAuthors).all()) {
    const article = dates.get(row.articleId);
    const writer = writers.get(row.authorId);
    if (article && writer) fold(writer, article.publishedAt, article.at);
  }
  for (const row of db.select({ articleId: articleTags.articleId, slug: articleTags.slug }).from(articleTags).all()) {
    const article = dates.get(row.articleId);
    if (!article) continue;
    let tag = tags.get(row.slug);
    if (!tag) tags.set(row.slug, (tag = { kind: 2, slug: row.slug, path: tagPath(row.slug), first: null, at: null }));
    fold(tag, article.publishedAt, article.at);
  }
  const listings = [...sections.values(), ...writers.values(), ...tags.values()].sort((a, b) => {
    if (a.first !== b.first) return a.first === null ? 1 : b.first === null ? -1 : a.first < b.first ? -1 : 1;
    if (a.kind !== b.kind) return a.kind - b.kind;
    return a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0;
  });
  return [{ loc: absoluteUrl(HOME_PATH), lastmod: newest }, ...listings.map((listing) => ({ loc: absoluteUrl(listing.path), lastmod: listing.at }))];
}

/** How many articles the sitemaps list. */
export function getSitemapArticleCount(): number {
  dependOn([cacheKeys.urls]);
  return getDb().select({ n: count() }).from(articles).get()?.n ?? 0;
}

/** How many listings getSitemapListings() returns, without reading them: for a numbered file's range check. */
export function getSitemapListingCount(): number {
  dependOn([cacheKeys.urls]);
  const db = getDb();
  const sections = db.select({ n: countDistinct(articles.sectionSlug) }).from(articles).get()?.n ?? 0;
  const writers = db.select({ n: count() }).from(authors).get()?.n ?? 0;
  const tags = db.select({ n: countDistinct(articleTags.slug) }).from(articleTags).get()?.n ?? 0;
  return 1 + sections + writers + tags;
}

/**
 * Articles [offset, offset + limit) oldest first (publishedAt, then slug: the articles_published_at_idx order), so
 * a new story lands at the end and the numbered files before it keep their URLs.
 */
export function getSitemapArticles(offset: number, limit: number): SitemapEntry[] {
  dependOn([cacheKeys.urls]);
  const rows = getDb()
    .select({ slug: articles.slug, at: changedAt })
    .from(articles)
    .orderBy(asc(articles.publishedAt), asc(articles.slug))
    .limit(limit)
    .offset(offset)
    .all();
  return rows.map((row) => ({ loc: absoluteUrl(articlePath(row.slug)), lastmod: row.at }));
}

/**
 * The lastmod of each file of `max` articles (in getSitemapArticles' order): the newest change among its articles.
 * One pass over the publishedAt index.
 */
export function getSitemapArticleFileLastmods(max: number): string[] {
  dependOn([cacheKeys.urls]);
  const rows = getDb().all<{ file: number; at: string }>(sql`
    SELECT (position - 1) / CAST(${max} AS INTEGER) AS file, max(at) AS at
    FROM (
      SELECT row_number() OVER (ORDER BY ${articles.publishedAt}, ${articles.slug}) AS position, ${changedAt} AS at
      FROM ${articles}
    )
    GROUP BY file
    ORDER BY file`);
  return rows.map((row) => row.at);
}

export type NewsSitemapStory = { id: number; slug: string; title: string; publishedAt: string };

/**
 * The stories of a Google News sitemap at `now`: published within the last 48 hours and not after `now`, newest
 * first, at most 1,000. Also when the list next changes by the clock alone: when its oldest story turns 48 hours
 * old, or a story dated ahead of `now` comes due (null if neither will happen).
 */
export function getNewsSitemapStories(now: Date, limit = NEWS_SITEMAP_MAX_URLS): { stories: NewsSitemapStory[]; changesAt: Date | null } {
  const db = getDb();
  const from = new Date(now.getTime() - NEWS_SITEMAP_WINDOW_MS).toISOString();
  const until = now.toISOString();
  // A range of articles_published_at_idx, read from its newest end.
  const stories = db
    .select({ id: articles.id, slug: articles.slug, title: articles.title, publishedAt: articles.publishedAt })
    .from(articles)
    .where(and(gte(articles.publishedAt, from), lte(articles.publishedAt, until)))
    .orderBy(desc(articles.publishedAt), desc(articles.slug))
    .limit(limit)
    .all();
  dependOn([cacheKeys.urls, ...stories.map((story) => cacheKeys.articleCard(story.id))]);
  const due = db.select({ at: min(articles.publishedAt) }).from(articles).where(gt(articles.publishedAt, until)).get()?.at ?? null;
  const oldest = stories.at(-1);
  const expires = oldest ? new Date(Date.parse(oldest.publishedAt) + NEWS_SITEMAP_WINDOW_MS) : null;
  const next = [expires, due ? new Date(due) : null].filter((date): date is Date => date !== null);
  return { stories, changesAt: next.length ? new Date(Math.min(...next.map((date) => date.getTime()))) : null };
}

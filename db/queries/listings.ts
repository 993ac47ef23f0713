import 'server-only';
import { cache } from 'react';
import { desc, eq, max, sql } from 'drizzle-orm';
import { paginate, type Pagination } from '@/lib/pagination';
import type { ListingKind } from '@/lib/paths';
import type { ArticleSummary } from '@/lib/types';
import { cacheKeys } from '../cache-keys';
import { articles, articleTags, authors } from '../schema';
import { type ArticleCollection, getLatestArticles } from './articles';
import { getDb } from './connection';
import { dependOn } from './keys';
import { listingSize } from './routing';

export type Listing<T> = T & { articles: ArticleSummary[]; pagination: Pagination };

export type SectionInfo = { name: string; slug: string };
export type TagInfo = { name: string; slug: string };
export type AuthorInfo = { slug: string; name: string; title: string | null; organization: string | null; bio: string | null };

/**
 * One page of a listing, newest first; null when the page is past the end. Whether a page exists is the
 * front door's rule too (db/queries/routing.ts): the same count, the same paginate().
 */
function listingPage(kind: ListingKind, slug: string, collection: ArticleCollection, page: number): { articles: ArticleSummary[]; pagination: Pagination } | null {
  const pagination = paginate(page, listingSize(kind, slug) ?? 0);
  if (!pagination) return null;
  return { articles: getLatestArticles(pagination.limit, pagination.offset, collection), pagination };
}

export function getSection(slug: string): SectionInfo | null {
  dependOn([cacheKeys.section(slug)]);
  const row = getDb().select({ name: articles.section }).from(articles).where(eq(articles.sectionSlug, slug)).limit(1).get();
  return row ? { name: row.name, slug } : null;
}

export function getTag(slug: string): TagInfo | null {
  dependOn([cacheKeys.tag(slug)]);
  const row = getDb().select({ name: articleTags.name }).from(articleTags).where(eq(articleTags.slug, slug)).limit(1).get();
  return row ? { name: row.name, slug } : null;
}

export function getAuthor(slug: string): (AuthorInfo & { id: number }) | null {
  const row = getDb()
    .select({ id: authors.id, slug: authors.slug, name: authors.name, title: authors.title, organization: authors.organization, bio: authors.bio })
    .from(authors)
    .where(eq(authors.slug, slug))
    .get();
  // An unknown slug is never cached (the front door answers 404 before any page renders).
  if (row) dependOn([cacheKeys.author(row.id)]);
  return row ?? null;
}

/** A section's page: null when there is no such section or no such page. */
export const getSectionListing = cache((slug: string, page: number): Listing<{ section: SectionInfo }> | null => {
  const section = getSection(slug);
  const listing = section && listingPage('sections', slug, { kind: 'section', slug }, page);
  return section && listing ? { section, ...listing } : null;
});

export const getTagListing = cache((slug: string, page: number): Listing<{ tag: TagInfo }> | null => {
  const tag = getTag(slug);
  const listing = tag && listingPage('tags', slug, { kind: 'tag', slug }, page);
  return tag && listing ? { tag, ...listing } : null;
});

/** An author's page lists their articles; an author with none still has a page (their bio). */
export const getAuthorListing = cache((slug: string, page: number): Listing<{ author: AuthorInfo }> | null => {
  const found = getAuthor(slug);
  if (!found) return null;
  const { id, ...author } = found;
  const listing = listingPage('authors', slug, { kind: 'author', id }, page);
  return listing ? { author, ...listing } : null;
});

/** Every section, by name: the site's navigation. Cached per render, so the header and footer share one query. */
export const getSections = cache((): SectionInfo[] => {
  dependOn([cacheKeys.sections]);
  return getDb()
    .select({ slug: articles.sectionSlug, name: sql<string>`min(${articles.section})` })
    .from(articles)
    .groupBy(articles.sectionSlug)
    .orderBy(sql`min(${articles.section}) collate nocase`, articles.sectionSlug)
    .all();
});

export type SectionFront = { section: SectionInfo; articles: ArticleSummary[]; total: number };

/**
 * Sections with their newest stories, the section with the most recent story first: the front page's lower
 * half. Stories in `shown` (already on the page above) are left out, so a story appears once; `total` is how
 * many stories the section has, so the page can tell whether its listing holds more than the page shows.
 */
export function getSectionFronts(perSection: number, shown: readonly Pick<ArticleSummary, 'slug' | 'sectionSlug'>[] = []): SectionFront[] {
  dependOn([cacheKeys.sections]);
  const sections = getDb()
    .select({ slug: articles.sectionSlug, name: sql<string>`min(${articles.section})`, newest: max(articles.publishedAt) })
    .from(articles)
    .groupBy(articles.sectionSlug)
    .orderBy(desc(max(articles.publishedAt)), articles.sectionSlug)
    .all();
  const shownSlugs = new Set(shown.map((article) => article.slug));
  return sections.map((section) => {
    // The section's newest stories, as many more as it has on the page already: what is left is the newest unseen.
    const alreadyShown = shown.filter((article) => article.sectionSlug === section.slug).length;
    const newest = getLatestArticles(perSection + alreadyShown, 0, { kind: 'section', slug: section.slug });
    return {
      section: { slug: section.slug, name: section.name },
      articles: newest.filter((article) => !shownSlugs.has(article.slug)).slice(0, perSection),
      // Its count changes only with its members: the section's key (recorded by getLatestArticles) covers it.
      total: listingSize('sections', section.slug) ?? 0,
    };
  });
}

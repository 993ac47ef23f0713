import 'server-only';
import { cache } from 'react';
import { count, desc, eq, inArray, max, sql, type SQL } from 'drizzle-orm';
import { paginate, type Pagination } from '@/lib/pagination';
import { articles, articleTags, authors } from '../schema';
import { type ArticleSummary, getLatestArticles } from './articles';
import { getDb } from './connection';

export type Listing<T> = T & { articles: ArticleSummary[]; pagination: Pagination };

export type SectionInfo = { name: string; slug: string };
export type TagInfo = { name: string; slug: string };
export type AuthorInfo = { slug: string; name: string; title: string | null; organization: string | null; bio: string | null };

/** One page of the articles matching `where`, newest first; null when the page is past the end. */
function listingPage(where: SQL, page: number): { articles: ArticleSummary[]; pagination: Pagination } | null {
  const total = getDb().select({ n: count() }).from(articles).where(where).get()?.n ?? 0;
  const pagination = paginate(page, total);
  if (!pagination) return null;
  return { articles: getLatestArticles(pagination.limit, pagination.offset, where), pagination };
}

const inSection = (slug: string) => eq(articles.sectionSlug, slug);
const withTag = (slug: string) => inArray(articles.id, getDb().select({ id: articleTags.articleId }).from(articleTags).where(eq(articleTags.slug, slug)));

export function getSection(slug: string): SectionInfo | null {
  const row = getDb().select({ name: articles.section }).from(articles).where(inSection(slug)).limit(1).get();
  return row ? { name: row.name, slug } : null;
}

export function getTag(slug: string): TagInfo | null {
  const row = getDb().select({ name: articleTags.name }).from(articleTags).where(eq(articleTags.slug, slug)).limit(1).get();
  return row ? { name: row.name, slug } : null;
}

export function getAuthor(slug: string): (AuthorInfo & { id: number }) | null {
  return (
    getDb()
      .select({ id: authors.id, slug: authors.slug, name: authors.name, title: authors.title, organization: authors.organization, bio: authors.bio })
      .from(authors)
      .where(eq(authors.slug, slug))
      .get() ?? null
  );
}


/** A section's page: null when there is no such section or no such page. */
export const getSectionListing = cache((slug: string, page: number): Listing<{ section: SectionInfo }> | null => {
  const section = getSection(slug);
  const listing = section && listingPage(inSection(slug), page);
  return section && listing ? { section, ...listing } : null;
});

export const getTagListing = cache((slug: string, page: number): Listing<{ tag: TagInfo }> | null => {
  const tag = getTag(slug);
  const listing = tag && listingPage(withTag(slug), page);
  return tag && listing ? { tag, ...listing } : null;
});

/** An author's page lists their articles; an author with none still has a page (their bio). */
export const getAuthorListing = cache((slug: string, page: number): Listing<{ author: AuthorInfo }> | null => {
  const found = getAuthor(slug);
  if (!found) return null;
  const { id, ...author } = found;
  const listing = listingPage(eq(articles.authorId, id), page);
  return listing ? { author, ...listing } : null;
});

/** The newest `limit` articles of a section, tag or author, for feeds. */
export function getFeedArticles(filter: { section?: string; tag?: string; authorSlug?: string }, limit: number): ArticleSummary[] {
  const where = filter.section
    ? inSection(filter.section)
    : filter.tag
      ? withTag(filter.tag)
      : filter.authorSlug
        ? eq(authors.slug, filter.authorSlug)
        : undefined;
  return getLatestArticles(limit, 0, where);
}

/** Sections with their newest stories, the section with the most recent story first: the front page's lower half. */
export function getSectionFronts(perSection: number): { section: SectionInfo; articles: ArticleSummary[] }[] {
  const sections = getDb()
    .select({ slug: articles.sectionSlug, name: sql<string>`min(${articles.section})`, newest: max(articles.publishedAt) })
    .from(articles)
    .groupBy(articles.sectionSlug)
    .orderBy(desc(max(articles.publishedAt)), articles.sectionSlug)
    .all();
  return sections.map((section) => ({
    section: { slug: section.slug, name: section.name },
    articles: getLatestArticles(perSection, 0, inSection(section.slug)),
  }));
}

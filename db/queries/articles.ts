import 'server-only';
import { cache } from 'react';
import { readTimeMinutes } from '@/lib/read-time';
import { asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { cacheKeys } from '../cache-keys';
import { articles, articleTags, authors, type ArticleRow, type Author } from '../schema';
import { getDb } from './connection';
import { dependOn } from './keys';

export type ArticleAuthor = Pick<Author, 'slug' | 'name' | 'title' | 'organization'>;

export type ArticleImage = { src: string; alt: string; caption: string | null; credit: string | null };
export type ArticleVideo = { id: string; title: string; poster: string | null; credit: string | null };

/** One "Read more" entry, in the editor's order. */
export type RelatedItem =
  | { kind: 'article'; id: number; slug: string; title: string; dek: string | null }
  | { kind: 'external'; url: string; title: string };

export type ArticleSummary = {
  slug: string;
  title: string;
  dek: string | null;
  section: string;
  sectionSlug: string;
  publishedAt: string;
  updatedAt: string | null;
  authorName: string;
  authorSlug: string;
  image: ArticleImage | null;
};

export type Tag = { name: string; slug: string };

export type Article = {
  id: number;
  slug: string;
  title: string;
  dek: string | null;
  section: string;
  sectionSlug: string;
  source: string | null;
  tags: Tag[];
  publishedAt: string;
  updatedAt: string | null;
  readTimeMinutes: number;
  author: ArticleAuthor;
  image: ArticleImage | null;
  video: ArticleVideo | null;
  body: string;
  related: RelatedItem[];
};

function imageOf(row: Pick<ArticleRow, 'imageSrc' | 'imageAlt' | 'imageCaption' | 'imageCredit'>): ArticleImage | null {
  if (!row.imageSrc) return null;
  return { src: row.imageSrc, alt: row.imageAlt ?? '', caption: row.imageCaption, credit: row.imageCredit };
}

/**
 * An article with its author, tags and resolved "Read more" list, in one
 * query (Drizzle's relational query nests them as JSON). Cached per request so
 * generateMetadata and the page share it. Keys: the article itself, its
 * author and every story its "Read more" list names.
 */
export const getArticle = cache((slug: string): Article | null => {
  const row = getDb().query.articles.findFirst({
    where: (article, { eq }) => eq(article.slug, slug),
    with: {
      author: { columns: { slug: true, name: true, title: true, organization: true } },
      tags: { columns: { name: true, slug: true }, orderBy: (tag, { asc }) => asc(tag.position) },
      relatedLinks: {
        orderBy: (link, { asc }) => asc(link.position),
        with: { target: { columns: { id: true, slug: true, title: true, dek: true } } },
      },
    },
  }).sync();
  if (!row) return null;
  dependOn([
    cacheKeys.articleCard(row.id),
    cacheKeys.articlePage(row.id),
    cacheKeys.linksFrom(row.id),
    cacheKeys.author(row.authorId),
    ...row.relatedLinks.flatMap((link) => (link.target ? [cacheKeys.articleCard(link.target.id)] : [])),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    dek: row.dek,
    section: row.section,
    sectionSlug: row.sectionSlug,
    source: row.source,
    tags: row.tags,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    readTimeMinutes: readTimeMinutes(row.wordCount),
    author: row.author,
    image: imageOf(row),
    video: row.videoId && row.videoTitle ? { id: row.videoId, title: row.videoTitle, poster: row.videoPoster, credit: row.videoCredit } : null,
    body: row.body,
    related: row.relatedLinks.map((link): RelatedItem =>
      link.target
        ? { kind: 'article', id: link.target.id, slug: link.target.slug, title: link.target.title, dek: link.target.dek }
        : { kind: 'external', url: link.url!, title: link.title! },
    ),
  };
});

export const summaryColumns = {
  id: articles.id,
  authorId: articles.authorId,
  slug: articles.slug,
  title: articles.title,
  dek: articles.dek,
  section: articles.section,
  sectionSlug: articles.sectionSlug,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  imageSrc: articles.imageSrc,
  imageAlt: articles.imageAlt,
  imageCaption: articles.imageCaption,
  imageCredit: articles.imageCredit,
  videoPoster: articles.videoPoster,
  authorName: authors.name,
  authorSlug: authors.slug,
};

type SummaryRow = {
  [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['notNull'] extends true ? (typeof summaryColumns)[K]['_']['data'] : (typeof summaryColumns)[K]['_']['data'] | null;
};

/** Turns rows into cards, recording the keys of what the cards show: each story and its author. */
export function toSummaries(rows: SummaryRow[]): ArticleSummary[] {
  dependOn(rows.flatMap((row) => [cacheKeys.articleCard(row.id), cacheKeys.author(row.authorId)]));
  return rows.map(toSummary);
}

function toSummary(row: SummaryRow): ArticleSummary {
  return {
    slug: row.slug,
    title: row.title,
    dek: row.dek,
    section: row.section,
    sectionSlug: row.sectionSlug,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    authorName: row.authorName,
    authorSlug: row.authorSlug,
    // A story led by a video shows its poster on cards.
    image: imageOf(row) ?? (row.videoPoster ? { src: row.videoPoster, alt: '', caption: null, credit: null } : null),
  };
}

/** Newest first; ties broken by slug so the order is stable across pages. */
export const newestFirst = [desc(articles.publishedAt), asc(articles.slug)];

/** A list of articles, newest first: all of them, or one section's, tag's or author's. */
export type ArticleCollection = { kind: 'latest' } | { kind: 'section'; slug: string } | { kind: 'tag'; slug: string } | { kind: 'author'; id: number };

/** Which articles a collection holds, in SQL, and the key that changes when its members or their order do. */
export function collectionFilter(collection: ArticleCollection): { where: SQL | undefined; key: string } {
  switch (collection.kind) {
    case 'latest':
      return { where: undefined, key: cacheKeys.latest };
    case 'section':
      return { where: eq(articles.sectionSlug, collection.slug), key: cacheKeys.section(collection.slug) };
    case 'tag':
      return {
        where: inArray(articles.id, getDb().select({ id: articleTags.articleId }).from(articleTags).where(eq(articleTags.slug, collection.slug))),
        key: cacheKeys.tag(collection.slug),
      };
    case 'author':
      return { where: eq(articles.authorId, collection.id), key: cacheKeys.authorArticles(collection.id) };
  }
}

/** The newest articles of a collection (all of them by default), `limit` from `offset`. */
export function getLatestArticles(limit: number, offset = 0, collection: ArticleCollection = { kind: 'latest' }): ArticleSummary[] {
  const { where, key } = collectionFilter(collection);
  dependOn([key]);
  return toSummaries(
    getDb()
      .select(summaryColumns)
      .from(articles)
      .innerJoin(authors, eq(authors.id, articles.authorId))
      .where(where)
      .orderBy(...newestFirst)
      .limit(limit)
      .offset(offset)
      .all(),
  );
}

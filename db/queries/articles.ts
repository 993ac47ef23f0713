import 'server-only';
import { cache } from 'react';
import type { StoredImage } from '@/lib/images';
import type { Article, ArticleImage, ArticleSummary, RelatedItem } from '@/lib/types';
import { readTimeMinutes } from '@/lib/read-time';
import { asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { cacheKeys } from '../cache-keys';
import { articleAuthors, articles, articleTags, authors, type ArticleRow } from '../schema';
import type { AppDatabase } from '../client';
import { getDb } from './connection';
import { dependOn } from './keys';

type ImageColumns = Pick<ArticleRow, 'imageAlt' | 'imageCaption' | 'imageCredit' | 'imageHash' | 'imageWidth' | 'imageHeight'>;
type PosterColumns = Pick<ArticleRow, 'videoPosterHash' | 'videoPosterWidth' | 'videoPosterHeight'>;

function imageOf(row: ImageColumns): ArticleImage | null {
  if (!row.imageHash || !row.imageWidth || !row.imageHeight) return null;
  return { alt: row.imageAlt ?? '', stored: { hash: row.imageHash, width: row.imageWidth, height: row.imageHeight }, caption: row.imageCaption, credit: row.imageCredit };
}

function posterOf(row: PosterColumns): StoredImage | null {
  if (!row.videoPosterHash || !row.videoPosterWidth || !row.videoPosterHeight) return null;
  return { hash: row.videoPosterHash, width: row.videoPosterWidth, height: row.videoPosterHeight };
}

/**
 * An article with its author, tags and resolved "Read more" list, in one
 * query (Drizzle's relational query nests them as JSON). Cached per request so
 * generateMetadata and the page share it. Keys: the article itself, its
 * author and every story its "Read more" list names.
 */
export const getArticle = cache((slug: string, db: AppDatabase = getDb()): Article | null => {
  const row = db.query.articles.findFirst({
    where: (article, { eq }) => eq(article.slug, slug),
    with: {
      author: { columns: { slug: true, name: true, title: true, organization: true, type: true } },
      authors: {
        orderBy: (byline, { asc }) => asc(byline.position),
        columns: { authorId: true },
        with: { author: { columns: { slug: true, name: true, title: true, organization: true, type: true } } },
      },
      corrections: { columns: { correctedAt: true, text: true }, orderBy: (correction, { asc }) => [asc(correction.correctedAt), asc(correction.position)] },
      credits: { columns: { role: true, name: true }, orderBy: (credit, { asc }) => asc(credit.position) },
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
    ...row.authors.map((byline) => cacheKeys.author(byline.authorId)),
    ...row.relatedLinks.flatMap((link) => (link.target ? [cacheKeys.articleCard(link.target.id)] : [])),
  ]);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    dek: row.dek,
    excerpt: row.excerpt,
    section: row.section,
    sectionSlug: row.sectionSlug,
    source: row.source,
    tags: row.tags,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    draft: row.draft,
    readTimeMinutes: readTimeMinutes(row.wordCount),
    author: row.author,
    // A database seeded before bylines had their own table has none yet: the lead author alone.
    authors: row.authors.length > 0 ? row.authors.map((byline) => byline.author) : [row.author],
    corrections: row.corrections.map((correction) => ({ date: correction.correctedAt, text: correction.text })),
    credits: row.credits,
    image: imageOf(row),
    video: row.videoId && row.videoTitle ? { id: row.videoId, title: row.videoTitle, poster: posterOf(row), credit: row.videoCredit } : null,
    body: row.body,
    bodyImages: row.bodyImages ? (JSON.parse(row.bodyImages) as Record<string, StoredImage>) : {},
    // A link to a story readers cannot see yet (a draft, a scheduled story) is left out until they can.
    related: row.relatedLinks.flatMap((link): RelatedItem[] =>
      link.target
        ? [{ kind: 'article', id: link.target.id, slug: link.target.slug, title: link.target.title, dek: link.target.dek }]
        : link.url !== null && link.title !== null
          ? [{ kind: 'external', url: link.url, title: link.title }]
          : [],
    ),
  };
});

export const summaryColumns = {
  id: articles.id,
  authorId: articles.authorId,
  slug: articles.slug,
  title: articles.title,
  dek: articles.dek,
  excerpt: articles.excerpt,
  section: articles.section,
  sectionSlug: articles.sectionSlug,
  publishedAt: articles.publishedAt,
  updatedAt: articles.updatedAt,
  imageAlt: articles.imageAlt,
  imageCaption: articles.imageCaption,
  imageCredit: articles.imageCredit,
  imageHash: articles.imageHash,
  imageWidth: articles.imageWidth,
  imageHeight: articles.imageHeight,
  videoTitle: articles.videoTitle,
  videoPosterHash: articles.videoPosterHash,
  videoPosterWidth: articles.videoPosterWidth,
  videoPosterHeight: articles.videoPosterHeight,
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
  const poster = posterOf(row);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    dek: row.dek,
    excerpt: row.excerpt,
    section: row.section,
    sectionSlug: row.sectionSlug,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    authorName: row.authorName,
    authorSlug: row.authorSlug,
    // A story led by a video shows its poster on cards.
    image: imageOf(row) ?? (poster ? { alt: row.videoTitle ?? '', stored: poster, caption: null, credit: null } : null),
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
      // Every story the author is on the byline of, not only those they lead (article_authors).
      return {
        where: inArray(articles.id, getDb().select({ id: articleAuthors.articleId }).from(articleAuthors).where(eq(articleAuthors.authorId, collection.id))),
        key: cacheKeys.authorArticles(collection.id),
      };
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

/** Cards for these stories (any order in, a map out): the article page's related stories. */
export function getArticleSummaries(ids: number[]): Map<number, ArticleSummary> {
  if (ids.length === 0) return new Map();
  const rows = getDb().select(summaryColumns).from(articles).innerJoin(authors, eq(authors.id, articles.authorId)).where(inArray(articles.id, ids)).all();
  return new Map(toSummaries(rows).map((summary) => [summary.id, summary]));
}

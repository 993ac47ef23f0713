import 'server-only';
import { cache } from 'react';
import { readTimeMinutes } from '@/lib/read-time';
import { asc, desc, eq, type SQL } from 'drizzle-orm';
import { articleRedirects, articles, authors, type ArticleRow, type Author } from '../schema';
import { getDb } from './connection';

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
 * generateMetadata and the page share it.
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

/** Old slug → the article's current slug, for permanent redirects (front matter redirectFrom). */
export function getRedirectTarget(oldSlug: string): string | null {
  const row = getDb()
    .select({ slug: articles.slug })
    .from(articleRedirects)
    .innerJoin(articles, eq(articles.id, articleRedirects.articleId))
    .where(eq(articleRedirects.fromSlug, oldSlug))
    .get();
  return row?.slug ?? null;
}

export const summaryColumns = {
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

export function toSummary(row: SummaryRow): ArticleSummary {
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

/** The newest articles, optionally only those matching `where`. */
export function getLatestArticles(limit: number, offset = 0, where?: SQL): ArticleSummary[] {
  return getDb()
    .select(summaryColumns)
    .from(articles)
    .innerJoin(authors, eq(authors.id, articles.authorId))
    .where(where)
    .orderBy(...newestFirst)
    .limit(limit)
    .offset(offset)
    .all()
    .map(toSummary);
}

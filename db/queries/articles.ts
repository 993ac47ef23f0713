import 'server-only';
import { cache } from 'react';
import { readTimeMinutes } from '@/lib/read-time';
import type { ArticleRow, Author } from '../schema';
import { getDb } from './connection';

export type ArticleAuthor = Pick<Author, 'slug' | 'name' | 'title' | 'organization'>;

export type ArticleImage = { src: string; alt: string; caption: string | null; credit: string | null };
export type ArticleVideo = { id: string; title: string; poster: string | null; credit: string | null };

/** One "Read more" entry, in the editor's order. */
export type RelatedItem =
  | { kind: 'article'; slug: string; title: string; dek: string | null }
  | { kind: 'external'; url: string; title: string };

export type ArticleSummary = {
  slug: string;
  title: string;
  dek: string | null;
  section: string;
  publishedAt: string;
  authorName: string;
  image: ArticleImage | null;
};

export type Article = {
  slug: string;
  title: string;
  dek: string | null;
  section: string;
  source: string | null;
  tags: string[];
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
      tags: { columns: { name: true }, orderBy: (tag, { asc }) => asc(tag.position) },
      relatedLinks: {
        orderBy: (link, { asc }) => asc(link.position),
        with: { target: { columns: { slug: true, title: true, dek: true } } },
      },
    },
  }).sync();
  if (!row) return null;
  return {
    slug: row.slug,
    title: row.title,
    dek: row.dek,
    section: row.section,
    source: row.source,
    tags: row.tags.map((tag) => tag.name),
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    readTimeMinutes: readTimeMinutes(row.wordCount),
    author: row.author,
    image: imageOf(row),
    video: row.videoId && row.videoTitle ? { id: row.videoId, title: row.videoTitle, poster: row.videoPoster, credit: row.videoCredit } : null,
    body: row.body,
    related: row.relatedLinks.map((link): RelatedItem =>
      link.target
        ? { kind: 'article', slug: link.target.slug, title: link.target.title, dek: link.target.dek }
        : { kind: 'external', url: link.url!, title: link.title! },
    ),
  };
});

/** The newest articles first (ties broken by slug so the order is stable). */
export function getLatestArticles(limit: number): ArticleSummary[] {
  const rows = getDb().query.articles.findMany({
    columns: { slug: true, title: true, dek: true, section: true, publishedAt: true, imageSrc: true, imageAlt: true, imageCaption: true, imageCredit: true, videoPoster: true },
    with: { author: { columns: { name: true } } },
    orderBy: (article, { asc, desc }) => [desc(article.publishedAt), asc(article.slug)],
    limit,
  }).sync();
  return rows.map((row) => ({
    slug: row.slug,
    title: row.title,
    dek: row.dek,
    section: row.section,
    publishedAt: row.publishedAt,
    authorName: row.author.name,
    // A story led by a video shows its poster on cards.
    image: imageOf(row) ?? (row.videoPoster ? { src: row.videoPoster, alt: '', caption: null, credit: null } : null),
  }));
}

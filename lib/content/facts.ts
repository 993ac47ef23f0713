import type { ArticleRecord, AuthorRecord } from './load';

/**
 * What the rules across the whole folder (lib/content/graph.ts) need of an article: enough to check every other
 * file against it without parsing it again. A re-seed keeps these for files whose bytes did not change.
 */
export type ArticleFacts = Pick<ArticleRecord, 'slug' | 'sourceFile' | 'authorSlugs' | 'bylineField' | 'related' | 'redirectFrom' | 'section' | 'sectionSlug' | 'tags'>;

/** What those rules need of an author. */
export type AuthorFacts = Pick<AuthorRecord, 'slug' | 'sourceFile'>;

export function articleFacts(article: ArticleRecord): ArticleFacts {
  const { slug, sourceFile, authorSlugs, bylineField, related, redirectFrom, section, sectionSlug, tags } = article;
  return { slug, sourceFile, authorSlugs, bylineField, related, redirectFrom, section, sectionSlug, tags };
}

export function authorFacts(author: AuthorRecord): AuthorFacts {
  return { slug: author.slug, sourceFile: author.sourceFile };
}

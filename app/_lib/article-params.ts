import { notFound, permanentRedirect } from 'next/navigation';
import { getArticle } from '@/db/queries/articles';
import { resolveArticleSlug } from '@/db/queries/routing';
import { slugSchema } from '@/lib/content/schema';
import { type ArticleView, articlePath } from '@/lib/paths';
import type { Article } from '@/lib/types';

/**
 * The article a URL names, for every route under /articles/<slug>: a malformed
 * slug is a 404 before any query, an upper-case one or an old one (redirectFrom)
 * redirects permanently to the same route under the current slug. The front
 * door (server/front-door.ts) answers those before a page renders; this is the
 * same rule (resolveArticleSlug) for anything that reaches a page anyway.
 */
export async function articleFromParams(params: Promise<{ slug: string }>, view: ArticleView = 'page'): Promise<Article> {
  const { slug } = await params;
  if (!slugSchema.safeParse(slug).success) {
    const lower = slug.toLowerCase();
    if (lower !== slug && slugSchema.safeParse(lower).success) permanentRedirect(articlePath(lower, view));
    notFound();
  }
  const found = resolveArticleSlug(slug);
  if (found.kind === 'moved') permanentRedirect(articlePath(found.slug, view));
  return (found.kind === 'found' && getArticle(slug)) || notFound();
}

/**
 * The same article for generateMetadata, without redirecting or throwing:
 * notFound() or a redirect from metadata turns a cached page into an empty
 * error shell, so the page component alone answers those.
 */
export async function articleForMetadata(params: Promise<{ slug: string }>): Promise<Article | null> {
  const { slug } = await params;
  return slugSchema.safeParse(slug).success ? getArticle(slug) : null;
}

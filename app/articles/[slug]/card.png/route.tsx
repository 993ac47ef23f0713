import { shareCard } from '@/app/_components/share-card';
import { getArticle } from '@/db/queries/articles';
import { resolveArticleSlug } from '@/db/queries/routing';
import { noStaticParams } from '@/app/_lib/static-params';
import { slugSchema } from '@/lib/content/schema';

// Cached until a seed changes the story's headline or section (its card key): never on a timer.
export const revalidate = false;
export const generateStaticParams = noStaticParams;

/** The share image of a story without a photo (og:image): its section, headline and the site's name. */
export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const { slug } = await context.params;
  const article = slugSchema.safeParse(slug).success && resolveArticleSlug(slug).kind === 'found' ? getArticle(slug) : null;
  if (!article) return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return shareCard({ kicker: article.section, headline: article.title });
}

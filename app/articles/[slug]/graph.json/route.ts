import { getArticle } from '@/db/queries/articles';
import { resolveArticleSlug } from '@/db/queries/routing';
import { getNeighbourhood } from '@/db/queries/graph';
import { slugSchema } from '@/lib/content/schema';
import { articleGraphPath, articlePath } from '@/lib/paths';
import { absoluteUrl } from '@/lib/site';
import { noStaticParams } from '@/app/_lib/static-params';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

const json = (body: unknown, status = 200) => Response.json(body, { status });

/** The map's neighbourhood as data: nodes with slug, headline and URL; edges from → to (the "Read more" direction). */
export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const { slug } = await context.params;
  if (!slugSchema.safeParse(slug).success) return json({ error: 'not found' }, 404);
  const found = resolveArticleSlug(slug);
  if (found.kind === 'moved') return Response.redirect(absoluteUrl(articleGraphPath(found.slug)), 308);
  const article = found.kind === 'found' ? getArticle(slug) : null;
  if (!article) return json({ error: 'not found' }, 404);
  const neighbourhood = getNeighbourhood({ id: article.id, slug: article.slug, title: article.title, publishedAt: article.publishedAt, distance: 0 });
  const slugOf = new Map(neighbourhood.nodes.map((node) => [node.id, node.slug]));
  return json({
    article: article.slug,
    nodes: neighbourhood.nodes.map((node) => ({ slug: node.slug, headline: node.title, url: absoluteUrl(articlePath(node.slug)), distance: node.distance })),
    edges: neighbourhood.edges.map((edge) => ({ from: slugOf.get(edge.from), to: slugOf.get(edge.to), direction: 'from→to' })),
    omitted: neighbourhood.omitted,
  });
}

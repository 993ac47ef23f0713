import { getArticle, getRedirectTarget } from '@/db/queries/articles';
import { getNeighbourhood } from '@/db/queries/graph';
import { slugSchema } from '@/lib/content/schema';
import { absoluteUrl, articlePath } from '@/lib/site';
import { noStaticParams } from '@/lib/cache';

// Cached; the seed revalidates it, and it is refreshed in the background after 5 minutes (docs/ARCHITECTURE.md).
export const revalidate = 300;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

const json = (body: unknown, status = 200) => Response.json(body, { status });

/** The map's neighbourhood as data: nodes with slug, headline and URL; edges from → to (the "Read more" direction). */
export async function GET(_request: Request, context: { params: Promise<{ slug: string }> }) {
  const { slug } = await context.params;
  if (!slugSchema.safeParse(slug).success) return json({ error: 'not found' }, 404);
  const article = getArticle(slug);
  if (!article) {
    const current = getRedirectTarget(slug);
    if (current) return Response.redirect(absoluteUrl(`${articlePath(current)}/graph.json`), 308);
    return json({ error: 'not found' }, 404);
  }
  const hood = getNeighbourhood({ id: article.id, slug: article.slug, title: article.title, publishedAt: article.publishedAt, distance: 0 });
  const slugOf = new Map(hood.nodes.map((node) => [node.id, node.slug]));
  return json({
    article: article.slug,
    nodes: hood.nodes.map((node) => ({ slug: node.slug, headline: node.title, url: absoluteUrl(articlePath(node.slug)), distance: node.distance })),
    edges: hood.edges.map((edge) => ({ from: slugOf.get(edge.from), to: slugOf.get(edge.to), direction: 'from→to' })),
    omitted: hood.omitted,
  });
}

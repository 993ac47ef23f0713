import { revalidatePath } from 'next/cache';
import { isAuthorized, NAME_PAGES_LIMIT, revalidationRequestSchema } from '@/lib/revalidation';
import { articlePath } from '@/lib/site';

export const dynamic = 'force-dynamic';

const answer = (status: number, body: object) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/** Listings show many articles: any change marks them all stale (they are few and cheap to render again). */
const LISTING_ROUTES: [string, 'page' | undefined][] = [
  ['/', undefined],
  ['/sections/[slug]/[[...page]]', 'page'],
  ['/tags/[slug]/[[...page]]', 'page'],
  ['/authors/[slug]/[[...page]]', 'page'],
  ['/feed.xml', undefined],
  ['/sections/[slug]/feed.xml', 'page'],
  ['/tags/[slug]/feed.xml', 'page'],
  ['/authors/[slug]/feed.xml', 'page'],
  ['/sitemap.xml', undefined],
  ['/sitemaps/[file]', 'page'],
  ['/search/[query]/[page]', 'page'],
  // The 404 page suggests the latest stories.
  ['/_not-found', undefined],
];

/**
 * POST /api/revalidate with `Authorization: Bearer <REVALIDATE_SECRET>` and
 * {"articles": ["slug", …]}: the seed calls it after it commits. The named
 * article pages (and their maps and graph.json) and every listing are
 * re-rendered on their next request. Anything else is refused.
 */
export async function POST(request: Request) {
  if (!process.env.REVALIDATE_SECRET) return answer(503, { error: 'revalidation is off: REVALIDATE_SECRET is not set on the server' });
  if (!isAuthorized(request.headers.get('authorization'), process.env.REVALIDATE_SECRET)) return answer(401, { error: 'missing or wrong secret' });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return answer(400, { error: 'the body must be JSON: {"articles": ["slug", …]}' });
  }
  const parsed = revalidationRequestSchema.safeParse(body);
  if (!parsed.success) return answer(400, { error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ') });

  const { articles, all } = parsed.data;
  if (all || articles.length > NAME_PAGES_LIMIT) {
    revalidatePath('/', 'layout');
    return answer(200, { revalidated: 'everything' });
  }
  for (const slug of articles) {
    revalidatePath(articlePath(slug));
    revalidatePath(`${articlePath(slug)}/related`);
    revalidatePath(`${articlePath(slug)}/graph.json`);
  }
  for (const [path, type] of LISTING_ROUTES) revalidatePath(path, type);
  return answer(200, { revalidated: { articles: articles.length, listings: LISTING_ROUTES.length } });
}

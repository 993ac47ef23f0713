import { notFound } from 'next/navigation';
import { slugSchema } from '@/lib/content/schema';
import { parsePageParam } from '@/lib/pagination';

/** A listing's params: /sections/<slug>, and /sections/<slug>/<page>, which the front door (server/front-door.ts) rewrites ?page=<page> to. */
export type ListingParams = Promise<{ slug: string; page?: string[] }>;

/**
 * The slug and page of a listing URL. A slug that could never exist or a
 * page that is not a positive whole number is a 404 before any query runs.
 */
export async function readListingParams(params: ListingParams): Promise<{ slug: string; page: number }> {
  const { slug, page: segments } = await params;
  if (!slugSchema.safeParse(slug).success) notFound();
  if (segments && segments.length > 1) notFound();
  const page = parsePageParam(segments?.[0]);
  if (page === null) notFound();
  return { slug, page };
}

import { notFound } from 'next/navigation';
import { slugSchema } from './content/schema';
import { parsePageParam } from './pagination';

export type SlugParams = Promise<{ slug: string }>;
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The slug and ?page of a listing URL. A slug that could never exist or a
 * page that is not a positive whole number is a 404 before any query runs.
 */
export async function readListingParams(params: SlugParams, searchParams: PageSearchParams): Promise<{ slug: string; page: number }> {
  const { slug } = await params;
  if (!slugSchema.safeParse(slug).success) notFound();
  const page = parsePageParam((await searchParams).page);
  if (page === null) notFound();
  return { slug, page };
}

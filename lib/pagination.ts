/** Articles on one page of a section, tag, author or search listing. */
export const PAGE_SIZE = 20;

/**
 * The page a reader asked for with ?page=N (its URL: lib/paths.ts pageHref). Missing means page 1; anything
 * that is not a positive whole number written plainly ("2", not "02", "2.0",
 * "-1" or "1e3") is null, and the page answers 404.
 */
export function parsePageParam(value: string | string[] | undefined): number | null {
  if (value === undefined) return 1;
  if (Array.isArray(value) || !/^[1-9]\d{0,6}$/.test(value)) return null;
  return Number(value);
}

export type Pagination = { page: number; pageCount: number; total: number; offset: number; limit: number };

/** Where page `page` of `total` items starts; null when the page is past the end (page 1 always exists). */
export function paginate(page: number, total: number, pageSize = PAGE_SIZE): Pagination | null {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (page > pageCount) return null;
  return { page, pageCount, total, offset: (page - 1) * pageSize, limit: pageSize };
}

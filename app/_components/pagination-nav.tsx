import Link from 'next/link';
import type { Pagination } from '@/lib/pagination';
import { pageHref } from '@/lib/paths';

/**
 * "Newer / Older" links for a listing, marked rel=prev/next. React hoists the
 * <link rel> elements into <head>, where crawlers look for them.
 */
export function PaginationNav({ path, pagination, query }: { path: string; pagination: Pagination; query?: Record<string, string> }) {
  const { page, pageCount } = pagination;
  if (pageCount <= 1) return null;
  const prev = page > 1 ? pageHref(path, page - 1, query) : null;
  const next = page < pageCount ? pageHref(path, page + 1, query) : null;
  return (
    <nav className="pagination" aria-label="Pages">
      {prev ? <link rel="prev" href={prev} /> : null}
      {next ? <link rel="next" href={next} /> : null}
      {prev ? (
        <Link href={prev} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="pagination__status">
        Page {page} of {pageCount}
      </span>
      {next ? (
        <Link href={next} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

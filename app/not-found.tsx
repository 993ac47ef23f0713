import type { Metadata } from 'next';
import Link from 'next/link';
import { HOME_PATH, SEARCH_PATH } from '@/lib/paths';

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

/**
 * The not-found boundary of the root layout, shown when a page calls notFound() (the front door answers
 * unknown URLs before that, with app/page-not-found/page.tsx). Next puts it in every page's payload, so it
 * reads no data: otherwise every page would be keyed to the newest stories.
 */
export default function NotFound() {
  return (
    <div className="page page--narrow not-found">
      <p className="listing-header__kicker">Error 404</p>
      <h1 className="page__title">We couldn’t find that page</h1>
      <p className="not-found__text">
        The story may have moved, or the address may be mistyped. <Link href={HOME_PATH}>Go to the front page</Link> or <Link href={SEARCH_PATH}>search our stories</Link>.
      </p>
    </div>
  );
}

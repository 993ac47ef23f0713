'use client';

import Link from 'next/link';
import { HOME_PATH } from '@/lib/paths';

/** Shown when a page cannot be rendered (for example, the database is unavailable). Details stay in the server log. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page">
      <h1 className="page__title">This page is temporarily unavailable</h1>
      <p>Something went wrong on our side while loading it. Please try again in a moment.</p>
      <p>
        <button type="button" className="button" onClick={reset}>
          Try again
        </button>{' '}
        or <Link href={HOME_PATH}>go to the front page</Link>.
      </p>
      {error.digest ? <p className="muted">Reference: {error.digest}</p> : null}
    </div>
  );
}

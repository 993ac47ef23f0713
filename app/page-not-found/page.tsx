import type { Metadata } from 'next';
import Link from 'next/link';
import { ArticleList } from '@/app/_components/article-card';
import { getLatestArticles } from '@/db/queries/articles';
import { HOME_PATH } from '@/lib/paths';
import type { ArticleSummary } from '@/lib/types';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

function latestOrNothing(): ArticleSummary[] {
  try {
    return getLatestArticles(5);
  } catch {
    // The 404 page must render even when the database cannot: the link home still helps.
    return [];
  }
}

/**
 * The 404 page. The front door (server/front-door.ts) serves it, with status 404, for every URL that names
 * nothing, this one's own included. It is a page of its own rather than app/not-found.tsx because Next puts
 * the root not-found boundary in every page's payload: its latest stories would key every page to the
 * newest five stories.
 */
export default function PageNotFound() {
  const latest = latestOrNothing();
  return (
    <div className="page page--narrow not-found">
      <p className="listing-header__kicker">Error 404</p>
      <h1 className="page__title">We couldn’t find that page</h1>
      <p className="not-found__text">
        The story may have moved, or the address may be mistyped. <Link href={HOME_PATH}>Go to the front page</Link> or try one of our latest stories.
      </p>
      {latest.length > 0 ? (
        <section className="not-found__latest" aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="rail-heading">
            Latest stories
          </h2>
          <ArticleList articles={latest} headingLevel={3} variant="compact" hideSection />
        </section>
      ) : null}
    </div>
  );
}

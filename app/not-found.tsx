import type { Metadata } from 'next';
import Link from 'next/link';
import { type ArticleSummary, getLatestArticles } from '@/db/queries/articles';
import { ArticleList } from './_components/article-card';

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

function latestOrNothing(): ArticleSummary[] {
  try {
    return getLatestArticles(5);
  } catch {
    // The 404 page must render even when the database cannot: the link home still helps.
    return [];
  }
}

export default function NotFound() {
  const latest = latestOrNothing();
  return (
    <div className="page">
      <h1 className="page__title">We couldn’t find that page</h1>
      <p>
        The story may have moved, or the address may be mistyped. <Link href="/">Go to the front page</Link> or try one of our latest stories.
      </p>
      {latest.length > 0 ? (
        <section aria-labelledby="latest-heading">
          <h2 id="latest-heading">Latest stories</h2>
          <ArticleList articles={latest} headingLevel={3} />
        </section>
      ) : null}
    </div>
  );
}

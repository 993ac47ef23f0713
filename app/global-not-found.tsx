import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { type ArticleSummary, getLatestArticles } from '@/db/queries/articles';
import { ArticleList } from './_components/article-card';
import { SiteFooter } from './_components/site-footer';
import { SiteHeader } from './_components/site-header';
import './globals.css';

/**
 * The 404 page for every URL that names nothing (the front door sends them here). A whole document of its
 * own (Next's global-not-found), so its latest stories are rendered only for a 404: the not-found boundary
 * of the root layout (app/not-found.tsx) is in every page's payload and reads no data.
 */
export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

export const viewport: Viewport = { themeColor: '#ffffff', width: 'device-width', initialScale: 1 };

function latestOrNothing(): ArticleSummary[] {
  try {
    return getLatestArticles(5);
  } catch {
    // The 404 page must render even when the database cannot: the link home still helps.
    return [];
  }
}

export default function GlobalNotFound() {
  const latest = latestOrNothing();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
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
        </main>
        <SiteFooter />
      </body>
    </html>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { FormattedDate } from '@/app/_components/formatted-date';
import { getCorrections } from '@/db/queries/corrections';
import { alternates } from '@/app/_lib/metadata';
import { articlePath, CORRECTIONS_PATH, feedPath } from '@/lib/paths';
import { siteConfig } from '@/lib/site';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

/** How many notices the page lists (newest first): far more than a newsroom makes in years. */
const CORRECTIONS_SHOWN = 1000;

const description = `Every correction ${siteConfig.name} has made to its stories, newest first, with what was wrong and when it was fixed.`;

const feedTitle = `${siteConfig.name}: corrections`;
const pageAlternates = alternates(CORRECTIONS_PATH);
const siteFeeds = pageAlternates.types?.['application/rss+xml'];

export const metadata: Metadata = {
  title: 'Corrections',
  description,
  // Its own RSS feed first, then the site's (there is no JSON Feed of corrections).
  alternates: {
    ...pageAlternates,
    types: { ...pageAlternates.types, 'application/rss+xml': [{ url: feedPath(CORRECTIONS_PATH), title: feedTitle }, ...(Array.isArray(siteFeeds) ? siteFeeds : [])] },
  },
};

export default function CorrectionsPage() {
  const corrections = getCorrections(CORRECTIONS_SHOWN);
  return (
    <div className="page page--narrow">
      <header className="listing-header">
        <p className="listing-header__kicker">Standards</p>
        <h1 className="page__title">Corrections</h1>
        <p className="listing-header__meta">
          {corrections.length} {corrections.length === 1 ? 'correction' : 'corrections'} ·{' '}
          <a href={feedPath(CORRECTIONS_PATH)} type="application/rss+xml">
            RSS feed
          </a>
        </p>
      </header>
      {corrections.length > 0 ? (
        <ol className="correction-log">
          {corrections.map((entry) => (
            <li key={`${entry.article.id}-${entry.position}`} className="correction-log__item">
              <p className="correction-log__date">
                <FormattedDate iso={entry.date} />
              </p>
              <h2 className="correction-log__story">
                <Link href={articlePath(entry.article.slug)}>{entry.article.title}</Link>
              </h2>
              <p className="correction-log__text">{entry.text}</p>
            </li>
          ))}
        </ol>
      ) : (
        <p>No corrections yet.</p>
      )}
    </div>
  );
}

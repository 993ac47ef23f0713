import type { Metadata } from 'next';
import { SearchForm } from '@/app/_components/search-form';
import { alternates } from '@/app/_lib/metadata';
import { SEARCH_PATH } from '@/lib/paths';

export const metadata: Metadata = {
  title: 'Search',
  description: 'Search every story by words in its headline, summary and text.',
  alternates: alternates(SEARCH_PATH),
  robots: { index: false, follow: true },
};

/** The empty search form. A query (/search?q=…) is served by search/[query]/[page] (see server/front-door.ts). */
export default function SearchPage() {
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Search</h1>
      <SearchForm id="search-page-query" autoFocus />
      <p className="search-hint">Search every story by words in its headline, summary and text. Put a phrase in quotes to find it exactly.</p>
    </div>
  );
}

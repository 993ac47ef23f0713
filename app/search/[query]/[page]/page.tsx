import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Fragment } from 'react';
import { ArticleCard, LISTING_IMAGE_SIZES } from '@/app/_components/article-card';
import { PaginationNav } from '@/app/_components/pagination-nav';
import { SearchForm } from '@/app/_components/search-form';
import { MARK_END, MARK_START, searchArticles } from '@/db/queries/search';
import { alternates } from '@/app/_lib/metadata';
import { parsePageParam } from '@/lib/pagination';
import { SEARCH_PATH, SEARCH_QUERY_PARAM, searchQueryFromSegment } from '@/lib/paths';
import { normalizeQueryParam } from '@/lib/search-query';
import { noStaticParams } from '@/app/_lib/static-params';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;
export const generateStaticParams = noStaticParams;

/** The front door (server/front-door.ts) serves /search?q=<query>&page=<page> from here, after checking the page exists. */
type Props = { params: Promise<{ query: string; page: string }> };

/** The query as the reader typed it: the front door put it in the path percent-encoded (lib/paths.ts searchResultsRoute). */
const decodeQuery = (segment: string) => normalizeQueryParam(searchQueryFromSegment(segment));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const query = decodeQuery((await params).query);
  return {
    title: query ? `Search: ${query}` : 'Search',
    alternates: alternates(SEARCH_PATH),
    // Result pages are for readers, not for search engines' indexes.
    robots: { index: false, follow: true },
  };
}

/** Text with the snippet's private-use markers turned into <mark>; everything else stays text. */
function Highlighted({ text }: { text: string }) {
  const parts = text.split(new RegExp(`(${MARK_START}[^${MARK_END}]*${MARK_END})`, 'u'));
  return parts.map((part, index) =>
    part.startsWith(MARK_START) ? <mark key={index}>{part.slice(1, -1)}</mark> : <Fragment key={index}>{part.replaceAll(MARK_START, '').replaceAll(MARK_END, '')}</Fragment>,
  );
}

export default async function SearchResultsPage({ params }: Props) {
  const { query: rawQuery, page: rawPage } = await params;
  const query = decodeQuery(rawQuery);
  const page = parsePageParam(rawPage);
  if (page === null || !query) notFound();

  const results = searchArticles(query, page) ?? notFound();
  const { total } = results.pagination;
  return (
    <div className="page page--narrow">
      <h1 className="page__title">Search</h1>
      <SearchForm id="search-page-query" defaultValue={query} />
      <p className="search-summary" role="status">
        {total === 0 ? 'No stories match' : `${total} ${total === 1 ? 'story matches' : 'stories match'}`} “{query}”.
      </p>
      <ol className="card-list search-results">
        {results.hits.map((hit) => (
          <li key={hit.slug}>
            <ArticleCard
              article={hit}
              sizes={LISTING_IMAGE_SIZES}
              // The first photo of the results is the page's largest paint.
              priority={hit.slug === results.hits.find((candidate) => candidate.image)?.slug}
              title={<Highlighted text={hit.titleHighlighted} />}
              summary={<Highlighted text={hit.snippet} />}
            />
          </li>
        ))}
      </ol>
      <PaginationNav path={SEARCH_PATH} pagination={results.pagination} query={{ [SEARCH_QUERY_PARAM]: query }} />
    </div>
  );
}

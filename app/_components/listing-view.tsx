import type { ReactNode } from 'react';
import type { Pagination } from '@/lib/pagination';
import { feedPath } from '@/lib/paths';
import type { ArticleSummary } from '@/lib/types';
import { ArticleList } from './article-card';
import { PaginationNav } from './pagination-nav';

/** A section, tag or author page: heading, intro, the stories as rows of cards, pages and the feed link. */
export function ListingView(props: {
  kicker: string;
  heading: string;
  intro?: ReactNode;
  path: string;
  articles: ArticleSummary[];
  pagination: Pagination;
}) {
  const { page, pageCount, total } = props.pagination;
  return (
    <div className="page page--narrow">
      <header className="listing-header">
        <p className="listing-header__kicker">{props.kicker}</p>
        <h1 className="page__title">{props.heading}</h1>
        {props.intro}
        <p className="listing-header__meta">
          {total} {total === 1 ? 'story' : 'stories'}
          {pageCount > 1 ? ` · page ${page} of ${pageCount}` : ''} ·{' '}
          <a href={feedPath(props.path)} type="application/rss+xml">
            RSS feed
          </a>
        </p>
      </header>
      {props.articles.length > 0 ? <ArticleList articles={props.articles} priorityFirstImage /> : <p>No stories yet.</p>}
      <PaginationNav path={props.path} pagination={props.pagination} />
    </div>
  );
}

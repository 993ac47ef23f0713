import Link from 'next/link';
import type { ReactNode } from 'react';
import { articlePath } from '@/lib/paths';
import type { ArticleSummary } from '@/lib/types';
import { FormattedDate } from './formatted-date';
import { Picture } from './picture';

export type CardVariant = 'lead' | 'standard' | 'compact';

/**
 * How wide each variant's image is drawn (globals.css, "Cards"), for the browser to pick a copy from srcset.
 * lead: the front page's left column (2 of 3, in a 72rem page) from 64rem up, the whole column below.
 * standard: a third of the page from 64rem (front-page secondaries and rails), half from 40rem, else the column.
 * compact: the 6rem thumbnail beside the headline, at every width.
 * Listings draw standard cards as rows and pass their own `sizes` (LISTING_IMAGE_SIZES).
 */
const IMAGE_SIZES: Record<CardVariant, string> = {
  lead: '(min-width: 76rem) 46rem, (min-width: 64rem) 62vw, (min-width: 40rem) calc(100vw - 4rem), calc(100vw - 2rem)',
  standard: '(min-width: 76rem) 22rem, (min-width: 64rem) 28vw, (min-width: 40rem) 46vw, calc(100vw - 2rem)',
  compact: '6rem',
};

/** Standard cards in a listing's rows (.card-list): a 6rem thumbnail on phones, 15rem from 40rem. */
/** The front page's secondaries: rows with a 6rem thumbnail on phones, like listings; standard from 40rem. */
export const SECONDARY_IMAGE_SIZES = '(min-width: 76rem) 23rem, (min-width: 64rem) 31vw, (min-width: 40rem) 46vw, 6rem';

export const LISTING_IMAGE_SIZES = '(min-width: 40rem) 15rem, 6rem';

type CardProps = {
  article: ArticleSummary;
  variant?: CardVariant;
  headingLevel?: 2 | 3;
  /** The page's first image (the lead story's): fetched early, never lazy. */
  priority?: boolean;
  /** The image's `sizes` where the layout differs from the variant's usual one. */
  sizes?: string;
  /** The headline as shown (search results highlight the words found); the article's title by default. */
  title?: ReactNode;
  /** The text under the headline (search results show a snippet); the dek by default. Compact cards show none. */
  summary?: ReactNode;
  /** Hide the section label where the whole list is one section's. */
  hideSection?: boolean;
};

/**
 * A story wherever stories are listed: the headline is the link, with the section as a label above it, the dek
 * (not on compact cards) and a meta line (author, date) below. The image repeats the headline, so it is
 * decorative. `headingLevel` keeps the page's outline right.
 */
export function ArticleCard({ article, variant = 'standard', headingLevel = 2, priority = false, sizes, title, summary, hideSection = false }: CardProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const text = variant === 'compact' ? null : (summary ?? article.dek);
  const classes = ['card', `card--${variant}`, article.image ? 'card--with-image' : 'card--no-image'].join(' ');
  return (
    <article className={classes}>
      <div className="card__text">
        {hideSection ? null : (
<p className="card__section">{article.section}</p>
        )}
        <Heading className="card__title">
          <Link href={articlePath(article.slug)}>{title ?? article.title}</Link>
        </Heading>
        {text ? <p className="card__dek">{text}</p> : null}
        <p className="card__meta">
          <span className="card__author">{article.authorName}</span>
          <span className="card__sep" aria-hidden="true">
            {' · '}
          </span>
          <FormattedDate iso={article.publishedAt} />
        </p>
      </div>
      {article.image ? (
        <div className="card__media">
          <Picture image={article.image} decorative sizes={sizes ?? IMAGE_SIZES[variant]} priority={priority} className="card__image" />
        </div>
      ) : null}
    </article>
  );
}

/** Stories as a list of rows: listings, search results, the 404 page's latest stories. */
export function ArticleList({
  articles,
  headingLevel = 2,
  variant = 'standard',
  hideSection = false,
  className,
  priorityFirstImage = false,
}: {
  articles: ArticleSummary[];
  headingLevel?: 2 | 3;
  variant?: CardVariant;
  hideSection?: boolean;
  className?: string;
  /** The list opens the page (listings): its first image is the page's largest paint, fetched first. */
  priorityFirstImage?: boolean;
}) {
  const first = priorityFirstImage ? articles.find((article) => article.image)?.slug : undefined;
  return (
    <ol className={className ? `card-list ${className}` : 'card-list'}>
      {articles.map((article) => (
        <li key={article.slug}>
          <ArticleCard
            article={article}
            headingLevel={headingLevel}
            variant={variant}
            hideSection={hideSection}
            priority={article.slug === first}
            sizes={variant === 'standard' ? LISTING_IMAGE_SIZES : undefined}
          />
        </li>
      ))}
    </ol>
  );
}

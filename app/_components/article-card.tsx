import Link from 'next/link';
import type { ArticleSummary } from '@/db/queries/articles';
import { articlePath } from '@/lib/site';
import { FormattedDate } from './formatted-date';

/** A story in a list: headline as the link, then dek and meta. `headingLevel` keeps the outline right. */
export function ArticleCard({ article, headingLevel = 2 }: { article: ArticleSummary; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="card">
      {article.image ? (
        // Editors' images may live on any host; plain <img> keeps them working without an image optimizer.
        // eslint-disable-next-line @next/next/no-img-element
        <img className="card__image" src={article.image.src} alt="" loading="lazy" decoding="async" width={320} height={180} />
      ) : null}
      <div className="card__text">
        <p className="card__section">{article.section}</p>
        <Heading className="card__title">
          <Link href={articlePath(article.slug)}>{article.title}</Link>
        </Heading>
        {article.dek ? <p className="card__dek">{article.dek}</p> : null}
        <p className="card__meta">
          {article.authorName} · <FormattedDate iso={article.publishedAt} />
        </p>
      </div>
    </article>
  );
}

export function ArticleList({ articles, headingLevel = 2 }: { articles: ArticleSummary[]; headingLevel?: 2 | 3 }) {
  return (
    <ol className="card-list">
      {articles.map((article) => (
        <li key={article.slug}>
          <ArticleCard article={article} headingLevel={headingLevel} />
        </li>
      ))}
    </ol>
  );
}

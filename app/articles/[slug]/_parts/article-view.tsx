import Link from 'next/link';
import { Fragment } from 'react';
import { ArticleBody } from '@/app/_components/article-body';
import { FormattedDate } from '@/app/_components/formatted-date';
import { JsonLd } from '@/app/_components/json-ld';
import { authorPath, sectionPath, tagPath } from '@/lib/paths';
import type { Article } from '@/lib/types';
import { CorrectionNotice } from './corrections';
import { StoryCredits } from './credits';
import { ArticleHero } from './hero';
import { articleStructuredData } from './metadata';
import { RelatedStories } from './related-stories';

/** A story as readers see it: on its page, and in an editor's preview (app/preview) before it is published. */
export function ArticleView({ article }: { article: Article }) {
  const { author, authors } = article;
  // A single author's role follows the name; a shared byline names the authors only.
  const authorRole = authors.length === 1 ? [author.title, author.organization].filter(Boolean).join(', ') : '';

  return (
    <>
      <JsonLd data={articleStructuredData(article)} />
      <article className="article">
        <header className="article__header">
          <p className="article__section">
            <Link href={sectionPath(article.sectionSlug)}>{article.section}</Link>
          </p>
          <h1 className="article__title">{article.title}</h1>
          {article.dek ? <p className="article__dek">{article.dek}</p> : null}
          <div className="byline">
            <p className="byline__author">
              By{' '}
              {authors.map((writer, index) => (
                <Fragment key={writer.slug}>
                  {index === 0 ? null : index === authors.length - 1 ? ' and ' : ', '}
                  <Link className="byline__name" href={authorPath(writer.slug)} rel="author">
                    {writer.name}
                  </Link>
                </Fragment>
              ))}
              {authorRole ? <span className="byline__role"> · {authorRole}</span> : null}
              {/* The publication it first ran in, unless the author's title already names it. */}
              {article.source && article.source !== author.organization ? <span className="byline__source"> · {article.source}</span> : null}
            </p>
            <p className="byline__meta">
              <FormattedDate iso={article.publishedAt} time />
              {article.updatedAt ? (
                <>
                  {' · '}
                  <span className="byline__updated">
                    Updated <FormattedDate iso={article.updatedAt} time />
                  </span>
                </>
              ) : null}
              {' · '}
              <span className="byline__read-time">{article.readTimeMinutes} min read</span>
            </p>
          </div>
        </header>

        <ArticleHero article={article} />
        <ArticleBody markdown={article.body} images={article.bodyImages} />
        <StoryCredits article={article} />
        <CorrectionNotice article={article} />

        {article.tags.length > 0 ? (
          <footer className="article__footer">
            <h2 className="visually-hidden">Tags</h2>
            <ul className="tags" aria-label="Tags">
              {article.tags.map((tag) => (
                <li key={tag.slug}>
                  <Link className="tag" href={tagPath(tag.slug)} rel="tag">
                    {tag.name}
                  </Link>
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
      </article>

      <RelatedStories article={article} />
    </>
  );
}

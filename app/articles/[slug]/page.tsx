import type { Metadata } from 'next';
import '@/app/_styles/article.css';
import Link from 'next/link';
import { ArticleBody } from '@/app/_components/article-body';
import { FormattedDate } from '@/app/_components/formatted-date';
import { JsonLd } from '@/app/_components/json-ld';
import { articleForMetadata, articleFromParams } from '@/lib/article-params';
import { noStaticParams } from '@/lib/cache';
import { authorPath, sectionPath, tagPath } from '@/lib/site';
import { ArticleHero } from './_parts/hero';
import { articleMetadata, articleStructuredData } from './_parts/metadata';
import { RelatedStories } from './_parts/related-stories';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleForMetadata(params);
  if (!article) return { title: 'Page not found', robots: { index: false } };
  return articleMetadata(article);
}

export default async function ArticlePage({ params }: Props) {
  const article = await articleFromParams(params);
  const { author } = article;
  const authorRole = [author.title, author.organization].filter(Boolean).join(', ');

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
              <Link className="byline__name" href={authorPath(author.slug)} rel="author">
                {author.name}
              </Link>
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

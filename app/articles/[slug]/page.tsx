import type { Metadata } from 'next';
import '@/app/_styles/article.css';
import Link from 'next/link';
import type { NewsArticle, WithContext } from 'schema-dts';
import { ArticleBody } from '@/app/_components/article-body';
import { FormattedDate } from '@/app/_components/formatted-date';
import { JsonLd } from '@/app/_components/json-ld';
import { VideoEmbed } from '@/app/_components/video-embed';
import type { Article } from '@/db/queries/articles';
import { articleForMetadata, articleFromParams } from '@/lib/article-params';
import { getGraphForArticle } from '@/db/queries/graph';
import { ArticleGraphSections } from '@/app/_components/article-graph';
import { alternates } from '@/lib/metadata';
import { absoluteUrl, articlePath, authorPath, sectionPath, siteConfig, tagPath } from '@/lib/site';
import { noStaticParams } from '@/lib/cache';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

type Props = { params: Promise<{ slug: string }> };

const articleFor = (params: Props['params']) => articleFromParams(params);

/** The image that represents the article when shared: its hero image, else its video's poster. */
function shareImage(article: Article): { url: string; alt?: string } | undefined {
  if (article.image) return { url: article.image.src, alt: article.image.alt };
  if (article.video?.poster) return { url: article.video.poster, alt: article.video.title };
  return undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleForMetadata(params);
  if (!article) return { title: 'Page not found', robots: { index: false } };
  const image = shareImage(article);
  const description = article.dek ?? undefined;
  return {
    title: article.title,
    description,
    alternates: alternates(articlePath(article.slug)),
    authors: [{ name: article.author.name, url: authorPath(article.author.slug) }],
    openGraph: {
      type: 'article',
      title: article.title,
      description,
      url: articlePath(article.slug),
      siteName: siteConfig.name,
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt ?? undefined,
      authors: [absoluteUrl(authorPath(article.author.slug))],
      section: article.section,
      tags: article.tags.map((tag) => tag.name),
      images: image ? [image] : undefined,
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title: article.title,
      description,
      images: image ? [image] : undefined,
    },
  };
}

function structuredData(article: Article): WithContext<NewsArticle> {
  const url = absoluteUrl(articlePath(article.slug));
  const image = shareImage(article);
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: article.dek ?? undefined,
    image: image ? [absoluteUrl(image.url)] : undefined,
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    articleSection: article.section,
    keywords: article.tags.map((tag) => tag.name).join(', ') || undefined,
    author: [{ '@type': 'Person', name: article.author.name, url: absoluteUrl(authorPath(article.author.slug)), jobTitle: article.author.title ?? undefined }],
    publisher: { '@type': 'Organization', name: siteConfig.name, url: siteConfig.url },
    // relatedLink is a WebPage property in schema.org: the page's "Read more" list, in order.
    mainEntityOfPage: {
      '@type': 'WebPage',
      '@id': url,
      relatedLink: article.related.length > 0 ? article.related.map((item) => (item.kind === 'article' ? absoluteUrl(articlePath(item.slug)) : item.url)) : undefined,
    },
    url,
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await articleFor(params);
  const { author } = article;
  const authorRole = [author.title, author.organization].filter(Boolean).join(', ');

  return (
    <>
      <JsonLd data={structuredData(article)} />
      <article className="article">
        <header className="article__header">
          <p className="article__section">
            <Link href={sectionPath(article.sectionSlug)}>{article.section}</Link>
          </p>
          <h1 className="article__title">{article.title}</h1>
          {article.dek ? <p className="article__dek">{article.dek}</p> : null}
          <div className="byline">
            {article.source ? <p className="byline__source">{article.source}</p> : null}
            <p className="byline__author">
              <Link className="byline__name" href={authorPath(author.slug)} rel="author">
                {author.name}
              </Link>
              {authorRole ? <span className="byline__role"> · {authorRole}</span> : null}
            </p>
            <p className="byline__meta">
              <FormattedDate iso={article.publishedAt} />
              {article.updatedAt ? (
                <>
                  {' '}
                  · Updated <FormattedDate iso={article.updatedAt} />
                </>
              ) : null}
              {' · '}
              <span className="byline__read-time">{article.readTimeMinutes} min read</span>
            </p>
          </div>
        </header>

        <ArticleHero article={article} />
        <ArticleBody markdown={article.body} />
        {article.video?.credit ? <p className="article__credits">— {article.video.credit}</p> : null}

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

      <ReadMore article={article} />
      <ArticleGraphSections slug={article.slug} graph={getGraphForArticle(article)} />
    </>
  );
}

function ArticleHero({ article }: { article: Article }) {
  if (article.video) {
    return (
      <figure className="article__hero">
        <VideoEmbed id={article.video.id} title={article.video.title} poster={article.video.poster} />
        <figcaption>{article.video.title}</figcaption>
      </figure>
    );
  }
  if (!article.image) return null;
  const { src, alt, caption, credit } = article.image;
  return (
    <figure className="article__hero">
      {/* The hero is the page's largest paint: load it first. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src={src} alt={alt} fetchPriority="high" decoding="async" width={1200} height={675} />
      {caption || credit ? (
        <figcaption>
          {caption}
          {credit ? <span className="credit"> ({credit})</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

function ReadMore({ article }: { article: Article }) {
  if (article.related.length === 0) return null;
  const heading = article.source ? `Read more on ${article.source}` : 'Read more';
  return (
    <section className="read-more" aria-labelledby="read-more-heading">
      <h2 id="read-more-heading">{heading}</h2>
      <ol className="read-more__list">
        {article.related.map((item) =>
          item.kind === 'article' ? (
            <li key={`a:${item.slug}`}>
              <Link href={articlePath(item.slug)}>{item.title}</Link>
            </li>
          ) : (
            <li key={`u:${item.url}`}>
              <a href={item.url} rel="noopener">
                {item.title}
              </a>{' '}
              <span className="read-more__host">({new URL(item.url).hostname.replace(/^www\./, '')})</span>
            </li>
          ),
        )}
      </ol>
    </section>
  );
}

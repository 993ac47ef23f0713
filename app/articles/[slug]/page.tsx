import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleBody } from '@/app/_components/article-body';
import { FormattedDate } from '@/app/_components/formatted-date';
import { VideoEmbed } from '@/app/_components/video-embed';
import { type Article, getArticle } from '@/db/queries/articles';
import { slugSchema } from '@/lib/content/schema';
import { articlePath } from '@/lib/site';

// Always read the database at request time: what the seed wrote is what readers get.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

async function articleFor(params: Props['params']): Promise<Article> {
  const { slug } = await params;
  // Anything that is not a well-formed slug cannot name an article: 404 without touching the database.
  if (!slugSchema.safeParse(slug).success) notFound();
  const article = getArticle(slug);
  if (!article) notFound();
  return article;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await articleFor(params);
  return {
    title: article.title,
    description: article.dek ?? undefined,
    alternates: { canonical: articlePath(article.slug) },
    authors: [{ name: article.author.name }],
    openGraph: {
      type: 'article',
      title: article.title,
      description: article.dek ?? undefined,
      url: articlePath(article.slug),
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt ?? undefined,
      section: article.section,
      tags: article.tags,
      images: article.image ? [{ url: article.image.src, alt: article.image.alt }] : article.video?.poster ? [{ url: article.video.poster }] : undefined,
    },
  };
}

export default async function ArticlePage({ params }: Props) {
  const article = await articleFor(params);
  const { author } = article;
  const authorRole = [author.title, author.organization].filter(Boolean).join(', ');

  return (
    <>
      <article className="article">
        <header className="article__header">
          <p className="article__section">{article.section}</p>
          <h1 className="article__title">{article.title}</h1>
          {article.dek ? <p className="article__dek">{article.dek}</p> : null}
          <div className="byline">
            {article.source ? <p className="byline__source">{article.source}</p> : null}
            <p className="byline__author">
              <span className="byline__name">{author.name}</span>
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
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
      </article>

      <ReadMore article={article} />
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

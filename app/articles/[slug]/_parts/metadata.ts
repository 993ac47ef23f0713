import type { Metadata } from 'next';
import type { NewsArticle, WithContext } from 'schema-dts';
import { heroCredit } from '@/lib/credits';
import { descriptionOf } from '@/lib/description';
import { CROPS, SHARE_SIZE, variantName } from '@/lib/images';
import { alternates } from '@/app/_lib/metadata';
import { articlePath, authorPath, mediaPath, shareCardPath } from '@/lib/paths';
import { absoluteUrl, SITE_LOGO, siteConfig } from '@/lib/site';
import type { Article } from '@/lib/types';

/**
 * The image that represents a story where it is shared (og:image, twitter:image, JSON-LD): the share crop of
 * its photo (or its video's poster), else its generated card: always a 1200×630 raster with alt text.
 */
export function shareImage(article: Article): { url: string; width: number; height: number; alt: string; type: string } {
  const photo = article.image ? { stored: article.image.stored, alt: article.image.alt } : article.video?.poster ? { stored: article.video.poster, alt: article.video.title } : null;
  if (photo) return { url: mediaPath(photo.stored.hash, variantName.share), ...SHARE_SIZE, alt: photo.alt, type: 'image/jpeg' };
  return { url: shareCardPath(article.slug), ...SHARE_SIZE, alt: article.title, type: 'image/png' };
}

/** NewsArticle `image`: the photo's 16:9, 4:3 and 1:1 crops (1200 px wide), else the story's share card. */
function structuredImages(article: Article): string[] {
  const stored = article.image?.stored ?? article.video?.poster;
  if (!stored) return [absoluteUrl(shareCardPath(article.slug))];
  return CROPS.map((crop) => absoluteUrl(mediaPath(stored.hash, crop.name)));
}

export function articleMetadata(article: Article): Metadata {
  const image = shareImage(article);
  const description = descriptionOf(article) || undefined;
  return {
    title: article.title,
    description,
    alternates: alternates(articlePath(article.slug)),
    authors: article.authors.map((writer) => ({ name: writer.name, url: authorPath(writer.slug) })),
    openGraph: {
      type: 'article',
      title: article.title,
      description,
      url: articlePath(article.slug),
      siteName: siteConfig.name,
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt ?? undefined,
      authors: article.authors.map((writer) => absoluteUrl(authorPath(writer.slug))),
      section: article.section,
      tags: article.tags.map((tag) => tag.name),
      images: [image],
    },
    twitter: { card: 'summary_large_image', title: article.title, description, images: [{ url: image.url, alt: image.alt }] },
  };
}

export function articleStructuredData(article: Article): WithContext<NewsArticle> {
  const url = absoluteUrl(articlePath(article.slug));
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    description: descriptionOf(article) || undefined,
    image: structuredImages(article),
    datePublished: article.publishedAt,
    dateModified: article.updatedAt ?? article.publishedAt,
    articleSection: article.section,
    keywords: article.tags.map((tag) => tag.name).join(', ') || undefined,
    // Every author of the byline, in order: a desk ("Newsline Staff") is an Organization; a reporter a Person with a job title.
    author: article.authors.map((writer) =>
      writer.type === 'organization'
        ? { '@type': 'Organization', name: writer.name, url: absoluteUrl(authorPath(writer.slug)) }
        : { '@type': 'Person', name: writer.name, url: absoluteUrl(authorPath(writer.slug)), jobTitle: writer.title ?? undefined },
    ),
    // Structured credits: the people who made the story with its authors, each with the role they had.
    contributor: article.credits.length > 0 ? article.credits.map((credit) => ({ '@type': 'Person', name: credit.name, description: credit.role })) : undefined,
    // The lead photo's credit (creditText is a CreativeWork property: the article's image is its lead photo).
    creditText: (article.image && heroCredit('image', article.image.credit, article.credits)) || undefined,
    // Each correction notice, as schema.org's CorrectionComment.
    correction:
      article.corrections.length > 0
        ? article.corrections.map((correction) => ({ '@type': 'CorrectionComment', text: correction.text, datePublished: correction.date }))
        : undefined,
    publisher: { '@type': 'Organization', name: siteConfig.name, url: siteConfig.url, logo: { '@type': 'ImageObject', url: absoluteUrl(SITE_LOGO.url), width: `${SITE_LOGO.width}`, height: `${SITE_LOGO.height}` } },
    // relatedLink is a WebPage property in schema.org: the page's "Read more" list, in order.
    mainEntityOfPage: {
      '@type': 'WebPage',
      '@id': url,
      relatedLink: article.related.length > 0 ? article.related.map((item) => (item.kind === 'article' ? absoluteUrl(articlePath(item.slug)) : item.url)) : undefined,
    },
    url,
  };
}

import type { Metadata } from 'next';
import { pageHref } from './pagination';
import { feedPath, SITE_SHARE_IMAGE, siteConfig } from './site';

type Feed = { path: string; title: string };

/** The site-wide feed, announced on every page beside the page's own. */
const siteFeed: Feed = { path: feedPath(), title: `${siteConfig.name}: latest stories` };

export function alternates(canonical: string, feeds: Feed[] = []): NonNullable<Metadata['alternates']> {
  return {
    canonical,
    types: { 'application/rss+xml': [...feeds, siteFeed].map((feed) => ({ url: feed.path, title: feed.title })) },
  };
}

/** Metadata of a section, tag or author listing: page 2 onwards is its own canonical URL. */
export function listingMetadata(options: { title: string; description: string; path: string; page: number; feedTitle: string }): Metadata {
  const canonical = pageHref(options.path, options.page);
  const title = options.page > 1 ? `${options.title} (page ${options.page})` : options.title;
  return {
    title,
    description: options.description,
    alternates: alternates(canonical, [{ path: feedPath(options.path), title: options.feedTitle }]),
    openGraph: { type: 'website', title, description: options.description, url: canonical, siteName: siteConfig.name, images: [SITE_SHARE_IMAGE] },
    twitter: { card: 'summary_large_image', title, description: options.description, images: [SITE_SHARE_IMAGE] },
  };
}

import type { Metadata } from 'next';
import { feedPath, jsonFeedPath, pageHref } from '@/lib/paths';
import { SITE_SHARE_IMAGE, siteConfig } from '@/lib/site';

/** A feed, by the path of its listing ('' for the whole site) and its title. */
type Feed = { listingPath: string; title: string };

/** The site-wide feed, announced on every page beside the page's own. */
const siteFeed: Feed = { listingPath: '', title: `${siteConfig.name}: latest stories` };

/** The page's canonical URL, and its feeds (then the site's) in both formats: RSS 2.0 and JSON Feed 1.1. */
export function alternates(canonical: string, feeds: Feed[] = []): NonNullable<Metadata['alternates']> {
  const all = [...feeds, siteFeed];
  return {
    canonical,
    types: {
      'application/rss+xml': all.map((feed) => ({ url: feedPath(feed.listingPath), title: feed.title })),
      'application/feed+json': all.map((feed) => ({ url: jsonFeedPath(feed.listingPath), title: feed.title })),
    },
  };
}

/** Metadata of a section, tag or author listing: page 2 onwards is its own canonical URL. */
export function listingMetadata(options: { title: string; description: string; path: string; page: number; feedTitle: string }): Metadata {
  const canonical = pageHref(options.path, options.page);
  const title = options.page > 1 ? `${options.title} (page ${options.page})` : options.title;
  return {
    title,
    description: options.description,
    alternates: alternates(canonical, [{ listingPath: options.path, title: options.feedTitle }]),
    openGraph: { type: 'website', title, description: options.description, url: canonical, siteName: siteConfig.name, images: [SITE_SHARE_IMAGE] },
    twitter: { card: 'summary_large_image', title, description: options.description, images: [SITE_SHARE_IMAGE] },
  };
}

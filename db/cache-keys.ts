/**
 * Cache keys: names for pieces of data a cached response shows. A response is
 * keyed by everything it displays (db/queries register the keys of what they
 * return); a seed expires exactly the keys whose data it changed
 * (db/seed/changes.ts). The same names are the surrogate keys an HTTP cache
 * in front of the site purges by. See docs/ARCHITECTURE.md.
 *
 * Ids, not slugs: a page can list hundreds of keys and they travel in one
 * HTTP header, so they are kept short. Ids are never reused (AUTOINCREMENT).
 */
export const cacheKeys = {
  /** What a card or link shows of an article: headline, dek, image, URL, dates, section, author. */
  articleCard: (id: number) => `a:${id}`,
  /** Everything else on the article's own page: body, video, credits, tags, source. */
  articlePage: (id: number) => `p:${id}`,
  /** The article's "Read more" list (which stories, in which order). */
  linksFrom: (id: number) => `l:${id}`,
  /** Which stories link to the article ("Stories that link here"). */
  linksTo: (id: number) => `in:${id}`,
  /** An author's name, title, organization and bio. */
  author: (id: number) => `au:${id}`,
  /** Which articles an author wrote, newest first. */
  authorArticles: (id: number) => `by:${id}`,
  /** Which articles a section holds, newest first (and the section's name). */
  section: (slug: string) => `s:${slug}`,
  /** Which articles carry a tag, newest first (and the tag's name). */
  tag: (slug: string) => `t:${slug}`,
  /** Every article, newest first: the front page, the site feed, the 404 page's latest stories. */
  latest: 'latest',
  /** The sections that exist and their names. */
  sections: 'sections',
  /** Every URL the site has and its last change: sitemaps. */
  urls: 'urls',
  /** Every correction notice, newest first: /corrections and its feed (the stories' headlines are their `a:` keys). */
  corrections: 'corrections',
  /** The search index (any headline, dek or body). */
  search: 'search',
} as const;

/** Stands for every key: a seed that changed too much to name expires everything. */
export const EVERY_KEY = '*';

/** Carried by every keyed response in its surrogate-key headers (never a page's own key): purging it purges all. */
export const SITE_KEY = 'site';

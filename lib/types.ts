/**
 * What the site knows about its stories, as the query layer (db/queries) returns it and pages, feeds and lib/ read
 * it: plain types, so nothing that reads a story depends on the database to name it.
 */
import type { StoredImage } from './images';

/** One writer of a byline: schema.org calls a desk byline ("Newsline Staff") an Organization. */
export type ArticleAuthor = { slug: string; name: string; title: string | null; organization: string | null; type: 'person' | 'organization' };

/** A photo as pages show it: its alt text, the stored copies (lib/images.ts), caption and credit. */
export type ArticleImage = { alt: string; stored: StoredImage; caption: string | null; credit: string | null };
export type ArticleVideo = { id: string; title: string; poster: StoredImage | null; credit: string | null };

/** One "Read more" entry, in the editor's order. */
export type RelatedItem =
  | { kind: 'article'; id: number; slug: string; title: string; dek: string | null }
  | { kind: 'external'; url: string; title: string };

/** What every view of a story has: who it is, its headline and description, its section and dates. */
type StoryBasics = {
  id: number;
  slug: string;
  title: string;
  dek: string | null;
  /** The body's opening words (lib/description.ts descriptionOf: the dek, else these). */
  excerpt: string | null;
  section: string;
  sectionSlug: string;
  publishedAt: string;
  updatedAt: string | null;
};

/** A story's card: what lists, links and search results show of it. */
export type ArticleSummary = StoryBasics & {
  authorName: string;
  authorSlug: string;
  image: ArticleImage | null;
};

export type Tag = { name: string; slug: string };
/** A dated correction notice (front matter `corrections`). */
export type Correction = { date: string; text: string };
/** A structured credit (front matter `credits`): "Video producer" / "Jen Kucsak". */
export type Credit = { role: string; name: string };

export type Article = StoryBasics & {
  source: string | null;
  tags: Tag[];
  /** Only a preview shows a draft (or a story scheduled for later): readers' queries never return one. */
  draft: boolean;
  readTimeMinutes: number;
  /** The lead author (the first of `authors`). */
  author: ArticleAuthor;
  /** The whole byline, in order (one or more). */
  authors: ArticleAuthor[];
  /** Correction notices, oldest first. */
  corrections: Correction[];
  /** Structured credits, in the editor's order. */
  credits: Credit[];
  image: ArticleImage | null;
  video: ArticleVideo | null;
  body: string;
  /** The photos the body shows, by file name ("/images/<name>"). */
  bodyImages: Record<string, StoredImage>;
  related: RelatedItem[];
};

/** A feed item: the story's card plus what feed readers that show whole stories need, its body and the body's photos. */
export type FeedArticle = ArticleSummary & {
  /** Every author of the byline, in order (the lead author first): feeds name each. */
  byline: { name: string; slug: string }[];
  /** The body as the editor wrote it (Markdown: lib/markdown/body.ts). */
  body: string;
  /** The photos the body shows, by file name ("/images/<name>"). */
  bodyImages: Record<string, StoredImage>;
};

/** One correction notice with the story it corrects: a row of /corrections and an item of its feed. */
export type CorrectionEntry = {
  /** When it was corrected (ISO 8601, UTC). */
  date: string;
  text: string;
  /** Which of the story's corrections it is (0 for the first the editor listed): with the slug, a stable id. */
  position: number;
  article: { id: number; slug: string; title: string };
};

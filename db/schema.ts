import { relations, sql } from 'drizzle-orm';
import {
  blob,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from 'drizzle-orm/sqlite-core';

/**
 * The database mirrors content/: the seed is its only writer and the folder is
 * the source of truth. Each row keeps the hash of the content it came from so a
 * re-seed can tell added, updated and unchanged records apart without diffing.
 * Dates are ISO 8601 strings in UTC ("2021-01-06T17:00:00.000Z"), which sort
 * correctly as text.
 */

export const authors = sqliteTable('authors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  title: text('title'),
  organization: text('organization'),
  /** "person" or "organization" (a desk byline such as "Newsline Staff"): schema.org's type for it. */
  type: text('type', { enum: ['person', 'organization'] }).notNull().default('person'),
  bio: text('bio'),
  contentHash: text('content_hash').notNull(),
});

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    dek: text('dek'),
    authorId: integer('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'restrict' }),
    section: text('section').notNull(),
    /** URL name of the section, derived from its name (lib/slug.ts): "Food & Drink" → "food-and-drink". */
    sectionSlug: text('section_slug').notNull(),
    source: text('source'),
    publishedAt: text('published_at').notNull(),
    updatedAt: text('updated_at'),
    /**
     * Front matter `draft: true`: in the database (so a preview link can show it) but nowhere on the site. A story
     * whose publishedAt is in the future is hidden the same way until that moment (db/queries/visibility.ts).
     */
    draft: integer('draft', { mode: 'boolean' }).notNull().default(false),
    imageSrc: text('image_src'),
    imageAlt: text('image_alt'),
    imageCaption: text('image_caption'),
    imageCredit: text('image_credit'),
    /** The hero photo as stored (see the media table): the hash of its bytes and its size in pixels. */
    imageHash: text('image_hash'),
    imageWidth: integer('image_width'),
    imageHeight: integer('image_height'),
    videoTitle: text('video_title'),
    videoId: text('video_id'),
    videoPoster: text('video_poster'),
    videoCredit: text('video_credit'),
    videoPosterHash: text('video_poster_hash'),
    videoPosterWidth: integer('video_poster_width'),
    videoPosterHeight: integer('video_poster_height'),
    /** Photos the body shows, as JSON: {"<file>": {"hash", "width", "height"}} (null when none). */
    bodyImages: text('body_images'),
    body: text('body').notNull(),
    /** The body's opening words (lib/description.ts): the description of a story without a dek. */
    excerpt: text('excerpt'),
    wordCount: integer('word_count').notNull(),
    /** Where the article came from, relative to the content folder, for messages. */
    sourceFile: text('source_file').notNull(),
    contentHash: text('content_hash').notNull(),
  },
  (table) => [
    index('articles_published_at_idx').on(table.publishedAt, table.slug),
    index('articles_author_published_idx').on(table.authorId, table.publishedAt),
    index('articles_section_published_idx').on(table.sectionSlug, table.publishedAt),
    // The seed's reads of the whole table, answered from small indexes instead of the wide rows: the front page's
    // list of sections (db/seed/changes.ts snapshotSections) and each story's content hash (db/seed/write.ts).
    index('articles_section_name_idx').on(table.sectionSlug, table.section),
    index('articles_slug_hash_idx').on(table.slug, table.contentHash),
  ],
);

export const articleTags = sqliteTable(
  'article_tags',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** URL name of the tag, derived from its name like section slugs. */
    slug: text('slug').notNull(),
    /** The article's publishedAt, copied so "newest with this tag" is one index range (suggestions, tag pages). */
    publishedAt: text('published_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.articleId, table.position] }),
    index('article_tags_slug_published_idx').on(table.slug, table.publishedAt),
  ],
);

/**
 * The byline, in order (front matter `author` or `authors`): one row per author of an article. The first
 * (position 0) is also `articles.author_id`, the lead author cards and feeds name; author pages and feeds list an
 * article through this table, so every co-author's listing carries it.
 */
export const articleAuthors = sqliteTable(
  'article_authors',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    authorId: integer('author_id')
      .notNull()
      .references(() => authors.id, { onDelete: 'restrict' }),
    /** The article's publishedAt, copied so "an author's newest" is one index range (author pages and feeds). */
    publishedAt: text('published_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.articleId, table.position] }),
    index('article_authors_author_published_idx').on(table.authorId, table.publishedAt),
  ],
);

/** Correction notices (front matter `corrections`): shown on the story, and every one on /corrections, newest first. */
export const articleCorrections = sqliteTable(
  'article_corrections',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** When it was corrected (ISO 8601, UTC). */
    correctedAt: text('corrected_at').notNull(),
    text: text('text').notNull(),
  },
  (table) => [primaryKey({ columns: [table.articleId, table.position] }), index('article_corrections_corrected_idx').on(table.correctedAt)],
);

/** Structured credits (front matter `credits`): "Video producer" / "Jen Kucsak", in the editor's order. */
export const articleCredits = sqliteTable(
  'article_credits',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    role: text('role').notNull(),
    name: text('name').notNull(),
  },
  (table) => [primaryKey({ columns: [table.articleId, table.position] })],
);

/** Old slugs of an article (front matter `redirectFrom`): requests for them redirect permanently. */
export const articleRedirects = sqliteTable(
  'article_redirects',
  {
    fromSlug: text('from_slug').primaryKey(),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
  },
  (table) => [index('article_redirects_article_idx').on(table.articleId)],
);

/**
 * The "Read more" list: ordered edges from an article either to another
 * article (target_article_id) or to an external URL (url + title), never both.
 */
export const relatedLinks = sqliteTable(
  'related_links',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    targetArticleId: integer('target_article_id').references(() => articles.id, {
      onDelete: 'cascade',
    }),
    url: text('url'),
    title: text('title'),
  },
  (table) => [
    primaryKey({ columns: [table.articleId, table.position] }),
    index('related_links_target_idx').on(table.targetArticleId),
    check(
      'related_links_one_target',
      sql`(${table.targetArticleId} IS NOT NULL AND ${table.url} IS NULL) OR (${table.targetArticleId} IS NULL AND ${table.url} IS NOT NULL AND ${table.title} IS NOT NULL)`,
    ),
  ],
);

/**
 * Editors' photos, resized by the seed (db/seed/images.ts): one row per copy of a photo, keyed by the SHA-256
 * of the photo's bytes and the copy's name ("640.webp", "share.jpg"; lib/images.ts). Pages link to
 * /media/<hash>/<variant>, which never changes meaning, so those URLs are cached for a year. A photo no
 * article uses any more is marked orphaned and deleted by a seed a day later, so pages still cached
 * somewhere keep their images meanwhile.
 */
export const media = sqliteTable(
  'media',
  {
    hash: text('hash').notNull(),
    variant: text('variant').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    orphanedAt: text('orphaned_at'),
  },
  (table) => [
    primaryKey({ columns: [table.hash, table.variant] }),
    // Only the few orphaned copies: a seed finds those a day old without reading every copy.
    index('media_orphaned_idx').on(table.orphanedAt).where(sql`${table.orphanedAt} IS NOT NULL`),
  ],
);

/**
 * One row per seed, written in the seed's own transaction: when it ran and the
 * cache keys (db/cache-keys.ts) whose data it changed. Every server process
 * follows this table (db/queries/changes.ts) and expires exactly those keys,
 * so a plain `npm run db:seed` refreshes every server on the database with no
 * address or secret. Only the newest rows are kept (the seed trims it); a
 * server that finds a gap forgets its whole cache instead.
 */
export const seeds = sqliteTable('seeds', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  seededAt: text('seeded_at').notNull(),
  /** Space-separated keys, or "*" when a seed changed too much to name (every page is then stale). */
  expiredKeys: text('expired_keys').notNull(),
});

/**
 * What the last seed loaded, one row per content file (db/seed/manifest.ts): the SHA-256 of its bytes, and the
 * facts the rules across the whole folder need of it (slug, byline, "Read more" entries, old slugs, section and
 * tag spellings, and for articles the hashes of the photos it showed). A re-seed parses only files whose bytes
 * (or photos) changed and checks the others through these facts. `format` names the loader and schema that
 * wrote the row: a row of another format is ignored, so an upgrade re-reads every file once.
 */
export const contentFiles = sqliteTable(
  'content_files',
  {
    path: text('path').primaryKey(),
    kind: text('kind', { enum: ['article', 'author'] }).notNull(),
    sha256: text('sha256').notNull(),
    format: text('format').notNull(),
    /** The record it loaded, as the seed wrote it: kept facts count only while its row still has this hash. */
    slug: text('slug').notNull(),
    contentHash: text('content_hash').notNull(),
    facts: text('facts').notNull(),
    /**
     * The file as the last seed found it on disk, "dev:ino:size:mtimeNs:ctimeNs" (lib/content/load.ts fileStat),
     * or null: a file with the same stat is not read again (any write moves its ctime).
     */
    stat: text('stat'),
  },
  (table) => [check('content_files_kind', sql`${table.kind} IN ('article', 'author')`)],
);

export const authorsRelations = relations(authors, ({ many }) => ({
  articles: many(articles),
  bylines: many(articleAuthors),
}));

export const articlesRelations = relations(articles, ({ one, many }) => ({
  author: one(authors, { fields: [articles.authorId], references: [authors.id] }),
  tags: many(articleTags),
  authors: many(articleAuthors),
  corrections: many(articleCorrections),
  credits: many(articleCredits),
  redirects: many(articleRedirects),
  relatedLinks: many(relatedLinks, { relationName: 'outgoing' }),
  backlinks: many(relatedLinks, { relationName: 'incoming' }),
}));

export const articleTagsRelations = relations(articleTags, ({ one }) => ({
  article: one(articles, { fields: [articleTags.articleId], references: [articles.id] }),
}));

export const articleAuthorsRelations = relations(articleAuthors, ({ one }) => ({
  article: one(articles, { fields: [articleAuthors.articleId], references: [articles.id] }),
  author: one(authors, { fields: [articleAuthors.authorId], references: [authors.id] }),
}));

export const articleCorrectionsRelations = relations(articleCorrections, ({ one }) => ({
  article: one(articles, { fields: [articleCorrections.articleId], references: [articles.id] }),
}));

export const articleCreditsRelations = relations(articleCredits, ({ one }) => ({
  article: one(articles, { fields: [articleCredits.articleId], references: [articles.id] }),
}));

export const articleRedirectsRelations = relations(articleRedirects, ({ one }) => ({
  article: one(articles, { fields: [articleRedirects.articleId], references: [articles.id] }),
}));

export const relatedLinksRelations = relations(relatedLinks, ({ one }) => ({
  article: one(articles, {
    fields: [relatedLinks.articleId],
    references: [articles.id],
    relationName: 'outgoing',
  }),
  target: one(articles, {
    fields: [relatedLinks.targetArticleId],
    references: [articles.id],
    relationName: 'incoming',
  }),
}));

export type Author = typeof authors.$inferSelect;
export type NewAuthor = typeof authors.$inferInsert;
export type ArticleRow = typeof articles.$inferSelect;
export type NewArticle = typeof articles.$inferInsert;
export type NewRelatedLink = typeof relatedLinks.$inferInsert;
export type Seed = typeof seeds.$inferSelect;
export type NewMedia = typeof media.$inferInsert;
export type NewContentFile = typeof contentFiles.$inferInsert;

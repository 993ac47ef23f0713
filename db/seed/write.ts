import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { ArticleRecord, AuthorRecord } from '@/lib/content';
import { localImageName, type StoredImage } from '@/lib/images';
import { parseYouTubeId } from '@/lib/markdown/url';
import { cacheKeys } from '../cache-keys';
import type { AppDatabase } from '../client';
import { articleKeys, photosShown, recordSeed, snapshotArticles, snapshotSections } from './changes';
import type { ImageSet } from './images';
import { writeManifest, type MovedStat } from './manifest';
import {
  articleAuthors,
  articleCorrections,
  articleCredits,
  articleRedirects,
  articles,
  articleTags,
  authors,
  media,
  relatedLinks,
  seeds,
  type NewArticle,
  type NewContentFile,
  type NewMedia,
  type NewRelatedLink,
} from '../schema';

/** What a seed did to one kind of record. */
export type RecordCounts = { added: number; updated: number; removed: number; unchanged: number };

export type WriteResult = {
  authors: RecordCounts;
  articles: RecordCounts;
  /** Slugs of the articles added, updated or removed. */
  changedSlugs: string[];
  /** The cache keys the seed expired (db/seed/changes.ts), or 'all'. */
  expiredKeys: string[] | 'all';
};

const noCounts = (): RecordCounts => ({ added: 0, updated: 0, removed: 0, unchanged: 0 });

export type WriteHooks = {
  /**
   * Called as articles are written, at least every 1% of `total`, and once with `done === total`. Each
   * article to write counts twice, once for its row and once for its tags and links: `total` is twice the
   * number of articles added or updated (0, and no call, when nothing changes).
   */
  onProgress?: (done: number, total: number) => void;
  /** Called last inside the transaction, right before it commits: whatever it reports has not been committed yet. */
  beforeCommit?: () => void;
};

/** What the seed read of the folder besides the records it parsed (db/seed/manifest.ts). */
export type Unparsed = {
  /** Slugs of the articles and authors whose files were not parsed because the last seed loaded the same bytes. */
  articles: ReadonlySet<string>;
  authors: ReadonlySet<string>;
  /** The newest seed when the manifest was read: another seed since then makes that reading stale. */
  seedId: number | null;
};

/**
 * Makes the database mirror the content set, in one synchronous transaction
 * (better-sqlite3 transactions must be synchronous to roll back). Rows whose
 * content hash is unchanged are not touched, so re-running changes nothing;
 * records in `unparsed` are kept as they are. The content must already be
 * valid: this is the write half of the seed.
 */
export function writeContent(
  db: AppDatabase,
  content: {
    authors: AuthorRecord[];
    articles: ArticleRecord[];
    images?: ImageSet;
    media?: NewMedia[];
    unparsed?: Unparsed;
    /** The manifest rows of the parsed files, and every file in the folder (the others' rows are forgotten). */
    manifest?: { rows: NewContentFile[]; present: ReadonlySet<string>; moved?: MovedStat[] };
  },
  hooks: WriteHooks = {},
): WriteResult {
  const images: ImageSet = content.images ?? new Map();
  const unparsed = content.unparsed ?? { articles: new Set<string>(), authors: new Set<string>(), seedId: null };
  return db.transaction((tx) => {
    if (unparsed.articles.size + unparsed.authors.size > 0) {
      const newest = tx.select({ id: seeds.id }).from(seeds).orderBy(desc(seeds.id)).limit(1).get()?.id ?? null;
      if (newest !== unparsed.seedId) throw new Error('another seed wrote the database while this one was reading the content folder: nothing was written; run the seed again');
    }
    for (const row of content.media ?? []) tx.insert(media).values(row).onConflictDoNothing().run();
    const result: WriteResult = { authors: noCounts(), articles: noCounts(), changedSlugs: [], expiredKeys: [] };
    const expired = new Set<string>();

    const authorIds = new Map<string, number>();
    const existingAuthors = new Map(tx.select({ id: authors.id, slug: authors.slug, hash: authors.contentHash }).from(authors).all().map((row) => [row.slug, row]));
    for (const slug of unparsed.authors) {
      authorIds.set(slug, existingAuthors.get(slug)!.id);
      result.authors.unchanged++;
    }
    for (const author of content.authors) {
      const values = {
        slug: author.slug,
        name: author.name,
        title: author.title,
        organization: author.organization,
        type: author.type,
        bio: author.bio,
        contentHash: author.contentHash,
      };
      const existing = existingAuthors.get(author.slug);
      if (!existing) {
        authorIds.set(author.slug, tx.insert(authors).values(values).returning({ id: authors.id }).get().id);
        result.authors.added++;
        // A new author's page and its place in the sitemap.
        expired.add(cacheKeys.urls);
      } else {
        authorIds.set(author.slug, existing.id);
        if (existing.hash === author.contentHash) result.authors.unchanged++;
        else {
          tx.update(authors).set(values).where(eq(authors.id, existing.id)).run();
          result.authors.updated++;
          expired.add(cacheKeys.author(existing.id));
        }
      }
    }

    const wanted = new Set([...content.articles.map((article) => article.slug), ...unparsed.articles]);
    const existingArticles = tx.select({ id: articles.id, slug: articles.slug, hash: articles.contentHash }).from(articles).all();
    const removed = existingArticles.filter((row) => !wanted.has(row.slug));
    result.articles.unchanged += unparsed.articles.size;
    // What readers could see of every article that is going or changing, before the write.
    const hashes = new Map(content.articles.map((article) => [article.slug, article.contentHash]));
    const before = snapshotArticles(tx, existingArticles.filter((row) => !unparsed.articles.has(row.slug) && hashes.get(row.slug) !== row.hash).map((row) => row.id));
    const existingHashes = new Map(existingArticles.map((row) => [row.slug, row.hash]));
    const adding = content.articles.some((article) => !existingHashes.has(article.slug));
    const sectionsBefore = before.size > 0 || adding ? snapshotSections(tx) : null;
    for (const chunk of chunks(removed.map((row) => row.id), 500)) {
      // Tags and links from and to these articles go with them (ON DELETE CASCADE).
      tx.delete(articles).where(inArray(articles.id, chunk)).run();
    }
    result.articles.removed = removed.length;
    result.changedSlugs.push(...removed.map((row) => row.slug));

    const articleIds = new Map(existingArticles.map((row) => [row.slug, row.id]));
    const progress = progressReporter(2 * content.articles.filter((article) => existingHashes.get(article.slug) !== article.contentHash).length, hooks.onProgress);
    const toLink: ArticleRecord[] = [];
    for (const article of content.articles) {
      // articles.author_id is the lead author (cards and feeds name it); article_authors holds the whole byline.
      const values = articleRow(article, authorIds.get(article.authorSlugs[0]!)!, images);
      const existingHash = existingHashes.get(article.slug);
      if (existingHash === undefined) {
        articleIds.set(article.slug, tx.insert(articles).values(values).returning({ id: articles.id }).get().id);
        result.articles.added++;
      } else if (existingHash !== article.contentHash) {
        tx.update(articles).set(values).where(eq(articles.id, articleIds.get(article.slug)!)).run();
        result.articles.updated++;
      } else {
        result.articles.unchanged++;
        continue;
      }
      toLink.push(article);
      result.changedSlugs.push(article.slug);
      progress();
    }

    // Tags, redirects, search rows and "Read more" edges of new and changed articles, now that every
    // target has an id. All old rows go first, so an old slug may move from one article to another.
    const changedIds = toLink.map((article) => articleIds.get(article.slug)!);
    for (const chunk of chunks(changedIds, 500)) {
      tx.delete(articleTags).where(inArray(articleTags.articleId, chunk)).run();
      tx.delete(articleAuthors).where(inArray(articleAuthors.articleId, chunk)).run();
      tx.delete(articleCorrections).where(inArray(articleCorrections.articleId, chunk)).run();
      tx.delete(articleCredits).where(inArray(articleCredits.articleId, chunk)).run();
      tx.delete(articleRedirects).where(inArray(articleRedirects.articleId, chunk)).run();
      tx.delete(relatedLinks).where(inArray(relatedLinks.articleId, chunk)).run();
    }
    for (const chunk of chunks([...changedIds, ...removed.map((row) => row.id)], 500)) {
      tx.run(sql`DELETE FROM articles_search WHERE rowid IN (${sql.join(chunk, sql`, `)})`);
    }
    for (const article of toLink) {
      const id = articleIds.get(article.slug)!;
      if (article.tags.length > 0) {
        tx.insert(articleTags).values(article.tags.map((tag, position) => ({ articleId: id, position, name: tag.name, slug: tag.slug, publishedAt: article.publishedAt }))).run();
      }
      tx.insert(articleAuthors).values(article.authorSlugs.map((slug, position) => ({ articleId: id, position, authorId: authorIds.get(slug)!, publishedAt: article.publishedAt }))).run();
      if (article.corrections.length > 0) {
        tx.insert(articleCorrections).values(article.corrections.map((correction, position) => ({ articleId: id, position, correctedAt: correction.date, text: correction.text }))).run();
      }
      if (article.credits.length > 0) {
        tx.insert(articleCredits).values(article.credits.map((credit, position) => ({ articleId: id, position, role: credit.role, name: credit.name }))).run();
      }
      if (article.redirectFrom.length > 0) {
        tx.insert(articleRedirects).values(article.redirectFrom.map((fromSlug) => ({ fromSlug, articleId: id }))).run();
      }
      if (article.related.length > 0) {
        const links = article.related.map((entry, position): NewRelatedLink =>
          entry.kind === 'article'
            ? { articleId: id, position, targetArticleId: articleIds.get(entry.slug)! }
            : { articleId: id, position, url: entry.url, title: entry.title },
        );
        tx.insert(relatedLinks).values(links).run();
      }
      tx.run(sql`INSERT INTO articles_search (rowid, title, dek, body) VALUES (${id}, ${article.title}, ${article.dek ?? ''}, ${article.bodyText})`);
      progress();
    }

    // And after: the keys whose data differs.
    const after = snapshotArticles(tx, changedIds);
    articleKeys(before, after, expired);
    if (sectionsBefore !== null && snapshotSections(tx) !== sectionsBefore) expired.add(cacheKeys.sections);

    const keepAuthors = new Set([...content.authors.map((author) => author.slug), ...unparsed.authors]);
    const goneAuthors = [...existingAuthors.values()].filter((row) => !keepAuthors.has(row.slug));
    for (const chunk of chunks(goneAuthors.map((row) => row.id), 500)) tx.delete(authors).where(inArray(authors.id, chunk)).run();
    result.authors.removed = goneAuthors.length;
    for (const row of goneAuthors) expired.add(cacheKeys.author(row.id)).add(cacheKeys.authorArticles(row.id)).add(cacheKeys.urls);

    // Which copies are orphaned changes only when the photos the changed stories show change (a scan of every
    // story); otherwise only those orphaned a day ago go.
    if ((content.media?.length ?? 0) > 0 || photosShown(before) !== photosShown(after)) markOrphanedMedia(tx);
    else if (result.changedSlugs.length > 0) deleteOrphanedMedia(tx, new Date());
    if (content.manifest) writeManifest(tx, content.manifest.rows, content.manifest.present, content.manifest.moved);

    // In the same transaction: servers follow this record, so a seed that fails expires nothing.
    result.expiredKeys = recordSeed(tx, expired);

    hooks.beforeCommit?.();
    return result;
  });
}

/** Counts steps towards `total` and reports every 1% of it, not every step (100,000 articles are 200,000 steps). */
function progressReporter(total: number, onProgress: WriteHooks['onProgress']): () => void {
  const every = Math.max(1, Math.floor(total / 100));
  let done = 0;
  return () => {
    done++;
    if (onProgress && (done % every === 0 || done === total)) onProgress(done, total);
  };
}

function articleRow(article: ArticleRecord, authorId: number, images: ImageSet): NewArticle {
  const stored = (src: string | undefined): StoredImage | undefined => {
    const image = src === undefined ? undefined : images.get(localImageName(src) ?? '');
    return image && { hash: image.hash, width: image.width, height: image.height };
  };
  const hero = stored(article.image?.src);
  const poster = stored(article.video?.poster);
  const inBody = Object.fromEntries(
    article.imageRefs.filter((ref) => ref.field === 'body').flatMap((ref) => {
      const image = stored(ref.src);
      return image ? [[localImageName(ref.src)!, image]] : [];
    }),
  );
  return {
    imageHash: hero?.hash ?? null,
    imageWidth: hero?.width ?? null,
    imageHeight: hero?.height ?? null,
    videoPosterHash: poster?.hash ?? null,
    videoPosterWidth: poster?.width ?? null,
    videoPosterHeight: poster?.height ?? null,
    bodyImages: Object.keys(inBody).length > 0 ? JSON.stringify(inBody) : null,
    slug: article.slug,
    title: article.title,
    dek: article.dek,
    authorId,
    section: article.section,
    sectionSlug: article.sectionSlug,
    source: article.source,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
    imageSrc: article.image?.src ?? null,
    imageAlt: article.image?.alt ?? null,
    imageCaption: article.image?.caption ?? null,
    imageCredit: article.image?.credit ?? null,
    videoTitle: article.video?.title ?? null,
    videoId: article.video ? parseYouTubeId(article.video.url) : null,
    videoPoster: article.video?.poster ?? null,
    videoCredit: article.video?.credit ?? null,
    body: article.body,
    excerpt: article.excerpt,
    draft: article.draft,
    wordCount: article.wordCount,
    sourceFile: article.sourceFile,
    contentHash: article.contentHash,
  };
}

/** How long copies of a photo no article shows are kept, for pages still cached somewhere that show it. */
export const ORPHANED_MEDIA_GRACE_MS = 24 * 60 * 60 * 1000;

/** Marks copies of photos no article shows any more, unmarks those shown again, and deletes those marked a day ago. */
function markOrphanedMedia(tx: Pick<AppDatabase, 'run'>): void {
  const now = new Date();
  tx.run(sql`CREATE TEMP TABLE IF NOT EXISTS shown_media (hash TEXT PRIMARY KEY)`);
  tx.run(sql`DELETE FROM shown_media`);
  tx.run(sql`
    INSERT OR IGNORE INTO shown_media
      SELECT image_hash FROM articles WHERE image_hash IS NOT NULL
      UNION SELECT video_poster_hash FROM articles WHERE video_poster_hash IS NOT NULL
      UNION SELECT json_extract(image.value, '$.hash') FROM articles, json_each(articles.body_images) AS image WHERE articles.body_images IS NOT NULL`);
  tx.run(sql`UPDATE media SET orphaned_at = NULL WHERE orphaned_at IS NOT NULL AND hash IN (SELECT hash FROM shown_media)`);
  tx.run(sql`UPDATE media SET orphaned_at = ${now.toISOString()} WHERE orphaned_at IS NULL AND hash NOT IN (SELECT hash FROM shown_media)`);
  deleteOrphanedMedia(tx, now);
}

/** Deletes the copies marked orphaned a day before `now` (media_orphaned_idx finds them). */
function deleteOrphanedMedia(tx: Pick<AppDatabase, 'run'>, now: Date): void {
  tx.run(sql`DELETE FROM media WHERE orphaned_at < ${new Date(now.getTime() - ORPHANED_MEDIA_GRACE_MS).toISOString()}`);
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

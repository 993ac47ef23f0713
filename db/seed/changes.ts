import { desc, lt, sql } from 'drizzle-orm';
import { cacheKeys, EVERY_KEY } from '../cache-keys';
import type { AppDatabase } from '../client';
import { seeds } from '../schema';

/**
 * Which cache keys a seed expires: the seed snapshots the articles it is about
 * to change, writes, snapshots them again, and names exactly the keys whose
 * data differs (db/cache-keys.ts says what each key covers). Then it records
 * them in the seeds table in the same transaction, so a seed that fails or is
 * killed records nothing, and every server follows the record.
 */

type Tx = Pick<AppDatabase, 'all' | 'insert' | 'delete' | 'select'>;

/** What readers can see of one article, as the keys divide it. */
export type ArticleState = {
  id: number;
  /** Everything a card or link shows, serialized for comparison. */
  card: string;
  /** Everything on its own page (the whole row). */
  page: string;
  /** The words search indexes. */
  searchText: string;
  sectionSlug: string;
  sectionName: string;
  /** Every author of its byline, in order (article_authors; the first is articles.author_id). */
  authorIds: number[];
  /** Its correction notices, serialized: what /corrections shows of it. */
  corrections: string;
  publishedAt: string;
  updatedAt: string | null;
  /** The "Read more" list in order, serialized. */
  links: string;
  /** Articles it links to, and articles that link to it. */
  targets: number[];
  sources: number[];
  tags: { slug: string; name: string }[];
  /** The stored photos it shows (hero, video poster, body), by hash. */
  photos: string[];
};

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

type Row = {
  id: number;
  slug: string;
  title: string;
  dek: string | null;
  section: string;
  section_slug: string;
  author_id: number;
  published_at: string;
  updated_at: string | null;
  image_src: string | null;
  image_alt: string | null;
  image_caption: string | null;
  image_credit: string | null;
  video_poster: string | null;
  image_hash: string | null;
  excerpt: string | null;
  video_poster_hash: string | null;
  body_images: string | null;
  content_hash: string;
  body: string;
};

/** The state of the articles with these ids, as the database holds them now (a missing id is simply absent). */
export function snapshotArticles(tx: Tx, ids: Iterable<number>): Map<number, ArticleState> {
  const states = new Map<number, ArticleState>();
  for (const chunk of chunks([...new Set(ids)])) {
    const list = sql.join(chunk.map((id) => sql`${id}`), sql`, `);
    for (const row of tx.all<Row>(sql`
      SELECT id, slug, title, dek, section, section_slug, author_id, published_at, updated_at,
             image_src, image_alt, image_caption, image_credit, video_poster, image_hash, video_poster_hash, body_images, excerpt, content_hash, body
      FROM articles WHERE id IN (${list})`)) {
      states.set(row.id, {
        id: row.id,
        card: JSON.stringify([row.slug, row.title, row.dek, row.section, row.section_slug, row.author_id, row.published_at, row.updated_at, row.image_src, row.image_alt, row.image_caption, row.image_credit, row.video_poster, row.image_hash, row.video_poster_hash, row.excerpt]),
        page: row.content_hash,
        searchText: JSON.stringify([row.title, row.dek, row.body]),
        sectionSlug: row.section_slug,
        sectionName: row.section,
        authorIds: [],
        corrections: '[]',
        publishedAt: row.published_at,
        updatedAt: row.updated_at,
        links: '',
        targets: [],
        sources: [],
        tags: [],
        photos: [
          ...[row.image_hash, row.video_poster_hash].filter((hash): hash is string => hash !== null),
          ...(row.body_images ? Object.values(JSON.parse(row.body_images) as Record<string, { hash: string }>).map((image) => image.hash) : []),
        ],
      });
    }
    const links: Record<number, unknown[]> = {};
    for (const link of tx.all<{ article_id: number; target_article_id: number | null; url: string | null; title: string | null }>(sql`
      SELECT article_id, target_article_id, url, title FROM related_links WHERE article_id IN (${list}) ORDER BY article_id, position`)) {
      (links[link.article_id] ??= []).push(link.target_article_id ?? [link.url, link.title]);
      if (link.target_article_id !== null) states.get(link.article_id)?.targets.push(link.target_article_id);
    }
    for (const [id, list] of Object.entries(links)) states.get(Number(id))!.links = JSON.stringify(list);
    for (const link of tx.all<{ source: number; target: number }>(sql`
      SELECT article_id AS source, target_article_id AS target FROM related_links WHERE target_article_id IN (${list})`)) {
      states.get(link.target)?.sources.push(link.source);
    }
    for (const byline of tx.all<{ article_id: number; author_id: number }>(sql`
      SELECT article_id, author_id FROM article_authors WHERE article_id IN (${list}) ORDER BY article_id, position`)) {
      states.get(byline.article_id)?.authorIds.push(byline.author_id);
    }
    const corrections: Record<number, unknown[]> = {};
    for (const correction of tx.all<{ article_id: number; corrected_at: string; text: string }>(sql`
      SELECT article_id, corrected_at, text FROM article_corrections WHERE article_id IN (${list}) ORDER BY article_id, position`)) {
      (corrections[correction.article_id] ??= []).push([correction.corrected_at, correction.text]);
    }
    for (const [id, list] of Object.entries(corrections)) states.get(Number(id))!.corrections = JSON.stringify(list);
    for (const tag of tx.all<{ article_id: number; slug: string; name: string }>(sql`
      SELECT article_id, slug, name FROM article_tags WHERE article_id IN (${list}) ORDER BY article_id, position`)) {
      states.get(tag.article_id)?.tags.push({ slug: tag.slug, name: tag.name });
    }
  }
  return states;
}

/** The photos these articles show, as a comparable string: when it is the same before and after a write, no photo was orphaned or shown again. */
export function photosShown(states: Map<number, ArticleState>): string {
  const hashes = new Set<string>();
  for (const state of states.values()) for (const hash of state.photos) hashes.add(hash);
  return [...hashes].sort().join(' ');
}

/** The sections that exist and their names, serialized: the front page's list of sections. */
export function snapshotSections(tx: Tx): string {
  return JSON.stringify(tx.all(sql`SELECT DISTINCT section_slug, section FROM articles ORDER BY section_slug, section`));
}

/** Adds to `keys` every key whose data differs between `before` and `after` (an id in only one of them was removed or added). */
export function articleKeys(before: Map<number, ArticleState>, after: Map<number, ArticleState>, keys: Set<string>): void {
  const add = (...names: string[]) => names.forEach((name) => keys.add(name));
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(id);
    const now = after.get(id);
    const either = [old, now].filter((state): state is ArticleState => state !== undefined);
    const listedIn = () => {
      // Its place in every list it is in: newest first everywhere.
      add(cacheKeys.latest, cacheKeys.urls);
      for (const state of either) {
        add(cacheKeys.section(state.sectionSlug), ...state.authorIds.map(cacheKeys.authorArticles));
        for (const tag of state.tags) add(cacheKeys.tag(tag.slug));
      }
    };
    if (!old || !now) {
      // Added or removed: every list it is (or was) in, the search index, and the stories it links with.
      listedIn();
      add(cacheKeys.search);
      if (either.some((state) => state.corrections !== '[]')) add(cacheKeys.corrections);
      for (const state of either) for (const target of state.targets) add(cacheKeys.linksTo(target));
      if (old) {
        add(cacheKeys.articleCard(id), cacheKeys.articlePage(id), cacheKeys.linksFrom(id), cacheKeys.linksTo(id));
        for (const source of old.sources) add(cacheKeys.linksFrom(source));
      }
      continue;
    }
    if (old.page !== now.page) add(cacheKeys.articlePage(id));
    if (old.card !== now.card) add(cacheKeys.articleCard(id));
    if (old.searchText !== now.searchText) add(cacheKeys.search);
    if (old.links !== now.links) {
      add(cacheKeys.linksFrom(id));
      const was = new Set(old.targets);
      const is = new Set(now.targets);
      for (const target of was) if (!is.has(target)) add(cacheKeys.linksTo(target));
      for (const target of is) if (!was.has(target)) add(cacheKeys.linksTo(target));
    }
    if (old.publishedAt !== now.publishedAt) {
      listedIn();
      // Dates rank the stories two links away on maps and in suggestions: the pages that read this story's
      // links from the other side (their neighbours' link keys) are ranked again.
      for (const target of new Set([...old.targets, ...now.targets])) add(cacheKeys.linksTo(target));
      for (const source of new Set([...old.sources, ...now.sources])) add(cacheKeys.linksFrom(source));
    }
    if (old.updatedAt !== now.updatedAt) add(cacheKeys.urls);
    if (old.sectionSlug !== now.sectionSlug || old.sectionName !== now.sectionName) {
      add(cacheKeys.section(old.sectionSlug), cacheKeys.section(now.sectionSlug), cacheKeys.urls);
    }
    // Every author who joins or leaves the byline: their pages and feeds list the story or stop listing it. (The
    // byline's order is the article's own page, and its lead author its card: p: and a: cover those.)
    const wasBy = new Set(old.authorIds);
    const isBy = new Set(now.authorIds);
    const joinedOrLeft = [...old.authorIds.filter((id) => !isBy.has(id)), ...now.authorIds.filter((id) => !wasBy.has(id))];
    if (joinedOrLeft.length > 0) add(...joinedOrLeft.map(cacheKeys.authorArticles), cacheKeys.urls);
    if (old.corrections !== now.corrections) add(cacheKeys.corrections);
    const oldTags = new Map(old.tags.map((tag) => [tag.slug, tag.name]));
    const newTags = new Map(now.tags.map((tag) => [tag.slug, tag.name]));
    for (const [slug, name] of oldTags) if (newTags.get(slug) !== name) add(cacheKeys.tag(slug), cacheKeys.urls);
    for (const [slug, name] of newTags) if (oldTags.get(slug) !== name) add(cacheKeys.tag(slug), cacheKeys.urls);
  }
}

/** Above this many keys, naming them costs more than forgetting every cached page. */
export const MAX_NAMED_KEYS = 20_000;

/** How many seeds the record keeps: a server that missed more than this many forgets its whole cache. */
export const SEEDS_KEPT = 500;

/**
 * Records a seed and the keys it expired (inside the seed's transaction). Returns the keys it expired,
 * sorted, or 'all'. A seed that changed nothing is recorded too (the time of the last seed).
 */
export function recordSeed(tx: Tx, keys: Set<string>, at = new Date()): string[] | 'all' {
  const all = keys.has(EVERY_KEY) || keys.size > MAX_NAMED_KEYS;
  const sorted = [...keys].sort();
  tx.insert(seeds).values({ seededAt: at.toISOString(), expiredKeys: all ? EVERY_KEY : sorted.join(' ') }).run();
  // The record cannot grow without bound.
  const oldestKept = tx.select({ id: seeds.id }).from(seeds).orderBy(desc(seeds.id)).limit(1).offset(SEEDS_KEPT - 1).get();
  if (oldestKept) tx.delete(seeds).where(lt(seeds.id, oldestKept.id)).run();
  return all ? 'all' : sorted;
}

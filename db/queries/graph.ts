import 'server-only';
import { sql } from 'drizzle-orm';
import { type HopCandidate, MAX_MAP_NODES, type MapNode, type Neighbourhood, trimNeighbourhood } from '@/lib/graph/neighbourhood';
import { scoreSuggestions, type PathVia, type StoryRef, type Suggestion } from '@/lib/graph/suggestions';
import { getDb } from './connection';

/** How many "Stories that link here" an article page lists (the map shows the rest). */
export const BACKLINKS_SHOWN = 10;
/** Bounds on what the suggestion queries read around very popular stories. */
const MAX_PATH_ROWS = 5000;
const MAX_TAG_CANDIDATES = 50;
const MAX_SECTION_CANDIDATES = 10;

type StoryRow = { id: number; slug: string; title: string; published_at: string };
const story = (row: StoryRow): StoryRef => ({ id: row.id, slug: row.slug, title: row.title, publishedAt: row.published_at });

/** A's neighbours in either direction, as a CTE usable in the queries below. */
const neighbours = (id: number) => sql`n1(id) AS (
  SELECT target_article_id FROM related_links WHERE article_id = ${id} AND target_article_id IS NOT NULL
  UNION SELECT article_id FROM related_links WHERE target_article_id = ${id}
)`;

export type ArticleGraph = { backlinks: StoryRef[]; backlinkCount: number; suggestions: Suggestion[] };

/**
 * Everything an article page shows from the graph beyond its own "Read more"
 * list, in four queries whatever the graph looks like: the backlinks, the
 * two-hop paths, the tag matches and the section's newest stories.
 */
export function getArticleGraph(
  article: { id: number; section: string; sectionSlug: string; tags: { name: string; slug: string }[]; curatedIds: number[]; placesTaken: number },
): ArticleGraph {
    const db = getDb();
    const backlinkRows = db.all<StoryRow & { total: number }>(sql`
      SELECT a.id, a.slug, a.title, a.published_at, count(*) OVER () AS total
      FROM related_links l JOIN articles a ON a.id = l.article_id
      WHERE l.target_article_id = ${article.id}
      ORDER BY a.published_at DESC, a.slug
      LIMIT ${BACKLINKS_SHOWN}`);
    const backlinks = backlinkRows.map(story);
    const shown = new Set([...article.curatedIds, ...backlinks.map((b) => b.id)]);

    let suggestions: Suggestion[] = [];
    if (article.placesTaken < 5) {
      const pathRows = db.all<{ src: number; dst: number; src_slug: string; src_title: string; src_published: string; dst_slug: string; dst_title: string; dst_published: string; src_is_n1: number; dst_is_n1: number }>(sql`
        WITH ${neighbours(article.id)}
        SELECT l.article_id AS src, l.target_article_id AS dst,
               s.slug AS src_slug, s.title AS src_title, s.published_at AS src_published,
               d.slug AS dst_slug, d.title AS dst_title, d.published_at AS dst_published,
               l.article_id IN n1 AS src_is_n1, l.target_article_id IN n1 AS dst_is_n1
        FROM related_links l
        JOIN articles s ON s.id = l.article_id
        JOIN articles d ON d.id = l.target_article_id
        WHERE (l.article_id IN n1 OR l.target_article_id IN n1)
          AND l.article_id != ${article.id} AND l.target_article_id != ${article.id}
        LIMIT ${MAX_PATH_ROWS}`);
      const paths: PathVia[] = [];
      for (const row of pathRows) {
        const src = { id: row.src, slug: row.src_slug, title: row.src_title, publishedAt: row.src_published };
        const dst = { id: row.dst, slug: row.dst_slug, title: row.dst_title, publishedAt: row.dst_published };
        if (row.src_is_n1) paths.push({ candidate: dst, via: src, direction: 'linked-from' });
        if (row.dst_is_n1) paths.push({ candidate: src, via: dst, direction: 'links-to' });
      }

      const tagSlugs = article.tags.map((tag) => tag.slug);
      const tagRows =
        tagSlugs.length === 0
          ? []
          : db.all<StoryRow & { tag_slugs: string }>(sql`
              SELECT a.id, a.slug, a.title, a.published_at, group_concat(t.slug, char(31)) AS tag_slugs
              FROM article_tags t JOIN articles a ON a.id = t.article_id
              WHERE t.slug IN (${sql.join(tagSlugs.map((slug) => sql`${slug}`), sql`, `)}) AND t.article_id != ${article.id}
              GROUP BY a.id
              ORDER BY count(*) DESC, a.published_at DESC, a.slug
              LIMIT ${MAX_TAG_CANDIDATES}`);
      const sectionRows = db.all<StoryRow>(sql`
        SELECT id, slug, title, published_at FROM articles
        WHERE section_slug = ${article.sectionSlug} AND id != ${article.id}
        ORDER BY published_at DESC, slug
        LIMIT ${MAX_SECTION_CANDIDATES}`);

      suggestions = scoreSuggestions({
        article,
        placesTaken: article.placesTaken,
        shown,
        paths,
        tagMatches: tagRows.map((row) => ({ candidate: story(row), tagSlugs: row.tag_slugs.split('\u001f') })),
        sectionMatches: sectionRows.map(story),
      });
    }
    return { backlinks, backlinkCount: backlinkRows[0]?.total ?? 0, suggestions };
}

/**
 * The map's neighbourhood of an article, in two queries: the candidate nodes
 * (one and two links away, the second ring already ranked and cut in SQL),
 * then the links between the kept nodes. See lib/graph/neighbourhood.ts.
 */
export function getNeighbourhood(center: MapNode): Neighbourhood {
  const db = getDb();
  const rows = db.all<StoryRow & { distance: 1 | 2; out_position: number | null; ties: number; two_hop_total: number }>(sql`
    WITH ${neighbours(center.id)},
    hop2(id, ties) AS (
      SELECT other, count(*) FROM (
        SELECT target_article_id AS other FROM related_links WHERE article_id IN n1 AND target_article_id IS NOT NULL
        UNION ALL
        SELECT article_id FROM related_links WHERE target_article_id IN n1
      )
      WHERE other != ${center.id} AND other NOT IN n1
      GROUP BY other
    ),
    ranked AS (
      SELECT a.id, a.slug, a.title, a.published_at, 2 AS distance, NULL AS out_position, hop2.ties, count(*) OVER () AS two_hop_total
      FROM hop2 JOIN articles a ON a.id = hop2.id
      ORDER BY hop2.ties DESC, a.published_at DESC, a.slug
      LIMIT ${MAX_MAP_NODES}
    )
    SELECT a.id, a.slug, a.title, a.published_at, 1 AS distance,
           (SELECT min(position) FROM related_links WHERE article_id = ${center.id} AND target_article_id = a.id) AS out_position,
           0 AS ties, 0 AS two_hop_total
    FROM n1 JOIN articles a ON a.id = n1.id
    UNION ALL
    SELECT * FROM ranked`);
  const candidates: HopCandidate[] = rows.map((row) => ({
    ...story(row),
    distance: row.distance,
    outPosition: row.out_position,
    ties: row.ties,
  }));
  const twoHopTotal = rows.find((row) => row.distance === 2)?.two_hop_total ?? 0;
  const ids = [center.id, ...candidates.map((node) => node.id)];
  const edges = db.all<{ from: number; to: number }>(sql`
    SELECT article_id AS "from", target_article_id AS "to" FROM related_links
    WHERE article_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      AND target_article_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
    ORDER BY article_id, position`);
  return trimNeighbourhood(center, candidates, twoHopTotal, edges);
}

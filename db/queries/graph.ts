import 'server-only';
import { sql } from 'drizzle-orm';
import { type HopCandidate, MAX_MAP_NODES, type MapNode, type Neighbourhood, trimNeighbourhood } from '@/lib/graph/neighbourhood';
import { scoreSuggestions, SUGGESTION_PLACES, type PathVia, type StoryRef, type Suggestion } from '@/lib/graph/suggestions';
import type { Article } from '@/lib/types';
import { cacheKeys } from '../cache-keys';
import { getDb, publishedWhere } from './connection';
import { dependOn } from './keys';

/** How many "Stories that link here" an article page lists (the map shows the rest). */
export const BACKLINKS_SHOWN = 10;
/**
 * Bounds on what suggestions read around very popular stories, so an article
 * page costs the same whatever links to it: up to 50 of the stories linking
 * to A and to each neighbour (the most recently added), the 50 newest stories
 * of each tag and the 10 newest of the section.
 */
const INCOMING_NEIGHBOURS = 50;
const INCOMING_PER_NEIGHBOUR = 50;
const TAG_CANDIDATES = 50;
const MAX_SECTION_CANDIDATES = 10;

type Prefixed<P extends string> = { [K in `${P}_slug` | `${P}_title` | `${P}_published`]: string };

type StoryRow = { id: number; slug: string; title: string; published_at: string };
const story = (row: StoryRow): StoryRef => ({ id: row.id, slug: row.slug, title: row.title, publishedAt: row.published_at });

/** A's neighbours for suggestions: everything A links to, and the most recently added stories linking to A. */
const boundedNeighbours = (id: number) => sql`n1(id) AS (
  SELECT target_article_id FROM related_links WHERE article_id = ${id} AND target_article_id IS NOT NULL
  UNION SELECT article_id FROM (SELECT article_id FROM related_links WHERE target_article_id = ${id} ORDER BY rowid DESC LIMIT ${INCOMING_NEIGHBOURS})
)`;

/** A's neighbours in either direction, as a CTE usable in the queries below. */
const neighbours = (id: number) => sql`n1(id) AS (
  SELECT target_article_id FROM related_links WHERE article_id = ${id} AND target_article_id IS NOT NULL
  UNION SELECT article_id FROM related_links WHERE target_article_id = ${id}
)`;

export type ArticleGraph = { backlinks: StoryRef[]; backlinkCount: number; suggestions: Suggestion[] };

/** The graph sections of an article page, for an article as getArticle returns it. */
export function getGraphForArticle(article: Article): ArticleGraph {
  return getArticleGraph({
    id: article.id,
    section: article.section,
    sectionSlug: article.sectionSlug,
    tags: article.tags,
    curatedIds: article.related.flatMap((item) => (item.kind === 'article' ? [item.id] : [])),
    placesTaken: article.related.length,
  });
}

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
    dependOn([cacheKeys.linksFrom(article.id), cacheKeys.linksTo(article.id), ...backlinks.map((backlink) => cacheKeys.articleCard(backlink.id))]);
    const shown = new Set([...article.curatedIds, ...backlinks.map((backlink) => backlink.id)]);

    let suggestions: Suggestion[] = [];
    if (article.placesTaken < SUGGESTION_PLACES) {
      // Paths of two links from A, either direction, through A's neighbours (bounded around popular stories).
      // Also one row per neighbour with no candidate: whatever links to or from a neighbour later can change the list.
      const pathRows = db.all<{ candidate: number | null; via: number; direction: 'linked-from' | 'links-to' | 'neighbour' } & Prefixed<'c'> & Prefixed<'v'>>(sql`
        WITH ${boundedNeighbours(article.id)},
        paths(candidate, via, direction) AS (
          SELECT l.target_article_id, n1.id, 'linked-from' FROM n1 JOIN related_links l ON l.article_id = n1.id
          WHERE l.target_article_id IS NOT NULL
          UNION ALL
          SELECT l.article_id, n1.id, 'links-to' FROM n1 JOIN related_links l ON l.rowid IN (
            SELECT rowid FROM related_links WHERE target_article_id = n1.id ORDER BY rowid DESC LIMIT ${INCOMING_PER_NEIGHBOUR})
        )
        SELECT p.candidate, p.via, p.direction,
               c.slug AS c_slug, c.title AS c_title, c.published_at AS c_published,
               v.slug AS v_slug, v.title AS v_title, v.published_at AS v_published
        -- CROSS JOIN keeps the paths as the outer loop (SQLite's order hint): with the published-story test on c and v
        -- the planner otherwise ran the paths once per story, a second at 3,000 stories.
        FROM paths p CROSS JOIN main.articles c ON c.id = p.candidate CROSS JOIN main.articles v ON v.id = p.via
        WHERE p.candidate != ${article.id} AND ${sql.raw(publishedWhere('c'))} AND ${sql.raw(publishedWhere('v'))}
        UNION ALL
        SELECT NULL, id, 'neighbour', NULL, NULL, NULL, NULL, NULL, NULL FROM n1`);
      const paths: PathVia[] = [];
      const neighbourIds: number[] = [];
      for (const row of pathRows) {
        if (row.candidate === null || row.direction === 'neighbour') {
          neighbourIds.push(row.via);
          continue;
        }
        paths.push({
          candidate: { id: row.candidate, slug: row.c_slug, title: row.c_title, publishedAt: row.c_published },
          via: { id: row.via, slug: row.v_slug, title: row.v_title, publishedAt: row.v_published },
          direction: row.direction,
        });
      }

      // The newest stories of each of A's tags: one index range per tag, in one statement.
      const tagRows =
        article.tags.length === 0
          ? []
          : db.all<StoryRow & { tag: string }>(sql`
              SELECT a.id, a.slug, a.title, a.published_at, t.tag
              FROM (${sql.join(
                article.tags.map(
                  (tag) => sql`SELECT * FROM (SELECT article_id, slug AS tag FROM article_tags WHERE slug = ${tag.slug} AND article_id != ${article.id} ORDER BY published_at DESC LIMIT ${TAG_CANDIDATES})`,
                ),
                sql` UNION ALL `,
              )}) t
              JOIN articles a ON a.id = t.article_id`);
      const byCandidate = new Map<number, { candidate: StoryRef; tagSlugs: string[] }>();
      for (const row of tagRows) {
        const entry = byCandidate.get(row.id) ?? { candidate: story(row), tagSlugs: [] };
        entry.tagSlugs.push(row.tag);
        byCandidate.set(row.id, entry);
      }

      const sectionRows = db.all<StoryRow>(sql`
        SELECT id, slug, title, published_at FROM articles
        WHERE section_slug = ${article.sectionSlug} AND id != ${article.id}
        ORDER BY published_at DESC, slug
        LIMIT ${MAX_SECTION_CANDIDATES}`);

      // Scores read the links around every neighbour, each candidate's headline and date, and the tag and
      // section lists: any of them changing can change the list.
      dependOn([
        ...neighbourIds.flatMap((id) => [cacheKeys.linksFrom(id), cacheKeys.linksTo(id)]),
        ...paths.flatMap((path) => [cacheKeys.articleCard(path.candidate.id), cacheKeys.articleCard(path.via.id)]),
        ...article.tags.map((tag) => cacheKeys.tag(tag.slug)),
        ...[...byCandidate.values()].map((entry) => cacheKeys.articleCard(entry.candidate.id)),
        cacheKeys.section(article.sectionSlug),
        ...sectionRows.map((row) => cacheKeys.articleCard(row.id)),
      ]);
      suggestions = scoreSuggestions({
        article,
        placesTaken: article.placesTaken,
        shown,
        paths,
        tagMatches: [...byCandidate.values()],
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
  // Which stories are drawn depends on the links around the centre and its neighbours (and the dates that
  // rank the second ring: a seed that changes a date expires its neighbours' link keys); each drawn story
  // shows its headline and its own links.
  dependOn([
    cacheKeys.articleCard(center.id),
    cacheKeys.linksFrom(center.id),
    cacheKeys.linksTo(center.id),
    ...candidates.flatMap((node) =>
      node.distance === 1
        ? [cacheKeys.articleCard(node.id), cacheKeys.linksFrom(node.id), cacheKeys.linksTo(node.id)]
        : [cacheKeys.articleCard(node.id), cacheKeys.linksFrom(node.id)],
    ),
  ]);
  const ids = [center.id, ...candidates.map((node) => node.id)];
  const edges = db.all<{ from: number; to: number }>(sql`
    SELECT article_id AS "from", target_article_id AS "to" FROM related_links
    WHERE article_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      AND target_article_id IN (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
    ORDER BY article_id, position`);
  return trimNeighbourhood(center, candidates, twoHopTotal, edges);
}

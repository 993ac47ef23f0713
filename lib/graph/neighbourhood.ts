/**
 * The part of the "Read more" graph around one article that its map shows:
 * the article, every story one link away in either direction, and stories two
 * links away. At most MAX_MAP_NODES are kept, by this rule:
 *   1. the article itself;
 *   2. stories it links to, in the editor's order;
 *   3. stories that link to it, newest first;
 *   4. stories two links away, most connected first (the number of links they
 *      have with the stories in 2 and 3), then newest, then by slug.
 * Whatever does not fit is counted in `omitted`.
 */
export const MAX_MAP_NODES = 50;

export type MapNode = { id: number; slug: string; title: string; publishedAt: string; distance: 0 | 1 | 2 };
export type MapEdge = { from: number; to: number };
export type Neighbourhood = { center: MapNode; nodes: MapNode[]; edges: MapEdge[]; omitted: number };

export type HopCandidate = MapNode & { outPosition: number | null; ties: number };

/** Orders and trims the candidates by the rule above; `edges` are then filtered to the kept nodes. */
export function trimNeighbourhood(center: MapNode, candidates: HopCandidate[], twoHopTotal: number, edges: MapEdge[]): Neighbourhood {
  const newest = (a: HopCandidate, b: HopCandidate) => b.publishedAt.localeCompare(a.publishedAt) || a.slug.localeCompare(b.slug);
  const outgoing = candidates.filter((node) => node.distance === 1 && node.outPosition !== null).sort((a, b) => a.outPosition! - b.outPosition!);
  const incoming = candidates.filter((node) => node.distance === 1 && node.outPosition === null).sort(newest);
  const twoHops = candidates.filter((node) => node.distance === 2).sort((a, b) => b.ties - a.ties || newest(a, b));
  const ordered = [...outgoing, ...incoming, ...twoHops];
  const kept = ordered.slice(0, MAX_MAP_NODES - 1).map((node): MapNode => ({ id: node.id, slug: node.slug, title: node.title, publishedAt: node.publishedAt, distance: node.distance }));
  const ids = new Set([center.id, ...kept.map((node) => node.id)]);
  const oneHopTotal = outgoing.length + incoming.length;
  return {
    center,
    nodes: [center, ...kept],
    edges: edges.filter((edge) => ids.has(edge.from) && ids.has(edge.to)),
    omitted: oneHopTotal + twoHopTotal - kept.length,
  };
}

import type { MapEdge, MapNode, Neighbourhood } from './neighbourhood';

/**
 * A deterministic radial layout, computed on the server: the article in the
 * middle, stories one link away on an inner ring in the map's order, stories
 * two links away on an outer ring, each placed near the first inner story it
 * is linked with. Outer nodes alternate between two radii so their labels do
 * not collide. The same neighbourhood always gives the same picture.
 */
export const MAP_WIDTH = 1200;
export const MAP_HEIGHT = 1000;
const CENTER = { x: MAP_WIDTH / 2, y: MAP_HEIGHT / 2 };
const INNER_RADIUS = 210;
const OUTER_RADII = [360, 430];
export const NODE_RADIUS = 11;
const LABEL_LENGTH = 34;

export type PlacedNode = MapNode & { x: number; y: number; label: string; anchor: 'start' | 'middle' | 'end'; labelX: number; labelY: number };
export type PlacedEdge = MapEdge & { x1: number; y1: number; x2: number; y2: number };
/** `viewBox` is cropped to what is drawn, so a small neighbourhood is not a speck in a big frame. */
export type MapLayout = { nodes: PlacedNode[]; edges: PlacedEdge[]; viewBox: string };

const round = (value: number) => Math.round(value * 10) / 10;

export function shortLabel(title: string): string {
  return title.length <= LABEL_LENGTH ? title : `${title.slice(0, LABEL_LENGTH - 1).trimEnd()}…`;
}

export function layoutNeighbourhood(hood: Neighbourhood): MapLayout {
  const inner = hood.nodes.filter((node) => node.distance === 1);
  const outer = hood.nodes.filter((node) => node.distance === 2);
  const innerIndex = new Map(inner.map((node, index) => [node.id, index]));

  // Each outer node follows the first inner node it is linked with.
  const parentOf = (node: MapNode) => {
    let best = Number.POSITIVE_INFINITY;
    for (const edge of hood.edges) {
      const other = edge.from === node.id ? edge.to : edge.to === node.id ? edge.from : undefined;
      const index = other === undefined ? undefined : innerIndex.get(other);
      if (index !== undefined && index < best) best = index;
    }
    return best;
  };
  const outerOrdered = outer.map((node) => ({ node, parent: parentOf(node) })).sort((a, b) => a.parent - b.parent || a.node.slug.localeCompare(b.node.slug));

  const placed = new Map<number, PlacedNode>();
  const place = (node: MapNode, radius: number, angle: number) => {
    const x = CENTER.x + radius * Math.cos(angle);
    const y = CENTER.y + radius * Math.sin(angle);
    const dx = Math.cos(angle);
    const anchor = radius === 0 ? 'middle' : dx > 0.3 ? 'start' : dx < -0.3 ? 'end' : 'middle';
    const labelX = radius === 0 ? x : x + dx * (NODE_RADIUS + 6);
    const labelY = radius === 0 ? y + NODE_RADIUS + 20 : anchor === 'middle' ? y + Math.sign(Math.sin(angle) || 1) * (NODE_RADIUS + 16) + 4 : y + 4;
    placed.set(node.id, { ...node, x: round(x), y: round(y), label: shortLabel(node.title), anchor, labelX: round(labelX), labelY: round(labelY) });
  };

  place(hood.center, 0, 0);
  const start = -Math.PI / 2;
  inner.forEach((node, index) => place(node, INNER_RADIUS, start + (index * 2 * Math.PI) / inner.length));
  outerOrdered.forEach(({ node }, index) => place(node, OUTER_RADII[index % 2]!, start + ((index + 0.5) * 2 * Math.PI) / outerOrdered.length));

  const edges = hood.edges.flatMap((edge): PlacedEdge[] => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) return [];
    const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    // Stop short of both circles so the arrowhead shows.
    const ux = (to.x - from.x) / length;
    const uy = (to.y - from.y) / length;
    return [{ ...edge, x1: round(from.x + ux * NODE_RADIUS), y1: round(from.y + uy * NODE_RADIUS), x2: round(to.x - ux * (NODE_RADIUS + 4)), y2: round(to.y - uy * (NODE_RADIUS + 4)) }];
  });
  const nodes = hood.nodes.map((node) => placed.get(node.id)!);
  return { nodes, edges, viewBox: cropTo(nodes) };
}

/** Room for labels: about 9 units a character at the map's font size. */
const LABEL_WIDTH = LABEL_LENGTH * 9;

function cropTo(nodes: PlacedNode[]): string {
  let [minX, minY, maxX, maxY] = [CENTER.x, CENTER.y, CENTER.x, CENTER.y];
  for (const node of nodes) {
    const left = node.anchor === 'end' ? node.labelX - LABEL_WIDTH : node.anchor === 'middle' ? node.labelX - LABEL_WIDTH / 2 : node.x - NODE_RADIUS;
    const right = node.anchor === 'start' ? node.labelX + LABEL_WIDTH : node.anchor === 'middle' ? node.labelX + LABEL_WIDTH / 2 : node.x + NODE_RADIUS;
    minX = Math.min(minX, left);
    maxX = Math.max(maxX, right);
    minY = Math.min(minY, node.y - NODE_RADIUS - 30, node.labelY - 20);
    maxY = Math.max(maxY, node.y + NODE_RADIUS + 10, node.labelY + 10);
  }
  const pad = 20;
  return [minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad].map(Math.round).join(' ');
}

import { describe, expect, it } from 'vitest';
import { type Box, fitLabel, LABEL_FONT_SIZE, layoutNeighbourhood, MIN_SCALE, spread, textWidth } from './layout';
import { type HopCandidate, MAX_MAP_NODES, type MapNode, trimNeighbourhood } from './neighbourhood';

const center: MapNode = { id: 0, slug: 'center', title: 'The centre', publishedAt: '2024-01-01', distance: 0 };
const candidate = (id: number, distance: 1 | 2, extra: Partial<HopCandidate> = {}): HopCandidate => ({
  id,
  slug: `s${id}`,
  title: `Story number ${id} with a long headline that needs shortening`,
  publishedAt: `2024-02-${String((id % 28) + 1).padStart(2, '0')}`,
  distance,
  outPosition: null,
  ties: 0,
  ...extra,
});

describe('trimNeighbourhood', () => {
  it('keeps the article, its own links in order, then incoming newest first, then the best-connected two-hop stories', () => {
    const candidates = [
      candidate(1, 1, { outPosition: 1 }),
      candidate(2, 1, { outPosition: 0 }),
      candidate(3, 1, { publishedAt: '2024-01-05' }),
      candidate(4, 1, { publishedAt: '2024-01-09' }),
      candidate(5, 2, { ties: 1 }),
      candidate(6, 2, { ties: 3 }),
    ];
    const hood = trimNeighbourhood(center, candidates, 2, [{ from: 0, to: 2 }, { from: 6, to: 1 }, { from: 99, to: 1 }]);
    expect(hood.nodes.map((node) => node.id)).toEqual([0, 2, 1, 4, 3, 6, 5]);
    expect(hood.edges).toEqual([{ from: 0, to: 2 }, { from: 6, to: 1 }]);
    expect(hood.omitted).toBe(0);
  });

  it(`keeps at most ${MAX_MAP_NODES} nodes and counts the rest`, () => {
    const candidates = [...Array.from({ length: 30 }, (_, i) => candidate(i + 1, 1)), ...Array.from({ length: 50 }, (_, i) => candidate(i + 100, 2, { ties: i % 5 }))];
    const hood = trimNeighbourhood(center, candidates, 70, []);
    expect(hood.nodes).toHaveLength(MAX_MAP_NODES);
    expect(hood.nodes.filter((node) => node.distance === 1)).toHaveLength(30);
    expect(hood.omitted).toBe(30 + 70 - 49);
    expect(hood.nodes.filter((node) => node.distance === 2).every((node) => candidates.find((c) => c.id === node.id)!.ties >= 3)).toBe(true);
  });
});

describe('layoutNeighbourhood', () => {
  const hood = trimNeighbourhood(
    center,
    [candidate(1, 1, { outPosition: 0 }), candidate(2, 1), candidate(3, 1, { outPosition: 1 }), candidate(4, 2, { ties: 2 }), candidate(5, 2, { ties: 1 })],
    2,
    [{ from: 0, to: 1 }, { from: 0, to: 3 }, { from: 2, to: 0 }, { from: 4, to: 3 }, { from: 1, to: 5 }],
  );

  // A hub: 49 stories one link away, long and wide headlines, links among them.
  const wide = ['WWWW MMMM WWWW MMMM WWWW MMMM WWWW', '東京国際映画祭のオープニング作品が発表されました', 'Short'];
  const title = (id: number) => wide[id % 7] ?? `Story number ${id} with a long headline that needs shortening`;
  const hub = trimNeighbourhood(
    center,
    Array.from({ length: 60 }, (_, i) => ({ ...candidate(i + 1, 1, { outPosition: i < 5 ? i : null }), title: title(i + 1) })),
    0,
    [...Array.from({ length: 5 }, (_, i) => ({ from: 0, to: i + 1 })), ...Array.from({ length: 55 }, (_, i) => ({ from: i + 6, to: i % 3 === 0 ? 0 : i + 1 }))],
  );
  // Both rings full: 8 stories one link away, 41 two links away, each linked with one of the eight.
  const rings = trimNeighbourhood(
    center,
    [...Array.from({ length: 8 }, (_, i) => candidate(i + 1, 1, { outPosition: i })), ...Array.from({ length: 41 }, (_, i) => ({ ...candidate(i + 100, 2, { ties: 1 }), title: title(i) }))],
    41,
    [...Array.from({ length: 8 }, (_, i) => ({ from: 0, to: i + 1 })), ...Array.from({ length: 41 }, (_, i) => ({ from: i + 100, to: (i % 8) + 1 }))],
  );
  const alone = trimNeighbourhood(center, [], 0, []);
  const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const inside = (inner: Box, outer: Box) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

  it.each([
    ['a small map', hood],
    ['a hub with 49 stories one link away', hub],
    ['a map with both rings full', rings],
    ['a story with no links', alone],
  ])('keeps every label and tap target apart and inside the picture: %s', (_, neighbourhood) => {
    const { nodes, viewBox, width, height } = layoutNeighbourhood(neighbourhood);
    const [x, y, w, h] = viewBox.split(' ').map(Number) as [number, number, number, number];
    expect([w, h]).toEqual([width, height]);
    const frame = { x, y, width: w, height: h };
    expect(nodes).toHaveLength(neighbourhood.nodes.length);
    for (const node of nodes) {
      const circle = { x: node.x - node.r, y: node.y - node.r, width: 2 * node.r, height: 2 * node.r };
      expect(inside(node.hit, frame), `${node.slug} is inside the viewBox`).toBe(true);
      expect(inside(circle, node.hit), `${node.slug}'s circle is inside its tap target`).toBe(true);
      expect(inside(node.labelBox, node.hit), `${node.slug}'s label is inside its tap target`).toBe(true);
      // At the smallest scale the map is drawn at, a tap target is at least 24 × 24 CSS pixels.
      expect(Math.min(node.hit.width, node.hit.height) * MIN_SCALE).toBeGreaterThanOrEqual(24);
      for (const other of nodes) {
        if (other === node) continue;
        expect(overlap(node.hit, other.hit), `${node.slug} and ${other.slug} do not overlap`).toBe(false);
      }
    }
  });

  it('draws labels no smaller than 11 CSS pixels, even when the map is shrunk to fit', () => {
    expect(LABEL_FONT_SIZE * MIN_SCALE).toBeGreaterThanOrEqual(11);
  });

  it('puts the article in the middle, one-hop stories on the inner ring and two-hop stories further out', () => {
    const { nodes } = layoutNeighbourhood(hood);
    const [middle, ...rest] = nodes;
    const radius = (node: { x: number; y: number }) => Math.hypot(node.x - middle!.x, node.y - middle!.y);
    const inner = rest.filter((node) => node.distance === 1).map(radius);
    const outer = rest.filter((node) => node.distance === 2).map(radius);
    expect(Math.max(...inner)).toBeLessThan(Math.min(...outer));
    expect(new Set(nodes.map((node) => `${node.x},${node.y}`)).size).toBe(nodes.length);
  });

  it('draws every edge with its direction, short of the circles', () => {
    const { edges, nodes } = layoutNeighbourhood(hood);
    expect(edges).toHaveLength(5);
    const at = new Map(nodes.map((node) => [node.id, node]));
    for (const edge of edges) {
      const from = at.get(edge.from)!;
      const to = at.get(edge.to)!;
      expect(Math.hypot(edge.x2 - to.x, edge.y2 - to.y)).toBeGreaterThan(10);
      expect(Math.hypot(edge.x1 - from.x, edge.y1 - from.y)).toBeLessThan(Math.hypot(edge.x2 - from.x, edge.y2 - from.y));
    }
  });

  it('draws two stories that link to each other as one line with an arrowhead at each end', () => {
    const both = trimNeighbourhood(center, [candidate(1, 1, { outPosition: 0 }), candidate(2, 1)], 0, [{ from: 0, to: 1 }, { from: 1, to: 0 }, { from: 2, to: 0 }]);
    const { edges } = layoutNeighbourhood(both);
    expect(edges.map(({ from, to, both }) => ({ from, to, both }))).toEqual([{ from: 0, to: 1, both: true }, { from: 2, to: 0, both: false }]);
  });

  it('shortens long labels to the room they have, at a word where it can', () => {
    expect(fitLabel('Short', 200)).toBe('Short');
    const headline = 'Netflix green-lights a sequel after 44 million holiday viewers';
    const label = fitLabel(headline, 200);
    expect(label.endsWith('…')).toBe(true);
    expect(headline.startsWith(`${label.slice(0, -1)} `)).toBe(true);
    expect(textWidth(label, LABEL_FONT_SIZE)).toBeLessThanOrEqual(200);
    expect(textWidth(fitLabel('x'.repeat(80), 200), LABEL_FONT_SIZE)).toBeLessThanOrEqual(200);
  });
});

describe('spread', () => {
  it('moves crowded values apart as little as it can, and leaves spaced ones alone', () => {
    expect(spread([0, 0, 0], 10)).toEqual([-10, 0, 10]);
    expect(spread([-100, 0, 5, 100], 10)).toEqual([-100, -2.5, 7.5, 100]);
  });
});

import { describe, expect, it } from 'vitest';
import { layoutNeighbourhood, shortLabel } from './layout';
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

  it('is the same picture every time, whatever order the input came in', () => {
    const first = layoutNeighbourhood(hood);
    const again = layoutNeighbourhood({ ...hood, edges: [...hood.edges].reverse() });
    expect(again.nodes).toEqual(first.nodes);
    expect(JSON.stringify(layoutNeighbourhood(hood))).toBe(JSON.stringify(first));
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

  it('shortens long labels', () => {
    expect(shortLabel('Short')).toBe('Short');
    expect(shortLabel('x'.repeat(80))).toHaveLength(34);
    expect(shortLabel('x'.repeat(80)).endsWith('…')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { type Box, fitLabel, LABEL_FONT_SIZE, layoutNeighbourhood, MIN_SCALE, ROW, spread, textWidth } from './layout';
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

  const MAPS = [
    ['a small map', hood],
    ['a hub with 49 stories one link away', hub],
    ['a map with both rings full', rings],
  ] as const;
  /** A node's circle as a box. */
  const circleOf = (node: { x: number; y: number; r: number }) => ({ x: node.x - node.r, y: node.y - node.r, width: 2 * node.r, height: 2 * node.r });
  /** The maps' non-trivial fixtures really have what the assertions below are about. */
  it('has fixtures with several stories on each side, on one ring or two', () => {
    expect(hood.nodes.filter((node) => node.distance === 2).length).toBeGreaterThan(1);
    expect(hub.nodes.filter((node) => node.distance === 1)).toHaveLength(49);
    expect(rings.nodes.filter((node) => node.distance === 1)).toHaveLength(8);
    expect(rings.nodes.filter((node) => node.distance === 2)).toHaveLength(41);
  });

  it.each(MAPS)('puts the article itself in the middle, largest, its headline centred under it: %s', (_, neighbourhood) => {
    const { nodes } = layoutNeighbourhood(neighbourhood);
    const [middle, ...rest] = nodes;
    expect(middle!.id).toBe(neighbourhood.center.id);
    expect([middle!.x, middle!.y, middle!.anchor]).toEqual([0, 0, 'middle']);
    expect(rest.every((node) => node.r < middle!.r)).toBe(true);
    expect(middle!.lines.join(' ')).toBe(neighbourhood.center.title);
    expect(Math.abs(middle!.labelBox.x + middle!.labelBox.width / 2)).toBeLessThanOrEqual(0.2);
    expect(middle!.labelBox.y).toBeGreaterThanOrEqual(middle!.r);
    // Stories on both sides of it.
    expect(rest.some((node) => node.x > 0) && rest.some((node) => node.x < 0)).toBe(true);
  });

  it.each(MAPS)('draws no label over another label or another story: %s', (_, neighbourhood) => {
    const { nodes } = layoutNeighbourhood(neighbourhood);
    const clashes: string[] = [];
    for (const node of nodes) {
      for (const other of nodes) {
        if (other === node) continue;
        if (overlap(node.labelBox, other.labelBox)) clashes.push(`${node.slug}'s label over ${other.slug}'s label`);
        if (overlap(node.labelBox, circleOf(other))) clashes.push(`${node.slug}'s label over ${other.slug}'s circle`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it.each(MAPS)('writes each label on the outer side of its story, never over its own circle: %s', (_, neighbourhood) => {
    const { nodes } = layoutNeighbourhood(neighbourhood);
    for (const node of nodes.slice(1)) {
      if (node.x > 0) {
        expect(node.anchor, node.slug).toBe('start');
        expect(node.labelBox.x, node.slug).toBeGreaterThanOrEqual(node.x + node.r);
      } else {
        expect(node.x, node.slug).toBeLessThan(0);
        expect(node.anchor, node.slug).toBe('end');
        expect(node.labelBox.x + node.labelBox.width, node.slug).toBeLessThanOrEqual(node.x - node.r);
      }
    }
  });

  it.each(MAPS)("labels each story with its headline, or the headline's beginning and an ellipsis: %s", (_, neighbourhood) => {
    const { nodes } = layoutNeighbourhood(neighbourhood);
    for (const node of nodes) {
      const label = node.lines.join(' ');
      if (label === node.title) continue;
      expect(label.endsWith('…'), `${node.slug}: ${label}`).toBe(true);
      expect(node.title.startsWith(label.slice(0, -1)), `${node.slug}: ${label}`).toBe(true);
    }
  });

  it.each(MAPS)('gives each story a row of its own on its side, as tall as its tap target and more: %s', (_, neighbourhood) => {
    const { nodes } = layoutNeighbourhood(neighbourhood);
    for (const side of [1, -1]) {
      const column = nodes.slice(1).filter((node) => Math.sign(node.x) === side).sort((a, b) => a.y - b.y);
      for (let k = 1; k < column.length; k++) {
        const [above, below] = [column[k - 1]!, column[k]!];
        expect(below.y - above.y, `${above.slug} and ${below.slug}`).toBeGreaterThanOrEqual(Math.max(ROW, above.hit.height + 2) - 0.2);
      }
    }
  });

  it.each(MAPS)('puts one-hop stories on an inner ring in the map\'s order, clockwise from the top, and two-hop stories further out: %s', (_, neighbourhood) => {
    const { nodes } = layoutNeighbourhood(neighbourhood);
    const [middle] = nodes;
    const radius = (node: { x: number; y: number }) => Math.hypot(node.x - middle!.x, node.y - middle!.y);
    // Clockwise from the top: down the right side, then up the left.
    const clockwise = (list: typeof nodes) => [...list.filter((node) => node.x > 0).sort((a, b) => a.y - b.y), ...list.filter((node) => node.x < 0).sort((a, b) => b.y - a.y)];
    const inner = nodes.filter((node) => node.distance === 1);
    const outer = nodes.filter((node) => node.distance === 2);
    // In the map's order (the editor's links first): the first half on the right, the rest on the left.
    expect(clockwise(inner).map((node) => node.slug)).toEqual(inner.map((node) => node.slug));
    const right = inner.filter((node) => node.x > 0).length;
    expect(Math.abs(right - (inner.length - right))).toBeLessThanOrEqual(1);
    if (outer.length === 0) return;
    expect(Math.max(...inner.map(radius))).toBeLessThan(Math.min(...outer.map(radius)));
    // Each two-hop story sits in the order of the one-hop story it is linked with.
    const position = new Map(inner.map((node, index) => [node.id, index]));
    const parent = (node: (typeof nodes)[number]) =>
      Math.min(...neighbourhood.edges.flatMap((edge) => [edge.from === node.id ? edge.to : edge.to === node.id ? edge.from : -1]).map((id) => position.get(id) ?? Infinity));
    const parents = clockwise(outer).map(parent);
    expect(parents.every(Number.isFinite)).toBe(true);
    expect(parents).toEqual([...parents].sort((a, b) => a - b));
  });

  it('writes long headlines on two lines on a small map, and on one line on a crowded one', () => {
    const small = layoutNeighbourhood(hood).nodes.slice(1);
    expect(small.every((node) => node.title.length > 40)).toBe(true);
    expect(small.map((node) => node.lines.length)).toEqual(small.map(() => 2));
    for (const crowded of [hub, rings]) expect(layoutNeighbourhood(crowded).nodes.slice(1).every((node) => node.lines.length === 1)).toBe(true);
  });

  it.each([...MAPS, ['a story with no links', alone] as const])('crops the picture to what it draws: %s', (_, neighbourhood) => {
    const { nodes, width, height, viewBox } = layoutNeighbourhood(neighbourhood);
    const [x, y] = viewBox.split(' ').map(Number) as [number, number];
    const boxes = nodes.flatMap((node) => [node.hit, circleOf(node)]);
    // No more than a row of empty margin on any side.
    expect(Math.min(...boxes.map((box) => box.x)) - x).toBeLessThanOrEqual(ROW);
    expect(Math.min(...boxes.map((box) => box.y)) - y).toBeLessThanOrEqual(ROW);
    expect(x + width - Math.max(...boxes.map((box) => box.x + box.width))).toBeLessThanOrEqual(ROW);
    expect(y + height - Math.max(...boxes.map((box) => box.y + box.height))).toBeLessThanOrEqual(ROW);
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

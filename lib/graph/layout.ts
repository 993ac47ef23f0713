import type { MapEdge, MapNode, Neighbourhood } from './neighbourhood';

/**
 * A deterministic radial layout, computed on the server and drawn at one SVG
 * unit per CSS pixel (never below MIN_SCALE): the article in the middle,
 * stories one link away on an inner ring in the map's order, stories two links
 * away on an outer ring, in the order of the inner story they are linked with.
 *
 * Labels never collide, by construction: every label sits on the outer side of
 * its node (right half: to the right, left half: to the left), and on each
 * half no two nodes share a row: nodes are pulled apart vertically until they
 * are at least a row apart (the least movement that does it), then set back on
 * their ring (an ellipse when a half holds more rows than the circle has room
 * for). A label, its node and the transparent hit area around both (the tap
 * target) fit in one row, so the tap targets do not overlap either. A small
 * map (up to TWO_LINE_MAX nodes a side) has taller rows and two-line labels.
 */

/** Label sizes in SVG units (CSS pixels at 1:1). */
export const LABEL_FONT_SIZE = 14;
export const CENTER_FONT_SIZE = 15;
/** Nodes on one side are at least a row apart vertically; each one's tap target is as tall as a row less 2 units. */
export const ROW = 30;
const TWO_LINE_ROW = 46;
const TWO_LINE_MAX = 8;
const LINE_HEIGHT = 1.2;
/** The map may shrink to this scale to fit its column, no further (it scrolls sideways instead): 14 px labels stay ≥ 12.6 px, tap targets ≥ 25 px. */
export const MIN_SCALE = 0.9;
/** Circle radius for the article (0), a story one link away (1) and one two links away (2). */
export const NODE_RADIUS = { 0: 16, 1: 11, 2: 8 } as const;

const INNER_RADIUS = 175;
const OUTER_RADIUS = 300;
/** Keeps the topmost and bottommost nodes of the two halves apart. */
const MIN_DX = 24;
const LABEL_GAP = 6;
const LABEL_MAX_WIDTH = 200;
const CENTER_LABEL_MAX_WIDTH = 250;
const PAD = 16;

export type Box = { x: number; y: number; width: number; height: number };
export type PlacedNode = MapNode & {
  x: number;
  y: number;
  r: number;
  /** The label as drawn: one line, or up to two on a small map and for the article in the middle. */
  lines: string[];
  /** `middle` for the article, else the side away from the centre. */
  anchor: 'start' | 'middle' | 'end';
  labelX: number;
  /** Baseline of the first line. */
  labelY: number;
  /** Estimated box of the label text. */
  labelBox: Box;
  /** The tap target: the node and its label. */
  hit: Box;
};
/** `both`: the stories link to each other (one line, an arrowhead at each end). */
export type PlacedEdge = MapEdge & { both: boolean; x1: number; y1: number; x2: number; y2: number };
/** `viewBox` is cropped to what is drawn; `width` and `height` are its size, the map's size in CSS pixels at 1:1. */
export type MapLayout = { nodes: PlacedNode[]; edges: PlacedEdge[]; viewBox: string; width: number; height: number };

const round = (value: number) => Math.round(value * 10) / 10;

/**
 * Advance widths in em of DejaVu Sans, the widest of the fonts `system-ui` resolves to (San Francisco, Segoe UI,
 * Roboto and Cantarell are narrower), grouped and rounded up: estimates err on the wide side.
 */
const WIDTH_GROUPS: [string, number][] = [
  ["iljIJ'", 0.3],
  [' ,.:;/\\|’‘f-·', 0.36],
  ['()[]tr!', 0.42],
  ['"“”?*_`scz–', 0.56],
  ['0123456789abdeghnopquvxykLPFTYS${}', 0.65],
  ['KABCERXZV', 0.71],
  ['UHNDGOQ&', 0.8],
  ['wM#+<=>^~', 0.87],
  ['mW%@…—', 1],
];
const WIDTHS = new Map(WIDTH_GROUPS.flatMap(([chars, width]) => [...chars].map((char) => [char, width] as const)));

function charWidth(char: string): number {
  const known = WIDTHS.get(char) ?? WIDTHS.get(char.normalize('NFD')[0] ?? '');
  if (known !== undefined) return known;
  // CJK, kana, hangul and other wide scripts take a full em; anything else, a wide letter's width.
  return /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef]/u.test(char) ? 1 : 0.8;
}

/** The estimated width of `text` in SVG units at `fontSize`; bold is about 15% wider (up to 28% for the narrowest letters). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) em += charWidth(char) * (bold ? 1.2 : 1);
  return em * fontSize;
}

/** `title`, cut at a word where it can be, with an ellipsis, so that it is at most `maxWidth` wide. */
export function fitLabel(title: string, maxWidth: number, fontSize = LABEL_FONT_SIZE, bold = false): string {
  const text = title.trim().replace(/\s+/g, ' ');
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const room = maxWidth - textWidth('…', fontSize, bold);
  const chars = [...text];
  let width = 0;
  let end = 0;
  while (end < chars.length && width + charWidth(chars[end]!) * (bold ? 1.2 : 1) * fontSize <= room) width += charWidth(chars[end++]!) * (bold ? 1.2 : 1) * fontSize;
  const cut = chars.slice(0, end).join('');
  const space = cut.lastIndexOf(' ');
  // Back up to the last word boundary unless that throws away more than a fifth of the room.
  const atWord = space > cut.length * 0.8 ? cut.slice(0, space) : cut;
  return `${atWord.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** Up to two lines of about `maxWidth` for the article in the middle, the second ending in an ellipsis if the title is longer. */
export function wrapLabel(title: string, maxWidth: number, fontSize: number, bold: boolean): string[] {
  const words = title.trim().split(/\s+/);
  let first = '';
  let index = 0;
  while (index < words.length) {
    const next = first ? `${first} ${words[index]}` : words[index]!;
    if (textWidth(next, fontSize, bold) > maxWidth) break;
    first = next;
    index++;
  }
  if (!first) return [fitLabel(title, maxWidth, fontSize, bold)];
  const rest = words.slice(index).join(' ');
  return rest ? [first, fitLabel(rest, maxWidth, fontSize, bold)] : [first];
}

/**
 * Moves the targets `t` (sorted) as little as possible (least squares) so that consecutive values are at least `gap`
 * apart: with z_k = y_k - k·gap the constraint is z non-decreasing, an isotonic regression (pool adjacent violators).
 */
export function spread(targets: number[], gap: number): number[] {
  const blocks: { sum: number; count: number }[] = [];
  targets.forEach((target, k) => {
    blocks.push({ sum: target - k * gap, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const before = blocks[blocks.length - 2]!;
      if (before.sum / before.count <= last.sum / last.count) break;
      blocks.pop();
      before.sum += last.sum;
      before.count += last.count;
    }
  });
  const out: number[] = [];
  for (const block of blocks) for (let i = 0; i < block.count; i++) out.push(block.sum / block.count + out.length * gap);
  return out;
}

type Slot = { node: MapNode; ring: 1 | 2; side: 1 | -1; target: number; order: number };

export function layoutNeighbourhood(neighbourhood: Neighbourhood): MapLayout {
  const inner = neighbourhood.nodes.filter((node) => node.distance === 1);
  const outer = neighbourhood.nodes.filter((node) => node.distance === 2);
  const innerIndex = new Map(inner.map((node, index) => [node.id, index]));

  // Each outer node follows the first inner node it is linked with.
  const parentOf = (node: MapNode) => {
    let best = Number.POSITIVE_INFINITY;
    for (const edge of neighbourhood.edges) {
      const other = edge.from === node.id ? edge.to : edge.to === node.id ? edge.from : undefined;
      const index = other === undefined ? undefined : innerIndex.get(other);
      if (index !== undefined && index < best) best = index;
    }
    return best;
  };
  const outerOrdered = outer
    .map((node) => ({ node, parent: parentOf(node) }))
    .sort((a, b) => a.parent - b.parent || a.node.slug.localeCompare(b.node.slug))
    .map(({ node }) => node);

  // Clockwise from the top: the first half of each ring on the right, the rest on the left. The inner ring starts
  // half a step past the top and the outer ring at it, so that small rings do not line up on one axis.
  const slots: Slot[] = [];
  const ring = (nodes: MapNode[], which: 1 | 2, radius: number, offset: number) =>
    nodes.forEach((node, index) => {
      const angle = -Math.PI / 2 + ((index + offset) * 2 * Math.PI) / nodes.length;
      slots.push({ node, ring: which, side: index + offset < nodes.length / 2 ? 1 : -1, target: radius * Math.sin(angle), order: slots.length });
    });
  ring(inner, 1, INNER_RADIUS, 0.5);
  ring(outerOrdered, 2, OUTER_RADIUS, 0);

  // One row per node on each side.
  const crowded = Math.max(...([1, -1] as const).map((side) => slots.filter((slot) => slot.side === side).length));
  const row = crowded <= TWO_LINE_MAX ? TWO_LINE_ROW : ROW;
  const dy = new Map<number, number>();
  for (const side of [1, -1] as const) {
    const column = slots.filter((slot) => slot.side === side).sort((a, b) => a.target - b.target || a.ring - b.ring || a.order - b.order);
    const ys = spread(
      column.map((slot) => slot.target),
      row,
    );
    column.forEach((slot, k) => dy.set(slot.node.id, ys[k]!));
  }
  // Back on the rings: ellipses as tall as their rows need.
  const reach = (which: 1 | 2) => Math.max(0, ...slots.filter((slot) => slot.ring === which).map((slot) => Math.abs(dy.get(slot.node.id)!)));
  const radiusY = { 1: Math.max(INNER_RADIUS, reach(1) + row), 2: Math.max(OUTER_RADIUS, reach(2) + row) };

  const placed = new Map<number, PlacedNode>();
  const center = neighbourhood.center;
  {
    const r = NODE_RADIUS[0];
    const lines = wrapLabel(center.title, CENTER_LABEL_MAX_WIDTH, CENTER_FONT_SIZE, true);
    const width = Math.max(...lines.map((line) => textWidth(line, CENTER_FONT_SIZE, true)));
    const labelY = r + 6 + CENTER_FONT_SIZE * 0.8;
    const labelBox = { x: -width / 2, y: r + 4, width, height: lines.length * LINE_HEIGHT * CENTER_FONT_SIZE + 2 };
    const half = Math.max(width / 2, r) + 4;
    const hit = { x: -half, y: -r - 4, width: 2 * half, height: labelBox.y + labelBox.height + 8 + r };
    placed.set(center.id, { ...center, x: 0, y: 0, r, lines, anchor: 'middle', labelX: 0, labelY: round(labelY), labelBox: roundBox(labelBox), hit: roundBox(hit) });
  }
  for (const slot of slots) {
    const { node, side } = slot;
    const r = NODE_RADIUS[slot.ring];
    const y = dy.get(node.id)!;
    const radius = slot.ring === 1 ? INNER_RADIUS : OUTER_RADIUS;
    const x = side * Math.max(MIN_DX, radius * Math.sqrt(Math.max(0, 1 - (y / radiusY[slot.ring]) ** 2)));
    const lines = row === TWO_LINE_ROW ? wrapLabel(node.title, LABEL_MAX_WIDTH, LABEL_FONT_SIZE, false) : [fitLabel(node.title, LABEL_MAX_WIDTH)];
    const width = Math.max(...lines.map((line) => textWidth(line, LABEL_FONT_SIZE)));
    const labelX = x + side * (r + LABEL_GAP);
    // Lines centred on the node: the first baseline sits a third of an em below the middle of its line.
    const labelY = y - ((lines.length - 1) * LINE_HEIGHT * LABEL_FONT_SIZE) / 2 + LABEL_FONT_SIZE * 0.35;
    const top = labelY - LABEL_FONT_SIZE * 0.95;
    const bottom = labelY + (lines.length - 1) * LINE_HEIGHT * LABEL_FONT_SIZE + LABEL_FONT_SIZE * 0.3;
    const labelBox = { x: side === 1 ? labelX : labelX - width, y: top, width, height: bottom - top };
    const near = x - side * (r + 3);
    const far = labelX + side * (width + 4);
    const hit = { x: Math.min(near, far), y: y - (row - 2) / 2, width: Math.abs(far - near), height: row - 2 };
    placed.set(node.id, {
      ...node,
      x: round(x),
      y: round(y),
      r,
      lines,
      anchor: side === 1 ? 'start' : 'end',
      labelX: round(labelX),
      labelY: round(labelY),
      labelBox: roundBox(labelBox),
      hit: roundBox(hit),
    });
  }

  // Two stories that link to each other share one line, with an arrowhead at each end.
  const links = new Set(neighbourhood.edges.map((edge) => `${edge.from}>${edge.to}`));
  const edges = neighbourhood.edges.flatMap((edge): PlacedEdge[] => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    const both = links.has(`${edge.to}>${edge.from}`);
    if (!from || !to || (both && edge.from > edge.to)) return [];
    const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
    // Stop short of both circles so the arrowheads show.
    const ux = (to.x - from.x) / length;
    const uy = (to.y - from.y) / length;
    const start = from.r + (both ? 4 : 1);
    const end = to.r + 4;
    return [{ ...edge, both, x1: round(from.x + ux * start), y1: round(from.y + uy * start), x2: round(to.x - ux * end), y2: round(to.y - uy * end) }];
  });
  const nodes = neighbourhood.nodes.map((node) => placed.get(node.id)!);

  // Crop to what is drawn.
  let [minX, minY, maxX, maxY] = [0, 0, 0, 0];
  for (const node of nodes) {
    minX = Math.min(minX, node.hit.x, node.x - node.r);
    minY = Math.min(minY, node.hit.y, node.y - node.r);
    maxX = Math.max(maxX, node.hit.x + node.hit.width, node.x + node.r);
    maxY = Math.max(maxY, node.hit.y + node.hit.height, node.y + node.r);
  }
  const [x, y, width, height] = [Math.floor(minX - PAD), Math.floor(minY - PAD), Math.ceil(maxX - minX + 2 * PAD), Math.ceil(maxY - minY + 2 * PAD)];
  return { nodes, edges, viewBox: `${x} ${y} ${width} ${height}`, width, height };
}

function roundBox(box: Box): Box {
  return { x: round(box.x), y: round(box.y), width: round(box.width), height: round(box.height) };
}

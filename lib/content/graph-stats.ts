import type { ArticleRecord } from './load';
import type { Problem } from './problems';

export type GraphStats = {
  articles: number;
  links: number;
  externalLinks: number;
  /** Weakly connected components: groups of stories joined by links in either direction. */
  components: number;
  /** The longest of all shortest paths following links in their direction, in links. */
  longestShortestPath: number;
  /** Exact when every story was a starting point; otherwise a lower bound from a sample of starting points. */
  longestShortestPathExact: boolean;
};

/** Above this many articles, the longest shortest path is estimated from this many starting points. */
export const EXACT_PATH_LIMIT = 5000;
const SAMPLED_STARTS = 64;

/** Articles nothing links to and that link to nothing: readers cannot reach them from another story. */
export function orphanWarnings(articles: ArticleRecord[]): Problem[] {
  const linked = new Set<string>();
  for (const article of articles) {
    for (const entry of article.related) {
      if (entry.kind !== 'article') continue;
      linked.add(entry.slug);
      linked.add(article.slug);
    }
  }
  return articles
    .filter((article) => !linked.has(article.slug))
    .map((article) => ({ file: article.sourceFile, field: 'related', message: 'no other story links here and this one links to none: readers cannot reach it from another story' }));
}

export function graphStats(articles: ArticleRecord[]): GraphStats {
  const index = new Map(articles.map((article, i) => [article.slug, i]));
  const out: number[][] = articles.map(() => []);
  let links = 0;
  let externalLinks = 0;
  const parent = articles.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  articles.forEach((article, from) => {
    for (const entry of article.related) {
      if (entry.kind === 'external') {
        externalLinks++;
        continue;
      }
      const to = index.get(entry.slug);
      if (to === undefined || to === from) continue;
      links++;
      out[from]!.push(to);
      parent[find(from)] = find(to);
    }
  });
  const components = new Set(articles.map((_, i) => find(i))).size;

  const exact = articles.length <= EXACT_PATH_LIMIT;
  const starts = exact ? articles.map((_, i) => i) : sampleStarts(articles.length);
  let longest = 0;
  const distance = new Int32Array(articles.length);
  const queue = new Int32Array(articles.length);
  for (const start of starts) {
    distance.fill(-1);
    distance[start] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    while (head < tail) {
      const node = queue[head++]!;
      for (const next of out[node]!) {
        if (distance[next] !== -1) continue;
        distance[next] = distance[node]! + 1;
        if (distance[next]! > longest) longest = distance[next]!;
        queue[tail++] = next;
      }
    }
  }
  return { articles: articles.length, links, externalLinks, components, longestShortestPath: longest, longestShortestPathExact: exact };
}

/** Evenly spread, deterministic starting points. */
function sampleStarts(count: number): number[] {
  return Array.from({ length: SAMPLED_STARTS }, (_, i) => Math.floor((i * count) / SAMPLED_STARTS));
}

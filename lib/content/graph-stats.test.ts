import { describe, expect, it } from 'vitest';
import { article, author, BODY, makeContentFolder } from '@/test/content-fixture';
import { graphStats, orphanWarnings } from './graph-stats';
import { formatProblem, readContent } from './index';

function folderWith(links: Record<string, string[]>, external: Record<string, number> = {}) {
  const folder = makeContentFolder();
  folder.write('authors/ada.md', author);
  for (const [slug, targets] of Object.entries(links)) {
    const related = [...targets.map((target) => ({ slug: target })), ...Array.from({ length: external[slug] ?? 0 }, (_, i) => ({ url: `https://example.com/${slug}/${i}`, title: 'Elsewhere' }))];
    folder.write(`articles/${slug}.md`, article({ related }), BODY);
  }
  return readContent(folder.dir);
}

describe('graph statistics', () => {
  it('counts links, components and the longest shortest path along link direction', () => {
    // a → b → c → d, d → a (a cycle), e ↔ f (a second component), g alone.
    const content = folderWith({ a: ['b'], b: ['c'], c: ['d'], d: ['a'], e: ['f'], f: ['e'], g: [] }, { a: 2 });
    expect(content.problems).toEqual([]);
    expect(graphStats(content.articles)).toEqual({ articles: 7, links: 6, externalLinks: 2, components: 3, longestShortestPath: 3, longestShortestPathExact: true });
  });

  it('warns about stories with no links in or out, and only those', () => {
    const content = folderWith({ a: ['b'], b: [], lonely: [] }, { lonely: 1 });
    expect(orphanWarnings(content.articles).map(formatProblem)).toEqual([
      'articles/lonely.md: related: no other story links here and this one links to none: readers cannot reach it from another story',
    ]);
  });

  it('is zero for an empty folder', () => {
    expect(graphStats([])).toEqual({ articles: 0, links: 0, externalLinks: 0, components: 0, longestShortestPath: 0, longestShortestPathExact: true });
  });
});

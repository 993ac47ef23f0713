/**
 * `npm run bench:search [-- --articles N]`: full-text search latency, uncached,
 * through the server's own query module (searchArticles: count, bm25 ranking,
 * highlights and snippets for a page of 20), over a generated corpus (default
 * 10,000 articles, cached in bench/.cache/). Queries mix common and rare words,
 * phrases, accents and operator-looking input.
 */
import { parseArgs } from 'node:util';
import { cachedCorpusDatabase, percentile } from './bench-support';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '20' } } });
const count = Number(values.articles);

const QUERIES = [
  'festival',
  'critics festival',
  '"record crowd"',
  'streaming premiere director',
  'Zürich',
  'zurich',
  'Ñuñoa',
  'kitchen AND chef',
  'title:festival',
  'sequel*',
  'NEAR(budget season)',
  'quiet loud early late small large local global',
  'xylophone',
  '🎬',
];

async function main() {
  const databaseFile = cachedCorpusDatabase({ count, links: 5, name: 'search' });
  process.env.DATABASE_PATH = databaseFile;
  const { searchArticles } = await import('@/db/queries/search');
  for (const query of QUERIES) searchArticles(query, 1);

  const all: number[] = [];
  console.log(`${'query'.padEnd(52)} ${'hits'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)}`);
  for (const query of QUERIES) {
    const times: number[] = [];
    let hits = 0;
    for (let round = 0; round < Number(values.rounds); round++) {
      const started = performance.now();
      hits = searchArticles(query, 1)?.pagination.total ?? 0;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    console.log(`${JSON.stringify(query).padEnd(52)} ${String(hits).padStart(6)} ${percentile(times, 50).toFixed(2).padStart(7)} ${percentile(times, 95).toFixed(2).padStart(7)}`);
  }
  all.sort((a, b) => a - b);
  console.log(`\nAll queries (${all.length} searches over ${count} articles): p50 ${percentile(all, 50).toFixed(2)} ms, p95 ${percentile(all, 95).toFixed(2)} ms`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

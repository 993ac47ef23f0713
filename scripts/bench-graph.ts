/**
 * `npm run bench:graph [-- --articles N] [--links L] [--samples S]`
 *
 * Measures the graph queries on a generated corpus (default 100,000 articles
 * with about 5 "Read more" entries each, ~500,000 links): the map's two-hop
 * neighbourhood and the article page's backlinks + suggestions, as latency
 * percentiles over deterministic samples of articles, with the number of SQL
 * statements each runs. Then it starts the production server on the same
 * database and measures article pages over HTTP, so the graph's share of an
 * article's server render time can be given. The corpus and its database are
 * kept in bench/.cache/ and reused.
 *
 * Runs with the react-server condition (package.json) so the server's own
 * query modules are measured, not copies.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { cachedCorpusDatabase, percentile, root } from './bench-support';

const { values } = parseArgs({
  options: { articles: { type: 'string', default: '100000' }, links: { type: 'string', default: '5' }, samples: { type: 'string', default: '2000' }, port: { type: 'string', default: '3210' } },
});
const count = Number(values.articles);
const samples = Number(values.samples);
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main() {
  const databaseFile = cachedCorpusDatabase({ count, links: Number(values.links), name: 'graph' });
  process.env.DATABASE_PATH = databaseFile;

  // Count SQL statements: every query better-sqlite3 runs is prepared first.
  let statements = 0;
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    statements++;
    return prepare.call(this, source);
  } as typeof prepare;

  const { getArticle } = await import('@/db/queries/articles');
  const { getGraphForArticle, getNeighbourhood } = await import('@/db/queries/graph');
  const { layoutNeighbourhood } = await import('@/lib/graph/layout');

  const db = new Database(databaseFile, { readonly: true });
  const stats = db.prepare('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM related_links WHERE target_article_id IS NOT NULL) AS links, (SELECT count(*) FROM related_links WHERE url IS NOT NULL) AS external').get() as { articles: number; links: number; external: number };
  const maxId = stats.articles;
  const ids = Array.from({ length: samples }, (_, i) => 1 + Math.floor(((i * 2654435761) % 4294967296) / 4294967296 * maxId));
  const slugs = ids.map((id) => (db.prepare('SELECT slug FROM articles WHERE id = ?').get(id) as { slug: string } | undefined)?.slug).filter((slug): slug is string => !!slug);
  db.close();
  console.log(`\nCorpus: ${stats.articles} articles, ${stats.links} links between them, ${stats.external} external; ${slugs.length} sampled articles`);

  const articles = slugs.map((slug) => getArticle(slug)!);
  // Warm the page cache of the database file.
  for (const article of articles.slice(0, 200)) getNeighbourhood({ id: article.id, slug: article.slug, title: article.title, publishedAt: article.publishedAt, distance: 0 });

  const measure = (label: string, run: (article: (typeof articles)[number]) => void) => {
    const times: number[] = [];
    const counts = new Set<number>();
    for (const article of articles) {
      const before = statements;
      const started = performance.now();
      run(article);
      times.push(performance.now() - started);
      counts.add(statements - before);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((sum, time) => sum + time, 0) / times.length;
    const result = { mean, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1)!, statements: [...counts].sort((a, b) => a - b) };
    console.log(`${label.padEnd(44)} p50 ${ms(result.p50)}  p95 ${ms(result.p95)}  p99 ${ms(result.p99)}  max ${ms(result.max)}  SQL statements per call: ${result.statements.join(', ')}`);
    return result;
  };
  const center = (article: (typeof articles)[number]) => ({ id: article.id, slug: article.slug, title: article.title, publishedAt: article.publishedAt, distance: 0 as const });
  const neighbourhood = measure('two-hop neighbourhood (map, graph.json)', (article) => getNeighbourhood(center(article)));
  measure('neighbourhood + layout', (article) => layoutNeighbourhood(getNeighbourhood(center(article))));
  const pageGraph = measure('backlinks + suggestions (article page)', (article) => getGraphForArticle(article));
  const articleQuery = measure('the article itself (for comparison)', (article) => getArticle.call(null, article.slug));

  // The whole article page over HTTP, on the production build, for the graph's share of it.
  if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) execFileSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: root, stdio: 'inherit' });
  const port = Number(values.port);
  const server = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port)], { cwd: root, env: { ...process.env, DATABASE_PATH: databaseFile, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' });
  try {
    const origin = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${origin}/`).catch(() => null))?.ok) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Warm the server on other articles, so each measured request is a first render (a cache miss).
    for (const slug of slugs.slice(-50)) await (await fetch(`${origin}/articles/${slug}`)).text();
    const times: number[] = [];
    for (const slug of slugs.slice(0, 1000)) {
      const started = performance.now();
      const response = await fetch(`${origin}/articles/${slug}`);
      await response.text();
      if (!response.ok) throw new Error(`${slug}: ${response.status}`);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const page = { mean: times.reduce((sum, time) => sum + time, 0) / times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
    console.log(`${'article page over HTTP (first render)'.padEnd(44)} p50 ${ms(page.p50)}  p95 ${ms(page.p95)}  mean ${ms(page.mean)}`);
    console.log(
      `\nGraph modules on an article page: mean ${ms(pageGraph.mean)} of ${ms(page.mean)} = ${((pageGraph.mean / page.mean) * 100).toFixed(1)}% of its render time (p50 ${((pageGraph.p50 / page.p50) * 100).toFixed(1)}%, p95 against p95 ${((pageGraph.p95 / page.p95) * 100).toFixed(1)}%)`,
    );
    console.log(`Two-hop neighbourhood p95: ${ms(neighbourhood.p95)} (target < 5 ms); article query p50 ${ms(articleQuery.p50)}`);
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

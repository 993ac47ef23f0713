/**
 * `npm run bench [-- --articles 100000] [--duration 10] [--connections 50]`
 *
 * Real HTTP load on the production server: builds if there is no build,
 * generates a corpus (default 10,000 articles), seeds it into a temporary
 * database (the seed rate), starts the production server (.next/newsline-server.cjs,
 * with --workers N processes: WEB_CONCURRENCY) on it, warms it, and runs
 * autocannon (as a library) against article pages cycling through 200 slugs,
 * the home page, a search, a story map, and a raw Node server in another
 * process serving the exact bytes of one article page (the limit). Then:
 * cold renders of never-requested articles, the server's peak RSS, the
 * JavaScript an article page loads, and the time from a seed finishing to
 * fresh content. Prints a table, writes bench/results/latest.json, and exits
 * non-zero if any request failed.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { articlePath, HOME_PATH, relatedMapPath, searchHref } from '@/lib/paths';
import { percentile, root } from './bench-support';
import { buildSite, SERVER_BUNDLE } from './build';
import { buildStatus } from './build-fingerprint';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    port: { type: 'string', default: '3300' },
    workers: { type: 'string', default: '1' },
    varnish: { type: 'boolean', default: false },
  },
});
const count = Number(values.articles);
const duration = Number(values.duration);
const connections = Number(values.connections);
const port = Number(values.port);
const limitPort = port + 1;
const origin = `http://127.0.0.1:${port}`;
const workers = Number(values.workers);
const varnishPort = port + 2;
const varnishOrigin = `http://127.0.0.1:${varnishPort}`;
const tsx = ['--import', 'tsx'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(url: string, timeoutMs = 60_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Peak resident memory (VmHWM) of a process and its children, in MiB. */
function peakRssMiB(pid: number): number {
  // `ps` exits 1 when there are no children: that is an answer, not an error.
  const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).stdout ?? '';
  const pids = [pid, ...children.split(/\s+/).filter(Boolean).map(Number)];
  let total = 0;
  for (const each of pids) {
    const status = fs.readFileSync(`/proc/${each}/status`, 'utf8');
    total += Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  }
  return total / 1024;
}

type Row = { name: string; reqPerSec: number; p50: number; p99: number; errors: number; non2xx: number; bytesPerPage: number };

async function load(name: string, paths: string[], target = origin): Promise<Row> {
  let next = 0;
  const result = await autocannon({
    url: target,
    connections,
    duration,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
  return {
    name,
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytesPerPage: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
  };
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'news-bench-'));
  const corpus = path.join(work, 'content');
  const databaseFile = path.join(work, 'news.db');
  let server: ChildProcess | undefined;
  let limitServer: ChildProcess | undefined;
  let varnish: ChildProcess | undefined;
  // Outside `work` (mode 700): Varnish compiles its VCL as an unprivileged user, which must reach the folder.
  const varnishDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-bench-varnish-'));
  fs.chmodSync(varnishDir, 0o755);
  try {
    const status = buildStatus(root);
    if (status.stale) {
      console.log(`Building: ${status.reason}…`);
      if (buildSite() !== 0) throw new Error('the build failed');
    }
    console.log(`Generating ${count} articles…`);
    execFileSync(process.execPath, [...tsx, 'scripts/generate-content.ts', '--count', String(count), '--links', '5', '--out', corpus], { cwd: root, stdio: 'inherit' });
    // A plain seed: the server follows the database's record of seeds, with no address to be told at.
    const seedEnv = { ...process.env, DATABASE_PATH: databaseFile };
    const seedOutput = execFileSync(process.execPath, [...tsx, 'db/seed/cli.ts', '--dir', corpus], { cwd: root, encoding: 'utf8', env: seedEnv });
    const seedRate = Number(/\((\d+) articles\/s\)/.exec(seedOutput)?.[1] ?? NaN);
    const seedSeconds = Number(/articles in ([\d.]+) s \(/.exec(seedOutput)?.[1] ?? NaN);
    console.log(`Seeded ${count} articles in ${seedSeconds} s (${seedRate} articles/s)`);

    server = spawn(process.execPath, [SERVER_BUNDLE], {
      cwd: root,
      env: { ...process.env, DATABASE_PATH: databaseFile, NEXT_TELEMETRY_DISABLED: '1', SITE_URL: origin, PORT: String(port), WEB_CONCURRENCY: String(workers) },
      stdio: 'ignore',
    });
    await waitFor(`${origin}/icon.svg`);

    const slugs = fs.readdirSync(path.join(corpus, 'articles')).map((name) => name.replace(/\.md$/, '')).sort();
    const step = Math.floor(slugs.length / 400);
    const hot = Array.from({ length: 200 }, (_, i) => slugs[i * step]!);
    const cold = Array.from({ length: 100 }, (_, i) => slugs[i * step + Math.floor(step / 2)]!);
    const articlePaths = hot.map((slug) => articlePath(slug));
    const mapPath = relatedMapPath(hot[0]!);
    const searchPath = searchHref('festival critics');

    console.log('Warming…');
    for (const target of [...articlePaths, HOME_PATH, mapPath, searchPath]) await (await fetch(`${origin}${target}`)).arrayBuffer();

    // The limit: the same bytes as one article page, from a bare Node server in its own process.
    const pageBytes = Buffer.from(await (await fetch(`${origin}${articlePaths[0]}`)).arrayBuffer());
    const bytesFile = path.join(work, 'page.html');
    fs.writeFileSync(bytesFile, pageBytes);
    limitServer = spawn(
      process.execPath,
      ['-e', `const b=require('fs').readFileSync(${JSON.stringify(bytesFile)});require('http').createServer((q,r)=>{r.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':b.length});r.end(b)}).listen(${limitPort},'127.0.0.1')`],
      { stdio: 'ignore' },
    );
    await waitFor(`http://127.0.0.1:${limitPort}/`);

    if (values.varnish) {
      // deploy/varnish in front, warmed with the same pages; its counters give the hit ratio.
      varnish = spawn(path.join(root, 'deploy', 'varnish', 'run.sh'), ['--listen', `127.0.0.1:${varnishPort}`, '--backend', `127.0.0.1:${port}`, '--workdir', varnishDir], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
      await waitFor(`${varnishOrigin}/icon.svg`);
      for (const target of [...articlePaths, HOME_PATH]) await (await fetch(`${varnishOrigin}${target}`)).arrayBuffer();
    }
    const varnishCounters = () => {
      const stats = JSON.parse(execFileSync('varnishstat', ['-n', path.join(varnishDir, 'state'), '-1', '-j'], { encoding: 'utf8' })) as { counters: Record<string, { value: number }> };
      return { hit: stats.counters['MAIN.cache_hit']?.value ?? 0, miss: stats.counters['MAIN.cache_miss']?.value ?? 0 };
    };
    const before = values.varnish ? varnishCounters() : undefined;

    const rows: Row[] = [];
    for (const [name, paths, target] of [
      ['raw Node, same bytes (limit)', ['/'], `http://127.0.0.1:${limitPort}`],
      ...(values.varnish ? ([['article pages via Varnish', articlePaths, varnishOrigin]] as const) : []),
      ['article pages (200 slugs)', articlePaths, origin],
      ['home page', [HOME_PATH], origin],
      ['search', [searchPath], origin],
      ['story map', [mapPath], origin],
    ] as const) {
      console.log(`Load: ${name}…`);
      rows.push(await load(name, [...paths], target));
    }
    const limit = rows[0]!.reqPerSec;
    let hitRatio: number | undefined;
    if (before) {
      const after = varnishCounters();
      const hits = after.hit - before.hit;
      hitRatio = hits / Math.max(1, hits + after.miss - before.miss);
    }

    // Cold renders: articles nobody has requested yet, one at a time.
    const coldTimes: number[] = [];
    for (const slug of cold) {
      const started = performance.now();
      const response = await fetch(`${origin}${articlePath(slug)}`);
      await response.arrayBuffer();
      coldTimes.push(performance.now() - started);
      if (response.headers.get('x-nextjs-cache') === 'HIT') throw new Error(`${slug} was already cached`);
    }
    coldTimes.sort((a, b) => a - b);
    const peakRss = peakRssMiB(server.pid!);

    // JavaScript an article page loads: every script it references, split into the framework's and ours.
    const html = pageBytes.toString('utf8');
    const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!))];
    let frameworkBytes = 0;
    let ourBytes = 0;
    for (const src of scripts) {
      const body = await (await fetch(`${origin}${src}`)).text();
      if (body.includes('video__poster')) ourBytes += Buffer.byteLength(body);
      else frameworkBytes += Buffer.byteLength(body);
    }

    // Seed to fresh: change one article's headline, seed, and time until the page shows it.
    const changed = hot[1]!;
    const file = path.join(corpus, 'articles', `${changed}.md`);
    const newTitle = `Fresh headline ${Date.now()}`;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^title: .*$/m, `title: ${newTitle}`));
    execFileSync(process.execPath, [...tsx, 'db/seed/cli.ts', '--dir', corpus], { cwd: root, env: seedEnv, stdio: 'ignore' });
    const seedDone = performance.now();
    let freshMs = NaN;
    while (performance.now() - seedDone < 30_000) {
      // A keep-alive socket left idle during the seed may have been closed by the server: just ask again.
      const body = await fetch(`${origin}/articles/${changed}`).then((response) => response.text(), () => '');
      if (body.includes(newTitle)) {
        freshMs = performance.now() - seedDone;
        break;
      }
      await sleep(20);
    }

    const failed = rows.reduce((sum, row) => sum + row.errors + row.non2xx, 0);
    console.log(`\nCorpus ${count} articles; seed ${seedSeconds} s (${seedRate} articles/s); ${duration} s × ${connections} connections per row; ${workers} server process${workers === 1 ? '' : 'es'}; Node ${process.version}\n`);
    console.log(`${'target'.padEnd(30)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'bytes/page'.padStart(11)} ${'vs limit'.padStart(9)}`);
    for (const row of rows) {
      console.log(
        `${row.name.padEnd(30)} ${row.reqPerSec.toFixed(0).padStart(8)} ${String(row.p50).padStart(7)} ${String(row.p99).padStart(7)} ${String(row.errors + row.non2xx).padStart(7)} ${String(row.bytesPerPage).padStart(11)} ${((row.reqPerSec / limit) * 100).toFixed(1).padStart(8)}%`,
      );
    }
    console.log(`\ncold article render (never requested): p50 ${percentile(coldTimes, 50).toFixed(1)} ms, p95 ${percentile(coldTimes, 95).toFixed(1)} ms over ${coldTimes.length}`);
    console.log(`server peak RSS: ${peakRss.toFixed(0)} MiB`);
    console.log(`JavaScript an article page loads: ${(frameworkBytes / 1024).toFixed(1)} KiB framework + ${(ourBytes / 1024).toFixed(1)} KiB in the chunk with ours (uncompressed), ${scripts.length} files`);
    console.log(`seed finished → fresh page: ${freshMs.toFixed(0)} ms`);
    if (hitRatio !== undefined) console.log(`Varnish hit ratio during the load: ${(hitRatio * 100).toFixed(2)}%`);

    const report = {
      date: new Date().toISOString(),
      articles: count,
      workers,
      node: process.version,
      seed: { seconds: seedSeconds, articlesPerSecond: seedRate },
      load: { durationSeconds: duration, connections, rows: rows.map((row) => ({ ...row, ratioToLimit: row.reqPerSec / limit })) },
      coldRenderMs: { p50: percentile(coldTimes, 50), p95: percentile(coldTimes, 95) },
      peakRssMiB: peakRss,
      javascriptBytes: { framework: frameworkBytes, ours: ourBytes, files: scripts.length },
      seedToFreshMs: freshMs,
      varnishHitRatio: hitRatio,
      failedRequests: failed,
    };
    fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('\nWrote bench/results/latest.json');
    if (failed > 0) {
      console.error(`${failed} requests failed`);
      process.exitCode = 1;
    }
  } finally {
    server?.kill('SIGTERM');
    limitServer?.kill('SIGTERM');
    if (varnish?.pid) {
      try {
        process.kill(-varnish.pid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(varnishDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

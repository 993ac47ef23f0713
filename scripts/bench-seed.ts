/**
 * `npm run bench:seed [-- --articles 10000,100000] [--full]`
 *
 * What an editor waits for, measured with the real seed command (`tsx db/seed/cli.ts`, one process per run, wall
 * clock from spawn to exit) on a generated corpus (scripts/generate-content.ts, cached in bench/.cache/) per size:
 *   1. the first seed into an empty database,
 *   2. a re-seed with nothing changed,
 *   3. a re-seed after an editor fixes one headline (one file's bytes change), five times: the median and the slowest,
 *   4. the dry run of a second headline fix, and that re-seed,
 *   5. with --full, a re-seed that parses every file (what every re-seed cost before the manifest).
 * Each run's own report is checked (added/updated/unchanged counts), so a figure is never that of a seed that did
 * the wrong thing. Prints a table and writes bench/results/seed.json.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './bench-support';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000,100000' }, full: { type: 'boolean', default: false } } });
const sizes = values.articles.split(',').map((value) => Number(value.trim()));
if (sizes.some((size) => !Number.isInteger(size) || size < 10)) throw new Error(`--articles: whole numbers ≥ 10, comma-separated; got ${values.articles}`);

type Run = { step: string; seconds: number; output: string };

/** The seed command as an editor runs it, timed from spawn to exit; throws with its output when it fails. */
function seed(dir: string, databaseFile: string, step: string, extra: string[] = []): Run {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'db/seed/cli.ts', '--dir', dir, ...extra], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databaseFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  const output = `${child.stdout}${child.stderr}`;
  if (child.status !== 0) throw new Error(`${step}: the seed exited ${child.status}:\n${output}`);
  return { step, seconds, output };
}

/** Fails the bench when a run's report does not say what it should have done. */
function expectReport(run: Run, pattern: RegExp): void {
  if (!pattern.test(run.output)) throw new Error(`${run.step}: expected the report to match ${pattern}, got:\n${run.output}`);
}

/** Rewrites one article's headline in place, as an editor fixing a typo would. */
function editHeadline(file: string, title: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`);
  if (edited === text) throw new Error(`${file}: no title line to edit`);
  fs.writeFileSync(file, edited);
}

function corpusFor(count: number): string {
  const corpus = path.join(root, 'bench', '.cache', `seed-corpus-${count}`);
  if (!fs.existsSync(path.join(corpus, 'articles'))) {
    console.log(`Generating ${count} articles…`);
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-content.ts', '--count', String(count), '--out', corpus, '--force'], { cwd: root, stdio: 'inherit' });
  }
  return corpus;
}

const results: { articles: number; runs: { step: string; seconds: number }[] }[] = [];
for (const count of sizes) {
  const corpus = corpusFor(count);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'news-bench-seed-'));
  const dir = path.join(work, 'content');
  fs.cpSync(corpus, dir, { recursive: true });
  const databaseFile = path.join(work, 'news.db');
  const articleFiles = fs.readdirSync(path.join(dir, 'articles')).sort();
  const edited = path.join(dir, 'articles', articleFiles[Math.floor(articleFiles.length / 2)]!);
  const runs: Run[] = [];
  try {
    console.log(`\n${count} articles: first seed…`);
    runs.push(seed(dir, databaseFile, 'first seed (empty database)'));
    expectReport(runs.at(-1)!, new RegExp(`articles: ${count} added, 0 updated, 0 removed, 0 unchanged`));

    runs.push(seed(dir, databaseFile, 're-seed, nothing changed'));
    expectReport(runs.at(-1)!, new RegExp(`articles: 0 added, 0 updated, 0 removed, ${count} unchanged`));

    // Five fixes, one seed each: one run is at the mercy of the machine (a cold page cache, another process), so the
    // figure is their median, with the slowest beside it.
    const fixes: Run[] = [];
    for (let fix = 1; fix <= 5; fix++) {
      editHeadline(edited, `A headline fixed by an editor, take ${fix}`);
      fixes.push(seed(dir, databaseFile, `re-seed, one headline fixed (${fix} of 5)`));
      expectReport(fixes.at(-1)!, new RegExp(`articles: 0 added, 1 updated, 0 removed, ${count - 1} unchanged`));
      expectReport(fixes.at(-1)!, /1 changed since the last seed and parsed/);
    }
    const times = fixes.map((run) => run.seconds).sort((a, b) => a - b);
    runs.push({ step: 're-seed, one headline fixed (median of 5)', seconds: times[2]!, output: '' });
    runs.push({ step: 're-seed, one headline fixed (slowest of 5)', seconds: times[4]!, output: '' });

    editHeadline(edited, 'The same headline, fixed again');
    runs.push(seed(dir, databaseFile, 'dry run, one headline fixed', ['--dry-run']));
    expectReport(runs.at(-1)!, new RegExp(`articles: 0 added, 1 updated, 0 removed, ${count - 1} unchanged`));
    runs.push(seed(dir, databaseFile, 're-seed after that dry run'));
    expectReport(runs.at(-1)!, new RegExp(`articles: 0 added, 1 updated, 0 removed, ${count - 1} unchanged`));

    if (values.full) {
      editHeadline(edited, 'A third fix, seeded with --full');
      runs.push(seed(dir, databaseFile, 're-seed --full (parses every file)', ['--full']));
      expectReport(runs.at(-1)!, new RegExp(`articles: 0 added, 1 updated, 0 removed, ${count - 1} unchanged`));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const run of runs) console.log(`  ${run.step.padEnd(44)} ${run.seconds.toFixed(2).padStart(7)} s`);
  const first = runs[0]!.seconds;
  console.log(`  first seed per 10,000 articles: ${((first * 10_000) / count).toFixed(1)} s (${Math.round(count / first)} articles/s)`);
  results.push({ articles: count, runs: runs.map(({ step, seconds }) => ({ step, seconds: Number(seconds.toFixed(3)) })) });
}

const report = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, results };
fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench', 'results', 'seed.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log('\nWrote bench/results/seed.json');

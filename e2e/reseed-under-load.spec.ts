import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSeedAsync } from '../test/run-seed';
import { originOf, PORTS } from './ports';

const ORIGIN = originOf(PORTS.reseedUnderLoad);
const REVISED_BODY = 'This is the revised edition of the story.';

/** Version B of the sample content: every headline and body changed together. */
function revisedCopy(from: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-revised-'));
  fs.cpSync(from, dir, { recursive: true });
  const articles = path.join(dir, 'articles');
  for (const name of fs.readdirSync(articles)) {
    const file = path.join(articles, name);
    const text = fs.readFileSync(file, 'utf8').replace(/^title: (["']?)(.*)\1$/m, (_line, _quote, title: string) => `title: ${JSON.stringify(`${title.replace(/\\"/g, '"')} (revised)`)}`);
    fs.writeFileSync(file, `${text.trimEnd()}\n\n${REVISED_BODY}\n`);
  }
  return dir;
}

test('three seeds during 12 s of load: every response 200, every page wholly old or wholly new', async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-load-'));
  const databaseFile = path.join(dataDir, 'news.db');
  const original = path.resolve('content');
  const revised = revisedCopy(original);
  expect((await runSeedAsync(databaseFile, original)).status).toBe(0);
  const slugs = fs.readdirSync(path.join(original, 'articles')).map((name) => name.replace(/\.md$/, ''));

  let server: ChildProcess | undefined;
  try {
    // A plain seed, with no address: the server follows the database's record of seeds.
    server = spawn(process.execPath, ['.next/newsline-server.cjs'], {
      env: { ...process.env, DATABASE_PATH: databaseFile, NEXT_TELEMETRY_DISABLED: '1', PORT: String(PORTS.reseedUnderLoad) },
      stdio: 'ignore',
    });
    await expect.poll(async () => (await fetch(`${ORIGIN}/`).catch(() => null))?.status ?? 0, { timeout: 30_000 }).toBe(200);

    const stats = { requests: 0, failures: [] as string[], mixed: [] as string[], old: 0, revised: 0 };
    const deadline = Date.now() + 12_000;
    const reader = async (worker: number) => {
      for (let i = worker; Date.now() < deadline; i++) {
        const slug = slugs[i % slugs.length]!;
        try {
          const response = await fetch(`${ORIGIN}/articles/${slug}`);
          const html = await response.text();
          stats.requests++;
          if (response.status !== 200) {
            stats.failures.push(`${slug}: ${response.status}`);
            continue;
          }
          const headline = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
          const newTitle = headline.endsWith('(revised)');
          const newBody = html.includes(REVISED_BODY);
          if (newTitle !== newBody) stats.mixed.push(`${slug}: headline ${newTitle ? 'new' : 'old'}, body ${newBody ? 'new' : 'old'}`);
          if (newTitle) stats.revised++;
          else stats.old++;
        } catch (error) {
          stats.failures.push(`${slug}: ${String(error)}`);
        }
      }
    };
    const seeds = (async () => {
      const results = [];
      for (const [delay, dir] of [[2000, revised], [3000, original], [3000, revised]] as const) {
        await new Promise((resolve) => setTimeout(resolve, delay));
        results.push((await runSeedAsync(databaseFile, dir)).status);
      }
      return results;
    })();
    await Promise.all(Array.from({ length: 20 }, (_, worker) => reader(worker)));

    test.info().annotations.push({ type: 'load', description: `${stats.requests} requests: ${stats.old} old, ${stats.revised} revised pages` });
    expect(await seeds).toEqual([0, 0, 0]);
    expect(stats.failures).toEqual([]);
    expect(stats.mixed).toEqual([]);
    expect(stats.requests).toBeGreaterThan(200);
    // Readers saw both versions: the seeds really happened under load.
    expect(stats.old).toBeGreaterThan(0);
    expect(stats.revised).toBeGreaterThan(0);
    // The last seed (revised) finished before the load ended; every page now shows it.
    for (const slug of slugs) expect(await (await fetch(`${ORIGIN}/articles/${slug}`)).text()).toContain(REVISED_BODY);

    // One more seed, back to the original: every page shows it at once (the poll allows 1 s).
    expect((await runSeedAsync(databaseFile, original)).status).toBe(0);
    const finished = Date.now();
    await expect
      .poll(async () => (await Promise.all(slugs.map(async (slug) => (await (await fetch(`${ORIGIN}/articles/${slug}`)).text()).includes(REVISED_BODY)))).some(Boolean), {
        timeout: 1000,
        intervals: [50],
      })
      .toBe(false);
    test.info().annotations.push({ type: 'freshness', description: `all pages fresh ${Date.now() - finished} ms after the seed finished` });
  } finally {
    server?.kill('SIGTERM');
  }
});

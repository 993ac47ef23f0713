import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { runSeedAsync } from '../test/run-seed';
import { PORTS } from './ports';
import { readable, sitemapPaths, startServer } from './support';

/**
 * Drafts and scheduled stories, against a production server on a database this file seeds: a draft is nowhere
 * on the site, a scheduled story appears everywhere on its own when its time comes (no seed, no restart), and a
 * preview link shows either to whoever holds it, never cached, while readers still get a 404.
 */

const ROOT = path.resolve(__dirname, '..');
const DRAFT = { slug: 'draft-interview', title: 'A draft interview nobody may read yet' };
const SCHEDULED = { slug: 'scheduled-review', title: 'A review scheduled for later today' };
/** A published story that lists both in its "Read more". */
const LINKING = 'we-can-be-heroes-plot-explained';

function story(slug: string, title: string, extra: string): string {
  return `---\ntitle: ${JSON.stringify(title)}\nauthor: kevin-polowy\nsection: Entertainment\ntags: [Robert Rodriguez]\n${extra}related:\n  - slug: ${LINKING}\n---\n\n${title}: the body text of ${slug}.\n`;
}

/** Every place a story could be listed or linked, on the site, in feeds and sitemaps, search and graph data. */
const PLACES = ['/', '/sections/entertainment', '/tags/robert-rodriguez', '/authors/kevin-polowy', '/feed.xml', '/feed.json', '/sections/entertainment/feed.xml', `/articles/${LINKING}`, `/articles/${LINKING}/related`, `/articles/${LINKING}/graph.json`, '/search?q=body+text', '/news-sitemap.xml'];

async function placesShowing(origin: string, slug: string): Promise<string[]> {
  const found: string[] = [];
  for (const place of PLACES) {
    const body = readable(await (await fetch(`${origin}${place}`)).text());
    if (body.includes(`/articles/${slug}`)) found.push(place);
  }
  const sitemap = await sitemapPaths(async (url) => {
    const response = await fetch(`${origin}${url}`);
    return { status: response.status, body: await response.text() };
  });
  if (sitemap.includes(`/articles/${slug}`)) found.push('/sitemap.xml');
  return found;
}

test('a draft is nowhere, a scheduled story appears everywhere on its own, and a preview link shows both to its holder only', async ({ page }) => {
  test.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-schedule-'));
  const content = path.join(dir, 'content');
  const databaseFile = path.join(dir, 'news.db');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  const dueAt = new Date(Date.now() + 25_000);
  fs.writeFileSync(path.join(content, 'articles', `${DRAFT.slug}.md`), story(DRAFT.slug, DRAFT.title, 'publishedAt: 2021-01-09T10:00:00Z\ndraft: true\n'));
  fs.writeFileSync(path.join(content, 'articles', `${SCHEDULED.slug}.md`), story(SCHEDULED.slug, SCHEDULED.title, `publishedAt: ${dueAt.toISOString()}\n`));
  // The published story links to both: its "Read more" must not show them before readers may read them.
  const linking = path.join(content, 'articles', `${LINKING}.md`);
  fs.writeFileSync(linking, fs.readFileSync(linking, 'utf8').replace('related:\n', `related:\n  - slug: ${DRAFT.slug}\n  - slug: ${SCHEDULED.slug}\n`));
  const seeded = await runSeedAsync(databaseFile, content);
  expect(seeded.status, `${seeded.stdout}\n${seeded.stderr}`).toBe(0);

  const server = await startServer(PORTS.scheduling, databaseFile);
  try {
    const origin = server.origin;
    // Before its time: the scheduled story is like the draft, a 404 listed nowhere (every place now cached).
    for (const slug of [DRAFT.slug, SCHEDULED.slug]) {
      expect((await fetch(`${origin}/articles/${slug}`)).status, slug).toBe(404);
      expect(await placesShowing(origin, slug), slug).toEqual([]);
    }
    expect(Date.now(), 'the checks above ran before the scheduled time').toBeLessThan(dueAt.getTime());

    // A preview link: the draft as readers would see it, to whoever holds the link; never cached, never indexed.
    const preview = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'preview.ts'), DRAFT.slug], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: databaseFile, SITE_URL: origin } });
    expect(preview.status, preview.stderr).toBe(0);
    const link = preview.stdout.split('\n')[0]!;
    expect(link).toMatch(new RegExp(`^${origin}/preview/${DRAFT.slug}\\?expires=\\d+&signature=[\\w-]+$`));
    expect(preview.stdout).toContain('is a draft');
    const previewResponse = await page.goto(link);
    expect(previewResponse?.status()).toBe(200);
    expect(previewResponse?.headers()['cache-control']).toContain('no-store');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(DRAFT.title);
    await expect(page.getByRole('complementary', { name: 'Preview' })).toContainText('draft');
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    // Forged, altered or missing signatures, and the reader's address, stay 404.
    for (const url of [link.replace(/signature=[\w-]+/, 'signature=forged'), link.replace(DRAFT.slug, SCHEDULED.slug), `${origin}/preview/${DRAFT.slug}`, `${origin}/articles/${DRAFT.slug}`]) {
      expect((await fetch(url)).status, url).toBe(404);
    }
    const missing = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'preview.ts'), 'no-such-story'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATABASE_PATH: databaseFile, SITE_URL: origin } });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('No story has slug "no-such-story"');

    // Its time comes: with no seed and no restart, the scheduled story is on its page and in every list.
    await expect
      .poll(async () => (await fetch(`${origin}/articles/${SCHEDULED.slug}`)).status, { timeout: 60_000 + Math.max(0, dueAt.getTime() - Date.now()), intervals: [1000] })
      .toBe(200);
    await expect.poll(() => placesShowing(origin, SCHEDULED.slug), { timeout: 30_000, intervals: [1000] }).toEqual(expect.arrayContaining(['/', '/sections/entertainment', '/tags/robert-rodriguez', '/authors/kevin-polowy', '/feed.xml', '/feed.json', `/articles/${LINKING}`, '/news-sitemap.xml', '/sitemap.xml']));
    // The draft is still nowhere.
    expect(await placesShowing(origin, DRAFT.slug)).toEqual([]);
    expect((await fetch(`${origin}/articles/${DRAFT.slug}`)).status).toBe(404);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, expect, test } from '@playwright/test';
import { parse } from 'yaml';
import { nameToSlug } from '../lib/slug';
import { runSeedAsync } from '../test/run-seed';
import { PORTS } from './ports';
import { readable, readAll, removeTemporaryFolders, type Server, sitemapPaths, startServer, temporaryFolder } from './support';

/**
 * Freshness as readers see it, against real production servers (.next/newsline-server.cjs) on databases this
 * file seeds itself: after a plain `npm run db:seed`, with no address given, every server on the database shows
 * the change on its next request, on every kind of page, and keeps serving what did not change from its cache.
 */

const ROOT = path.resolve(__dirname, '..');

/** The story whose headline changes: linked from three others, not the newest (so it is in their "Read more"). */
const CHANGED = 'we-can-be-heroes-plot-explained';
const OLD_HEADLINE = "What 'We Can Be Heroes' is about: when the kids have to save the planet";
/** Starts differently from the old one: story-map labels keep only the first 33 characters. */
const NEW_HEADLINE = "Kids & aliens: what 'We Can Be Heroes' is really about";
/** Pieces of the old headline that no other text on the site contains, so a cut label is caught too. */
const OLD_PIECES = ["What 'We Can Be Heroes' is about", 'when the kids have to save the planet'];

/** The story that is removed; the one story linking to it drops the link (the seed refuses dangling links). */
const REMOVED = 'rodriguez-mandalorian-season-2';
const REMOVED_HEADLINE = "Robert Rodriguez's detour into 'The Mandalorian'";
const LINKS_TO_REMOVED = 'robert-rodriguez-two-careers';

/** An author added with no stories: they still get a page, and the sitemap lists it. */
const NEW_AUTHOR = { slug: 'night-desk', name: 'Night Desk Reporter' };

/**
 * A story that shares nothing with the sample (its own author, section and tag, no links, older than
 * everything), added before the first seed: what its pages show is untouched by the changes, so they must stay
 * cached. A flush would fail this; exact keys pass it.
 */
const ISLAND = { slug: 'valley-rainfall-record', author: 'weather-desk', section: 'Weather', tag: 'Rainfall' };

// ---------------------------------------------------------------- content

test.afterEach(removeTemporaryFolders);

/** content/ copied to a temporary folder, plus the unrelated story and its author. */
function sampleWithIsland(): string {
  const dir = temporaryFolder('news-freshness-');
  fs.cpSync(path.join(ROOT, 'content'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'authors', `${ISLAND.author}.md`), '---\nname: Weather Desk\norganization: Newsline\n---\nRain, sun and the numbers behind them.\n');
  fs.writeFileSync(
    path.join(dir, 'articles', `${ISLAND.slug}.md`),
    [
      '---',
      'title: The valley had its wettest June on record',
      `author: ${ISLAND.author}`,
      `section: ${ISLAND.section}`,
      `tags: [${ISLAND.tag}]`,
      'publishedAt: 2020-07-01T08:00:00Z',
      '---',
      '',
      'Gauges across the valley recorded more rain in June than in any month since records began.',
      '',
    ].join('\n'),
  );
  return dir;
}

function frontMatter(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---/.exec(text);
  if (!match) throw new Error(`${file}: no front matter`);
  return parse(match[1]!) as Record<string, unknown>;
}

/** Every public page the content folder implies: home, articles, and each section, tag and author listing. */
function pagesOf(dir: string): string[] {
  const pages = new Set(['/']);
  for (const name of fs.readdirSync(path.join(dir, 'authors'))) pages.add(`/authors/${name.replace(/\.md$/, '')}`);
  for (const name of fs.readdirSync(path.join(dir, 'articles'))) {
    const data = frontMatter(path.join(dir, 'articles', name));
    pages.add(`/articles/${typeof data.slug === 'string' ? data.slug : name.replace(/\.md$/, '')}`);
    pages.add(`/sections/${nameToSlug(String(data.section))}`);
    for (const tag of (data.tags as string[] | undefined) ?? []) pages.add(`/tags/${nameToSlug(tag)}`);
  }
  return [...pages].sort();
}

/** Rewrites one front matter line of an article in the copy, failing if the line is not there. */
function editArticle(dir: string, slug: string, from: string | RegExp, to: string): void {
  const file = path.join(dir, 'articles', `${slug}.md`);
  const text = fs.readFileSync(file, 'utf8');
  const edited = text.replace(from, to);
  expect(edited, `${file} should contain ${String(from)}`).not.toBe(text);
  fs.writeFileSync(file, edited);
}

const renameHeadline = (dir: string) => editArticle(dir, CHANGED, `title: ${JSON.stringify(OLD_HEADLINE)}`, `title: ${JSON.stringify(NEW_HEADLINE)}`);

// ---------------------------------------------------------------- servers

/** Runs `body` with servers started on `ports`, and always kills them afterwards. */
async function withServers(ports: readonly number[], databaseFile: string, body: (servers: Server[]) => Promise<void>): Promise<void> {
  const servers: Server[] = [];
  try {
    for (const port of ports) servers.push(await startServer(port, databaseFile));
    await body(servers);
  } catch (error) {
    for (const server of servers) await test.info().attach(`${server.origin} log`, { body: server.log(), contentType: 'text/plain' });
    throw error;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

async function seed(databaseFile: string, dir: string): Promise<{ finishedAt: number; expiredKeys: number; stdout: string }> {
  const result = await runSeedAsync(databaseFile, dir);
  const finishedAt = Date.now();
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  const expired = /^ {2}expired (\d+) cache keys?: /m.exec(result.stdout);
  expect(expired, `the seed names how many keys it expired:\n${result.stdout}`).not.toBeNull();
  return { finishedAt, expiredKeys: Number(expired![1]), stdout: result.stdout };
}

async function freshDatabase(dir: string): Promise<string> {
  const databaseFile = path.join(temporaryFolder('news-freshness-db-'), 'news.db');
  await seed(databaseFile, dir);
  return databaseFile;
}

// ---------------------------------------------------------------- reading pages

type Fetched = { url: string; status: number; cache: string | undefined; etag: string | undefined; body: string };

async function get(origin: string, url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const response = await fetch(`${origin}${url}`, { redirect: 'manual', headers });
  return { url, status: response.status, cache: response.headers.get('x-nextjs-cache') ?? undefined, etag: response.headers.get('etag') ?? undefined, body: await response.text() };
}


/** The ways a headline can be spelled in raw HTML, XML, JSON and the RSC payload. */
function spellings(text: string): string[] {
  const forms = [text, text.replace(/'/g, '&#x27;'), text.replace(/'/g, '&#39;'), text.replace(/'/g, '&apos;'), text.replace(/'/g, '\\u0027')];
  return [...new Set(forms.flatMap((form) => [form, form.replace(/&(?![#a-z])/g, '&amp;'), form.replace(/&(?![#a-z])/g, '\\u0026')]))];
}

/** The old headline, whole or cut, in any spelling. */
function showsOldHeadline(body: string): boolean {
  const text = readable(body);
  return spellings(OLD_HEADLINE).some((form) => body.includes(form)) || OLD_PIECES.some((piece) => text.includes(piece));
}

/** Search results highlight the words matched (<mark>): the headline is read with tags removed. */
const showsNewHeadline = (body: string) => readable(body.replace(/<\/?mark>/g, '')).includes(NEW_HEADLINE);


/** Every URL type the site serves, from its own sitemap: pages, their feeds, story maps and graph.json. */
function urlsFor(pages: string[], unknownArticle: string): string[] {
  const urls = new Set(['/feed.xml', '/sitemap.xml', '/search?q=heroes', unknownArticle]);
  for (const page of pages) {
    urls.add(page);
    if (/^\/(sections|tags|authors)\//.test(page)) urls.add(`${page}/feed.xml`);
    if (page.startsWith('/articles/')) urls.add(`${page}/related`).add(`${page}/graph.json`);
  }
  return [...urls];
}

/** GETs each URL until it is served from the cache (the first request renders it). */
async function warm(origin: string, urls: string[]): Promise<void> {
  for (const url of urls) {
    const first = await get(origin, url);
    expect([200, 404], `${origin}${url}`).toContain(first.status);
    if (first.cache === undefined) continue;
    // Next stores the render as the response finishes; the second request is normally already a HIT.
    await expect.poll(async () => (await get(origin, url)).cache, { message: `${origin}${url} is cached`, timeout: 5000, intervals: [0, 100, 250] }).toBe('HIT');
  }
}


const articleUrl = (slug: string) => `/articles/${slug}`;
const headlineOf = (html: string) => readable(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? '');

async function elapsedSince(start: number, action: () => Promise<void>): Promise<number> {
  await action();
  return Date.now() - start;
}

// ---------------------------------------------------------------- tests

test('two servers on one database show a plain seed on their next request, on every page, and keep what did not change', async () => {
  test.setTimeout(180_000);
  const dir = sampleWithIsland();
  const databaseFile = await freshDatabase(dir);
  const unknownArticle = '/articles/no-such-story-here';

  await withServers(PORTS.freshness.twoServers, databaseFile, async (servers) => {
    // The URL list comes from the site's sitemap, checked against what the content folder implies.
    const pagesBefore = await sitemapPaths((url) => get(servers[0]!.origin, url));
    expect([...pagesBefore].sort()).toEqual(pagesOf(dir));
    const urlsBefore = urlsFor(pagesBefore, unknownArticle);
    const islandListings = [`/authors/${ISLAND.author}`, `/sections/${nameToSlug(ISLAND.section)}`, `/tags/${nameToSlug(ISLAND.tag)}`];
    const islandPages = [articleUrl(ISLAND.slug), `${articleUrl(ISLAND.slug)}/related`, ...islandListings];
    // Every HTML page carries the 404 page's "Latest stories" in its RSC payload (see islandPagesStayCached);
    // the island's graph.json and feeds show nothing of the sample.
    const islandRoutes = [`${articleUrl(ISLAND.slug)}/graph.json`, ...islandListings.map((url) => `${url}/feed.xml`)];
    for (const url of [...islandPages, ...islandRoutes]) expect(urlsBefore).toContain(url);

    await Promise.all(servers.map((server) => warm(server.origin, urlsBefore)));
    // The warm-up landed: every cacheable response is now served from each server's cache.
    const before = await Promise.all(servers.map((server) => readAll(urlsBefore, (url) => get(server.origin, url))));
    for (const [index, responses] of before.entries()) {
      const notCached = [...responses.values()].filter((r) => r.cache !== undefined && r.cache !== 'HIT').map((r) => `${r.url}: ${r.cache}`);
      expect(notCached, `server ${index + 1}: pages not cached before the seed`).toEqual([]);
      expect(responses.get(articleUrl(CHANGED))!.body).toContain('when the kids have to save the planet');
    }
    const showedHeadline = [...before[0]!.values()].filter((r) => showsOldHeadline(r.body)).map((r) => r.url);
    // The headline is on its neighbours' pages, maps, graph.json, feeds, listings, the front page, search and the 404 page.
    for (const url of ['/', '/feed.xml', '/search?q=heroes', unknownArticle, articleUrl('we-can-be-heroes-robert-rodriguez'), `${articleUrl('we-can-be-heroes-sequel-greenlit')}/related`, `${articleUrl('netflix-2020-christmas-day-hit')}/graph.json`, '/tags/netflix/feed.xml']) {
      expect(showedHeadline, `${url} shows the headline before the seed`).toContain(url);
    }
    for (const url of islandRoutes) expect(showedHeadline, `${url} is unrelated to the change`).not.toContain(url);
    const linkedRemoved = [...before[0]!.values()].filter((r) => r.body.includes(articleUrl(REMOVED))).map((r) => r.url);
    for (const url of [articleUrl(LINKS_TO_REMOVED), '/sitemap.xml', '/tags/robert-rodriguez/feed.xml']) expect(linkedRemoved, `${url} links to the story to remove`).toContain(url);

    // The editor's change: a headline, a removed story (and the link to it), an author with no stories yet.
    renameHeadline(dir);
    fs.rmSync(path.join(dir, 'articles', `${REMOVED}.md`));
    editArticle(dir, LINKS_TO_REMOVED, `  - slug: ${REMOVED}\n`, '');
    fs.writeFileSync(path.join(dir, 'authors', `${NEW_AUTHOR.slug}.md`), `---\nname: ${NEW_AUTHOR.name}\ntitle: Night Editor\n---\nJoins the desk next month.\n`);
    const { finishedAt, expiredKeys } = await seed(databaseFile, dir);
    expect(expiredKeys).toBeGreaterThan(0);

    // The first request to each server after the seed, with no retry, already shows it: rendered again, not cached.
    const firstFresh = await Promise.all(
      servers.map((server) =>
        elapsedSince(finishedAt, async () => {
          const page = await get(server.origin, articleUrl(CHANGED));
          expect(page.status).toBe(200);
          expect(headlineOf(page.body), server.origin).toBe(NEW_HEADLINE);
          expect(page.cache, server.origin).toBe('MISS');
        }),
      ),
    );
    test.info().annotations.push({
      type: 'freshness',
      description: `seed (${expiredKeys} keys expired) finished → changed article fresh on both servers in ${Math.max(...firstFresh)} ms (${firstFresh.join(' ms, ')} ms), first request, no retry`,
    });
    expect(Math.max(...firstFresh)).toBeLessThan(1000);

    const pagesAfter = await sitemapPaths((url) => get(servers[1]!.origin, url));
    expect([...pagesAfter].sort()).toEqual(pagesOf(dir));
    expect(pagesAfter).toContain(`/authors/${NEW_AUTHOR.slug}`);
    expect(pagesAfter).not.toContain(articleUrl(REMOVED));
    const gone = pagesBefore.filter((page) => !pagesAfter.includes(page));
    // The removed story, and the section and tags only it had.
    expect(gone.sort()).toEqual([articleUrl(REMOVED), '/sections/tv', '/tags/television', '/tags/the-mandalorian']);
    const goneUrls = new Set(urlsFor(gone, unknownArticle).filter((url) => url.startsWith('/articles/') || url.startsWith('/sections/') || url.startsWith('/tags/')));
    goneUrls.delete(unknownArticle);

    const urlsAfter = [...new Set([...urlsFor(pagesAfter, unknownArticle), ...urlsBefore])];
    const sweepStart = Date.now();
    const after = await Promise.all(servers.map((server) => readAll(urlsAfter, (url) => get(server.origin, url))));
    test.info().annotations.push({
      type: 'freshness',
      description: `seed finished → all ${urlsAfter.length} URLs read fresh on both servers ${Date.now() - finishedAt} ms later (the sweep itself took ${Date.now() - sweepStart} ms, one request per URL, no retry)`,
    });

    for (const [index, responses] of after.entries()) {
      const name = `server ${index + 1}`;
      const problems: string[] = [];
      for (const response of responses.values()) {
        const { url, status, body, cache } = response;
        const text = readable(body);
        const expectedStatus = goneUrls.has(url) || url === unknownArticle ? 404 : 200;
        if (status !== expectedStatus) problems.push(`${url}: status ${status}, expected ${expectedStatus}`);
        if (showsOldHeadline(body)) problems.push(`${url}: still shows the old headline (${cache})`);
        if (showedHeadline.includes(url) && !goneUrls.has(url) && !showsNewHeadline(body)) problems.push(`${url}: showed the headline, does not show the new one (${cache})`);
        if (text.includes(articleUrl(REMOVED)) || text.includes(REMOVED_HEADLINE)) problems.push(`${url}: still shows or links to the removed story (${cache})`);
        if (islandRoutes.includes(url) && cache !== 'HIT') problems.push(`${url}: shows nothing that changed but was ${cache}, not HIT`);
      }
      expect(problems, `${name} after the seed`).toEqual([]);
      const author = responses.get(`/authors/${NEW_AUTHOR.slug}`)!;
      expect(author.status).toBe(200);
      expect(readable(author.body)).toContain(NEW_AUTHOR.name);
      // Pages requested after the seed before this sweep (the changed article, the sitemap) were rendered then.
      const kept = [...responses.values()].filter((r) => r.status === 200 && r.cache === 'HIT' && r.url !== articleUrl(CHANGED) && r.url !== '/sitemap.xml').map((r) => r.url);
      test.info().annotations.push({ type: 'exact keys', description: `${name}: ${kept.length} of ${responses.size} URLs kept in the cache through the seed: ${kept.join(' ')}` });
    }

    await islandPagesStayCached(servers, dir, databaseFile, islandPages);
  });
});

/**
 * The island's HTML pages could not stay cached through the seed above: every HTML page embeds the root
 * not-found page (app/not-found.tsx, the five latest stories) in its RSC payload, so it carries the keys of
 * those cards and of the list of latest stories, which that seed changed. A change to a story outside that
 * list (a dek, here) must leave them cached, and show on the pages that do show the story.
 */
async function islandPagesStayCached(servers: Server[], dir: string, databaseFile: string, islandPages: string[]): Promise<void> {
  // Its dek shows on its own page and on the cards that print deks (its section's listing; the front page's
  // compact cards do not): the pages that show the old dek must show the new one.
  const candidates = [articleUrl('netflix-2020-christmas-day-hit'), '/', '/sections/business'];
  const oldDek = String(frontMatter(path.join(dir, 'articles', 'netflix-2020-christmas-day-hit.md')).dek);
  const newDek = 'A revised summary: the streamer ended its year with a holiday hit.';
  await Promise.all(servers.map((server) => warm(server.origin, [...islandPages, ...candidates])));
  const showingDek: string[] = [];
  for (const url of candidates) if (readable((await get(servers[0]!.origin, url)).body).includes(oldDek)) showingDek.push(url);
  expect(showingDek).toEqual(expect.arrayContaining([articleUrl('netflix-2020-christmas-day-hit'), '/sections/business']));
  editArticle(dir, 'netflix-2020-christmas-day-hit', /^dek: .*$/m, `dek: ${JSON.stringify(newDek)}`);
  const { expiredKeys } = await seed(databaseFile, dir);
  expect(expiredKeys).toBeGreaterThan(0);
  for (const server of servers) {
    for (const url of showingDek) expect(readable((await get(server.origin, url)).body).includes(newDek), `${server.origin}${url} shows the new dek`).toBe(true);
    const caches = await Promise.all(islandPages.map(async (url) => `${url}: ${(await get(server.origin, url)).cache}`));
    expect(caches, `${server.origin}: unrelated pages after a dek change`).toEqual(islandPages.map((url) => `${url}: HIT`));
  }
}

test('a server started after a seed shows it, and a running server follows a restored backup', async () => {
  test.setTimeout(120_000);
  const dir = sampleWithIsland();
  const databaseFile = await freshDatabase(dir);
  const backupFile = path.join(path.dirname(databaseFile), 'before-seed.db');
  const changed = articleUrl(CHANGED);
  const neighbour = articleUrl('we-can-be-heroes-sequel-greenlit');

  await withServers([PORTS.freshness.restored], databaseFile, async ([running]) => {
    for (const url of [changed, neighbour, '/']) {
      await warm(running!.origin, [url]);
      expect(showsOldHeadline((await get(running!.origin, url)).body), url).toBe(true);
    }

    // A backup as README says, taken before the seed.
    const backup = await new Promise<{ status: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'db', 'backup.ts'), backupFile], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databaseFile } });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, output }));
    });
    expect(backup.status, backup.output).toBe(0);
    expect(backup.output).toContain('integrity ok');

    renameHeadline(dir);
    const { finishedAt } = await seed(databaseFile, dir);
    expect(headlineOf((await get(running!.origin, changed)).body)).toBe(NEW_HEADLINE);
    test.info().annotations.push({ type: 'freshness', description: `seed finished → running server fresh in ${Date.now() - finishedAt} ms` });

    await withServers([PORTS.freshness.startedAfterSeed], databaseFile, async ([later]) => {
      for (const url of [changed, neighbour, '/']) {
        const page = await get(later!.origin, url);
        expect(page.status, url).toBe(200);
        expect(showsNewHeadline(page.body), `${url} on the server started after the seed`).toBe(true);
        expect(showsOldHeadline(page.body), `${url} on the server started after the seed`).toBe(false);
      }
    });

    // Restore as README says, without restarting: copy the backup over DATABASE_PATH, delete -wal and -shm.
    const [changedBefore, neighbourBefore] = await Promise.all([get(running!.origin, changed), get(running!.origin, neighbour)]);
    expect(changedBefore.cache).toBe('HIT');
    expect(showsNewHeadline(neighbourBefore.body)).toBe(true);
    fs.copyFileSync(backupFile, databaseFile);
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
    const restoredAt = Date.now();
    await expect
      .poll(async () => headlineOf((await get(running!.origin, changed)).body), { message: 'the running server shows the restored headline', timeout: 2000, intervals: [100] })
      .toBe(OLD_HEADLINE);
    test.info().annotations.push({ type: 'freshness', description: `backup restored → running server shows it in ${Date.now() - restoredAt} ms` });
    const restoredNeighbour = await get(running!.origin, neighbour);
    expect(showsOldHeadline(restoredNeighbour.body)).toBe(true);
    expect(showsNewHeadline(restoredNeighbour.body)).toBe(false);
  });
});

test('a reader who reloads or navigates in a new tab after a seed sees it; browsers revalidate with the ETag', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = sampleWithIsland();
  const databaseFile = await freshDatabase(dir);

  await withServers([PORTS.freshness.reload], databaseFile, async ([server]) => {
    const origin = server!.origin;
    const changed = `${origin}${articleUrl(CHANGED)}`;

    // What browsers are told: check every time (max-age=0), never show a stale copy meanwhile.
    await warm(origin, [articleUrl(CHANGED)]);
    const first = await fetch(changed);
    await first.text();
    expect(first.headers.get('x-nextjs-cache')).toBe('HIT');
    const cacheControl = first.headers.get('cache-control') ?? '';
    expect(cacheControl).toMatch(/(^|,\s*)max-age=0(,|$)/);
    expect(cacheControl).not.toContain('stale-while-revalidate');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^(W\/)?"[^"]+"$/);
    const unchanged = await fetch(changed, { headers: { 'If-None-Match': etag! } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');

    await readBeforeAndAfterSeed(browser, origin, changed, async () => {
      renameHeadline(dir);
      await seed(databaseFile, dir);
    });

    // The page changed: the old ETag no longer matches, and a new one comes with the new page.
    const revalidated = await fetch(changed, { headers: { 'If-None-Match': etag! } });
    expect(revalidated.status).toBe(200);
    expect(headlineOf(await revalidated.text())).toBe(NEW_HEADLINE);
    const newEtag = revalidated.headers.get('etag');
    expect(newEtag).toMatch(/^(W\/)?"[^"]+"$/);
    expect(newEtag).not.toBe(etag);
    // The first cached response after a render ignores If-None-Match (answers 200); the next ones do not.
    await expect.poll(async () => (await fetch(changed, { headers: { 'If-None-Match': newEtag! } })).status, { timeout: 2000, intervals: [0, 100] }).toBe(304);
  });
});

/**
 * In one browser context (one HTTP cache, as a reader's browser): the article read before the seed, by a full
 * load and by client-side navigation from the front page; after the seed, a reload and a new tab that
 * navigates client-side both show the new headline.
 */
async function readBeforeAndAfterSeed(browser: Browser, origin: string, changed: string, seedChange: () => Promise<void>): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(changed);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(OLD_HEADLINE);
    // The same navigation the new tab makes later, so whatever the browser keeps of it is kept now.
    const earlier = await context.newPage();
    await earlier.goto(`${origin}/`);
    await earlier.getByRole('link', { name: OLD_HEADLINE }).first().click();
    await expect(earlier).toHaveURL(changed);
    await expect(earlier.getByRole('heading', { level: 1 })).toHaveText(OLD_HEADLINE);
    await earlier.close();

    await seedChange();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NEW_HEADLINE);

    const tab = await context.newPage();
    await tab.goto(`${origin}/`);
    await tab.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await tab.getByRole('link', { name: NEW_HEADLINE }).first().click();
    await expect(tab).toHaveURL(changed);
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText(NEW_HEADLINE);
    // A client-side navigation: the document is the one the front page loaded.
    expect(await tab.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  } finally {
    await context.close();
  }
}

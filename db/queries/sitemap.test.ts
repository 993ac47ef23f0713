import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { create } from 'xmlbuilder2';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getSitemap } from '@/app/sitemap.xml/route';
import { GET as getSitemapFile } from '@/app/sitemaps/[file]/route';
import { seedDatabase } from '@/db/seed';
import { buildNewsSitemap, NEWS_SITEMAP_WINDOW_MS } from '@/lib/sitemap';
import { nameToSlug } from '@/lib/slug';
import { getDb } from './connection';
import { getNewsSitemapStories } from './sitemap';

/**
 * The sitemaps as a crawler reads them: /sitemap.xml and the /sitemaps/<file> it names, through the routes
 * themselves (app/sitemap.xml, app/sitemaps/[file]), on databases seeded here. What they must list is read from
 * the content files (front matter), not from the queries. The routes cut files at the protocol's 50,000 URLs;
 * here the limit is LIMIT, so that a corpus of ARTICLES stories needs several files: the only change to the code
 * under test.
 */
const LIMIT = vi.hoisted(() => 400);
vi.mock('@/lib/sitemap', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/sitemap')>();
  return { ...actual, SITEMAP_MAX_URLS: LIMIT, sitemapLayout: (listings: number, articles: number, max = LIMIT) => actual.sitemapLayout(listings, articles, max) };
});

const root = path.resolve(__dirname, '..', '..');
const ARTICLES = 1500;
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** Stories the seed stores but readers may not see yet, each alone in its section and tag. */
const DRAFT = { slug: 'draft-not-for-readers', section: 'Draft Desk', tag: 'Draft Only Tag' };
const SCHEDULED = { slug: 'scheduled-for-tomorrow', section: 'Scheduled Desk', tag: 'Scheduled Only Tag' };

let corpus: string;
let corpusDatabase: string;
let sampleDatabase: string;

type Url = { loc: string; path: string; lastmod: string | null };
type Crawl = {
  /** The index's entries, or null when /sitemap.xml is itself a urlset. */
  index: Url[] | null;
  /** Each file the crawler read, by path, with its URLs in order. */
  files: { path: string; urls: Url[] }[];
};

/** The <loc> and <lastmod> of each <url> or <sitemap> of a sitemap document, read with an XML parser. */
function items(xml: string): { root: string; items: Url[] } {
  const element = create(xml).root().node as unknown as Element;
  const child = (parent: Element, name: string) => Array.from(parent.childNodes).find((node) => (node as Element).localName === name) as Element | undefined;
  const itemName = element.localName === 'sitemapindex' ? 'sitemap' : 'url';
  const entries = Array.from(element.childNodes)
    .filter((node): node is Element => (node as Element).localName === itemName)
    .map((item) => {
      const loc = child(item, 'loc')!.textContent ?? '';
      return { loc, path: new URL(loc).pathname, lastmod: child(item, 'lastmod')?.textContent ?? null };
    });
  return { root: element.localName, items: entries };
}

/** GET a sitemap URL from its route. */
async function get(pathname: string): Promise<{ status: number; body: string }> {
  const response = pathname === '/sitemap.xml' ? getSitemap() : await getSitemapFile(new Request(`http://localhost${pathname}`), { params: Promise.resolve({ file: decodeURIComponent(pathname.replace(/^\/sitemaps\//, '')) }) });
  return { status: response.status, body: await response.text() };
}

/** Reads /sitemap.xml and, when it is an index, every file it names, as a crawler would. */
async function crawl(): Promise<Crawl> {
  const top = await get('/sitemap.xml');
  expect(top.status).toBe(200);
  const document = items(top.body);
  if (document.root === 'urlset') return { index: null, files: [{ path: '/sitemap.xml', urls: document.items }] };
  expect(document.root).toBe('sitemapindex');
  const files = [];
  for (const entry of document.items) {
    const file = await get(entry.path);
    expect(file.status, entry.path).toBe(200);
    const read = items(file.body);
    expect(read.root, entry.path).toBe('urlset');
    files.push({ path: entry.path, urls: read.items });
  }
  return { index: document.items, files };
}

type Story = { slug: string; section: string; tags: string[]; authors: string[]; publishedAt: string; updatedAt: string | null; draft: boolean };

/** Every story and author of a content folder, from its files' front matter. */
function readContentFolder(dir: string): { stories: Story[]; authors: string[] } {
  const stories = fs.readdirSync(path.join(dir, 'articles')).filter((name) => name.endsWith('.md')).map((name) => {
    const text = fs.readFileSync(path.join(dir, 'articles', name), 'utf8');
    const data = parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as Record<string, unknown>;
    const authors = (data.authors as string[] | undefined) ?? [data.author as string];
    const date = (value: unknown) => (value === undefined ? null : new Date(value as string).toISOString());
    return {
      slug: (data.slug as string | undefined) ?? name.replace(/\.md$/, ''),
      section: data.section as string,
      tags: (data.tags as string[] | undefined) ?? [],
      authors,
      publishedAt: date(data.publishedAt)!,
      updatedAt: date(data.updatedAt),
      draft: data.draft === true,
    };
  });
  const authors = fs.readdirSync(path.join(dir, 'authors')).filter((name) => name.endsWith('.md')).map((name) => name.replace(/\.md$/, ''));
  return { stories, authors };
}

/** What a content folder says the sitemaps must list: its published stories and every listing they make. */
function expectedFrom(dir: string, now = Date.now()) {
  const { stories, authors } = readContentFolder(dir);
  const published = stories.filter((story) => !story.draft && Date.parse(story.publishedAt) <= now);
  const changed = (story: Story) => Date.parse(story.updatedAt ?? story.publishedAt);
  /** Each listing's stories. */
  const listings = new Map<string, Story[]>();
  const add = (listing: string, story?: Story) => {
    const list = listings.get(listing) ?? [];
    if (story) list.push(story);
    listings.set(listing, list);
  };
  for (const author of authors) add(`/authors/${author}`);
  for (const story of published) {
    add(`/sections/${nameToSlug(story.section)}`, story);
    for (const author of story.authors) add(`/authors/${author}`, story);
    for (const tag of story.tags) add(`/tags/${nameToSlug(tag)}`, story);
  }
  const oldestFirst = [...published].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt) || (a.slug < b.slug ? -1 : 1));
  return {
    stories,
    published,
    articlePaths: oldestFirst.map((story) => `/articles/${story.slug}`),
    listingPaths: ['/', ...listings.keys()],
    /** When each URL last changed, by path (null: a listing with no story). */
    lastmod: new Map<string, number | null>([
      ['/', Math.max(...published.map(changed))],
      ...[...listings].map(([listing, list]) => [listing, list.length ? Math.max(...list.map(changed)) : null] as [string, number | null]),
      ...published.map((story) => [`/articles/${story.slug}`, changed(story)] as [string, number]),
    ]),
    /** When each listing first appeared: its oldest story. */
    firstSeen: new Map([...listings].map(([listing, list]) => [listing, list.length ? Math.min(...list.map((story) => Date.parse(story.publishedAt))) : Infinity])),
  };
}

/** Writes a story into the corpus, by an author it has. */
function writeStory(slug: string, fields: { title: string; publishedAt: string; section?: string; tags: string[]; draft?: boolean }) {
  const author = fs.readdirSync(path.join(corpus, 'authors'))[0]!.replace(/\.md$/, '');
  const tags = fields.tags.map((tag) => JSON.stringify(tag)).join(', ');
  const draft = fields.draft ? 'draft: true\n' : '';
  const text = `---\ntitle: ${JSON.stringify(fields.title)}\nauthor: ${author}\nsection: ${fields.section ?? 'Science'}\ntags: [${tags}]\npublishedAt: ${fields.publishedAt}\n${draft}---\n\nA story for the sitemap tests.\n`;
  fs.writeFileSync(path.join(corpus, 'articles', `${slug}.md`), text);
}

const seedCorpus = () => seedDatabase({ dir: corpus, databaseFile: corpusDatabase });

beforeAll(async () => {
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'news-sitemap-'));
  const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'generate-content.ts'), '--count', String(ARTICLES), '--out', corpus, '--force'], { cwd: root, encoding: 'utf8' });
  expect(generated.status, generated.stderr).toBe(0);
  writeStory(DRAFT.slug, { title: 'A draft', publishedAt: '2015-02-01T12:00:00Z', section: DRAFT.section, tags: [DRAFT.tag], draft: true });
  writeStory(SCHEDULED.slug, { title: 'Scheduled', publishedAt: new Date(Date.now() + 86_400_000).toISOString(), section: SCHEDULED.section, tags: [SCHEDULED.tag] });
  corpusDatabase = path.join(corpus, 'news.db');
  await seedCorpus();
  sampleDatabase = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-sitemap-sample-')), 'news.db');
  await seedDatabase({ dir: path.join(root, 'content'), databaseFile: sampleDatabase });
  process.env.DATABASE_PATH = corpusDatabase;
}, 120_000);

const locs = (urls: Url[]) => urls.map((url) => url.path);
const byDate = (date: string | null) => (date === null ? null : Date.parse(date));

describe('sitemaps past the limit', () => {
  it('list every published story and every listing exactly once, across files cut at the limit, and nothing readers may not see', async () => {
    process.env.DATABASE_PATH = corpusDatabase;
    const expected = expectedFrom(corpus);
    // The draft and the scheduled story are in the database (so their absence below is the site's doing), not in what readers may see.
    const stored = new Database(corpusDatabase, { readonly: true });
    const hiddenRows = stored.prepare('SELECT slug FROM articles WHERE slug IN (?, ?) ORDER BY slug').all(DRAFT.slug, SCHEDULED.slug);
    stored.close();
    expect(hiddenRows).toEqual([{ slug: DRAFT.slug }, { slug: SCHEDULED.slug }]);
    expect(expected.articlePaths).toHaveLength(ARTICLES);
    // More URLs than one file may hold, or nothing here is about splitting.
    expect(expected.articlePaths.length + expected.listingPaths.length).toBeGreaterThan(LIMIT);

    const { index, files } = await crawl();
    expect(index, '/sitemap.xml is an index').not.toBeNull();
    const series = (name: string) => files.filter((file) => file.path.startsWith(`/sitemaps/${name}-`));
    const listingFiles = series('listings');
    const articleFiles = series('articles');
    // Two series, each numbered from 1, and nothing else.
    expect(files.map((file) => file.path)).toEqual([
      ...listingFiles.map((_, n) => `/sitemaps/listings-${n + 1}.xml`),
      ...articleFiles.map((_, n) => `/sitemaps/articles-${n + 1}.xml`),
    ]);
    expect(articleFiles.length, 'several article files').toBeGreaterThan(2);
    // Cut at the limit: every file but the last of its series is full; the last is not empty.
    for (const files of [listingFiles, articleFiles]) {
      expect(files.slice(0, -1).map((file) => file.urls.length)).toEqual(files.slice(0, -1).map(() => LIMIT));
      expect(files.at(-1)!.urls.length).toBeGreaterThan(0);
      expect(files.at(-1)!.urls.length).toBeLessThanOrEqual(LIMIT);
    }

    // Every published story exactly once, oldest first, so a new story only ever joins the last file.
    expect(articleFiles.flatMap((file) => locs(file.urls))).toEqual(expected.articlePaths);
    // Every listing exactly once: the front page, then in the order they first appeared (authors with no story last).
    const listings = listingFiles.flatMap((file) => locs(file.urls));
    expect([...listings].sort()).toEqual([...expected.listingPaths].sort());
    expect(listings[0]).toBe('/');
    const firsts = listings.slice(1).map((listing) => expected.firstSeen.get(listing)!);
    expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    const all = files.flatMap((file) => locs(file.urls));
    for (const hidden of [DRAFT, SCHEDULED]) {
      expect(all).not.toContain(`/articles/${hidden.slug}`);
      expect(all).not.toContain(`/sections/${nameToSlug(hidden.section)}`);
      expect(all).not.toContain(`/tags/${nameToSlug(hidden.tag)}`);
    }

    // Each URL is dated by its last change: a story by its update or publication, a listing by its newest story's,
    // the front page by the site's.
    const urls = files.flatMap((file) => file.urls);
    expect(urls.map((url) => [url.path, byDate(url.lastmod)])).toEqual(urls.map((url) => [url.path, expected.lastmod.get(url.path) ?? null]));
    // Each file is dated in the index by the newest URL in it, which is not always its last story (a story can be
    // updated after the next file's first one was published).
    const newestIn = (file: { urls: Url[] }) => Math.max(...file.urls.map((url) => byDate(url.lastmod) ?? -Infinity));
    expect(index!.map((entry) => [entry.path, byDate(entry.lastmod)])).toEqual(files.map((file) => [file.path, newestIn(file)]));
    expect(articleFiles.some((file) => newestIn(file) !== byDate(file.urls.at(-1)!.lastmod))).toBe(true);
  });

  it('answers 404 for a file past the end of either series and for any other name', async () => {
    process.env.DATABASE_PATH = corpusDatabase;
    const { files } = await crawl();
    const count = (name: string) => files.filter((file) => file.path.startsWith(`/sitemaps/${name}-`)).length;
    expect(count('listings')).toBeGreaterThan(0);
    expect(count('articles')).toBeGreaterThan(0);
    expect((await get(`/sitemaps/articles-${count('articles')}.xml`)).status).toBe(200);
    for (const name of [`listings-${count('listings') + 1}.xml`, `articles-${count('articles') + 1}.xml`, '0.xml', '1.xml', 'articles-0.xml', 'articles-01.xml', 'listings-1.xml.gz', 'news-1.xml', '..%2Fsitemap.xml']) {
      expect((await get(`/sitemaps/${name}`)).status, name).toBe(404);
    }
  });

  it('a new story, with a new tag, only appends: every other file keeps its URLs and its date', async () => {
    process.env.DATABASE_PATH = corpusDatabase;
    const before = await crawl();
    // Newer than any story and any update, yet already published.
    const newest = Math.max(...before.files.flatMap((file) => file.urls).map((url) => byDate(url.lastmod) ?? 0));
    const publishedAt = new Date(newest + 3_600_000).toISOString();
    expect(Date.parse(publishedAt)).toBeLessThan(Date.now());
    // "aaa-…" sorts before every "story-N": ordered by slug, it would shift a URL into every following file.
    writeStory('aaa-sitemap-newest', { title: 'The newest story', publishedAt, tags: ['Sitemap Fresh Tag'] });
    await seedCorpus();
    const after = await crawl();

    const series = (crawled: Crawl, name: string) => crawled.files.filter((file) => file.path.startsWith(`/sitemaps/${name}-`));
    const dated = (crawled: Crawl, name: string) => crawled.index!.filter((entry) => entry.path.startsWith(`/sitemaps/${name}-`));
    const last = series(before, 'articles').length - 1;
    expect(series(after, 'articles').slice(0, last)).toEqual(series(before, 'articles').slice(0, last));
    expect(dated(after, 'articles').slice(0, last)).toEqual(dated(before, 'articles').slice(0, last));
    // The last file (or a new one, had it been full) gains the story at its end, and its date.
    expect(series(after, 'articles').slice(last).flatMap((file) => file.urls)).toEqual([
      ...series(before, 'articles')[last]!.urls,
      { loc: expect.stringMatching(/\/articles\/aaa-sitemap-newest$/), path: '/articles/aaa-sitemap-newest', lastmod: publishedAt },
    ]);
    expect(dated(before, 'articles').at(-1)!.lastmod).not.toBe(publishedAt);
    expect(dated(after, 'articles').at(-1)!.lastmod).toBe(publishedAt);

    // Listings: the same URLs in the same places, the new tag at the end.
    const listings = (crawled: Crawl) => series(crawled, 'listings').flatMap((file) => locs(file.urls));
    expect(listings(after).slice(0, listings(before).length)).toEqual(listings(before));
    expect(listings(after).slice(listings(before).length)).toEqual(['/tags/sitemap-fresh-tag']);
  });
});

describe('a site within the limit', () => {
  it('has one plain /sitemap.xml with every URL, listings then stories oldest first, and no numbered files', async () => {
    process.env.DATABASE_PATH = sampleDatabase;
    try {
      const expected = expectedFrom(path.join(root, 'content'));
      expect(expected.articlePaths.length + expected.listingPaths.length).toBeLessThanOrEqual(LIMIT);
      const { index, files } = await crawl();
      expect(index).toBeNull();
      const urls = locs(files[0]!.urls);
      const listingCount = expected.listingPaths.length;
      expect([...urls.slice(0, listingCount)].sort()).toEqual([...expected.listingPaths].sort());
      expect(urls.slice(listingCount)).toEqual(expected.articlePaths);
      for (const name of ['listings-1.xml', 'articles-1.xml']) expect((await get(`/sitemaps/${name}`)).status, name).toBe(404);
    } finally {
      process.env.DATABASE_PATH = corpusDatabase;
    }
  });
});

describe('the Google News sitemap', () => {
  it('lists the stories of the last 48 hours, newest first, and says when the clock changes the list', () => {
    process.env.DATABASE_PATH = corpusDatabase;
    const rows = getDb().all<{ slug: string; at: string }>('SELECT slug, published_at AS at FROM articles ORDER BY published_at DESC, slug DESC');
    const at = (row: { at: string }) => Date.parse(row.at);
    const slugs = (list: { slug: string }[]) => list.map((item) => item.slug);
    const expected = (now: Date) => rows.filter((row) => at(row) <= now.getTime() && at(row) >= now.getTime() - NEWS_SITEMAP_WINDOW_MS);
    // In the middle of the corpus: stories are dated after `now` too, and they are not published yet.
    const now = new Date(at(rows[100]!) + 60_000);
    const inWindow = expected(now);
    expect(inWindow.length).toBeGreaterThan(10);
    const { stories, changesAt } = getNewsSitemapStories(now);
    expect(slugs(stories)).toEqual(slugs(inWindow));
    expect(slugs(stories)).not.toContain(rows[99]!.slug);
    // The list changes by the clock alone when the next story comes due or the oldest turns 48 hours old.
    const oldest = inWindow.at(-1)!;
    expect(changesAt?.getTime()).toBe(Math.min(at(rows[99]!), at(oldest) + NEWS_SITEMAP_WINDOW_MS));
    const later = new Date(at(oldest) + NEWS_SITEMAP_WINDOW_MS + 1);
    expect(slugs(getNewsSitemapStories(later).stories)).toEqual(slugs(expected(later)));
    expect(slugs(getNewsSitemapStories(later).stories)).not.toContain(oldest.slug);
    expect(getNewsSitemapStories(now, 5).stories).toEqual(stories.slice(0, 5));

    // After the newest story: it alone, until it turns 48 hours old; three days on, nothing, and nothing to wait for.
    const last = getNewsSitemapStories(new Date(at(rows[0]!) + 60_000));
    expect(slugs(last.stories)).toEqual(slugs(expected(new Date(at(rows[0]!) + 60_000))));
    expect(last.stories.length).toBeGreaterThan(0);
    expect(last.changesAt?.getTime()).toBe(Date.parse(last.stories.at(-1)!.publishedAt) + NEWS_SITEMAP_WINDOW_MS);
    expect(getNewsSitemapStories(new Date(at(rows[0]!) + 3 * 86_400_000))).toEqual({ stories: [], changesAt: null });
  });

  it('is a Google News urlset: publication, date and title, escaped, with forbidden characters dropped', () => {
    const xml = buildNewsSitemap([{ loc: 'https://n.example/articles/a?b=1&c=2', title: 'Fish & <chips> "today"\u0001\uffff', publishedAt: '2024-05-01T10:00:00.000Z' }]);
    const urlset = create(xml).root().node as unknown as Element;
    expect([urlset.namespaceURI, urlset.localName]).toEqual(['http://www.sitemaps.org/schemas/sitemap/0.9', 'urlset']);
    const text = (name: string) => Array.from((urlset as unknown as Document).getElementsByTagNameNS(NEWS, name)).map((element) => element.textContent);
    expect(text('name')).toEqual(['Newsline']);
    expect(text('language')).toEqual(['en']);
    expect(text('publication_date')).toEqual(['2024-05-01T10:00:00.000Z']);
    expect(text('title')).toEqual(['Fish & <chips> "today"']);
    expect(items(xml).items.map((url) => url.loc)).toEqual(['https://n.example/articles/a?b=1&c=2']);
    expect(items(buildNewsSitemap([])).items).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { create } from 'xmlbuilder2';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '@/db/seed';
import { buildNewsSitemap, buildSitemapIndex, buildUrlset, NEWS_SITEMAP_WINDOW_MS, newestOf, parseSitemapFileName, sitemapLayout } from '@/lib/sitemap';
import { getDb } from './connection';
import { getNewsSitemapStories, getSitemapArticleCount, getSitemapArticleFileLastmods, getSitemapArticles, getSitemapListingCount, getSitemapListings } from './sitemap';

const root = path.resolve(__dirname, '..', '..');
const ARTICLES = 1500;
/** The same functions the routes use, with a limit of 400 URLs a file instead of 50,000 so a small corpus needs several files. */
const MAX = 400;
const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';

let corpus: string;
let databaseFile: string;

/** Parse a sitemap document with an XML parser (xmlbuilder2's DOM) and list the <loc> and <lastmod> of each <url> or <sitemap>. */
function items(xml: string, item: 'url' | 'sitemap'): { loc: string; lastmod: string | null }[] {
  const root = create(xml).root().node as unknown as Element;
  const child = (element: Element, name: string) => Array.from(element.childNodes).find((node) => (node as Element).localName === name) as Element | undefined;
  return Array.from(root.childNodes)
    .filter((node): node is Element => (node as Element).localName === item)
    .map((element) => ({ loc: child(element, 'loc')!.textContent ?? '', lastmod: child(element, 'lastmod')?.textContent ?? null }));
}

/** What a crawler reads from the index and each of its files, through the XML the routes send (see app/sitemap.xml). */
function crawl() {
  const listings = getSitemapListings();
  const articleCount = getSitemapArticleCount();
  const layout = sitemapLayout(listings.length, articleCount, MAX);
  if (!layout) throw new Error('the corpus fits one sitemap: no files to compare');
  const listingFiles = Array.from({ length: layout.listings }, (_, n) => items(buildUrlset(listings.slice(n * MAX, (n + 1) * MAX)), 'url'));
  const articleFiles = Array.from({ length: layout.articles }, (_, n) => items(buildUrlset(getSitemapArticles(n * MAX, MAX)), 'url'));
  const articleLastmods = getSitemapArticleFileLastmods(MAX);
  return { listings, articleCount, layout, listingFiles, articleFiles, articleLastmods };
}

async function seed() {
  await seedDatabase({ dir: corpus, databaseFile });
}

beforeAll(async () => {
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'news-sitemap-'));
  const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'generate-content.ts'), '--count', String(ARTICLES), '--out', corpus, '--force'], { cwd: root, encoding: 'utf8' });
  expect(generated.status, generated.stderr).toBe(0);
  databaseFile = path.join(corpus, 'news.db');
  await seed();
  process.env.DATABASE_PATH = databaseFile;
});

/** Writes a story into the corpus (by an author and in a section the corpus has). */
function writeStory(slug: string, fields: { title: string; publishedAt: string; tags: string[] }) {
  const author = fs.readdirSync(path.join(corpus, 'authors'))[0]!.replace(/\.md$/, '');
  const tags = fields.tags.map((tag) => JSON.stringify(tag)).join(', ');
  const text = `---\ntitle: ${JSON.stringify(fields.title)}\nauthor: ${author}\nsection: Science\ntags: [${tags}]\npublishedAt: ${fields.publishedAt}\n---\n\nA story for the sitemap tests.\n`;
  fs.writeFileSync(path.join(corpus, 'articles', `${slug}.md`), text);
}

describe('sitemaps', () => {
  it('past the limit, splits every URL across listing and article files, each URL once, each file dated by its newest URL', () => {
    expect(sitemapLayout(2, 49_998)).toBeNull();
    expect(sitemapLayout(2, 49_999)).toEqual({ listings: 1, articles: 1 });
    expect(parseSitemapFileName('articles-2.xml')).toEqual({ series: 'articles', number: 2 });
    for (const name of ['0.xml', '1.xml', 'articles-0.xml', 'articles-01.xml', 'listings-1.xml.gz', '..%2Fsitemap.xml']) expect(parseSitemapFileName(name), name).toBeNull();

    const { listings, articleCount, layout, listingFiles, articleFiles, articleLastmods } = crawl();
    expect(articleCount).toBe(ARTICLES);
    // The numbered file route checks its range with a count: it must agree with the list.
    expect(getSitemapListingCount()).toBe(listings.length);
    expect(layout.articles).toBe(Math.ceil(ARTICLES / MAX));
    const all = [...listingFiles, ...articleFiles].flat();
    expect(all).toHaveLength(listings.length + ARTICLES);
    expect(new Set(all.map((url) => url.loc)).size).toBe(all.length);
    for (const file of [...listingFiles, ...articleFiles]) expect(file.length).toBeLessThanOrEqual(MAX);
    expect(all.every((url) => url.lastmod && !Number.isNaN(Date.parse(url.lastmod)))).toBe(true);
    expect(listingFiles.flat().filter((url) => url.loc.includes('/sections/')).length).toBeGreaterThan(3);
    expect(listingFiles.flat().filter((url) => url.loc.includes('/tags/')).length).toBeGreaterThan(10);
    expect(listingFiles.flat().filter((url) => url.loc.includes('/authors/')).length).toBeGreaterThan(1);
    expect(articleFiles.flat().every((url) => url.loc.includes('/articles/'))).toBe(true);
    expect(getSitemapArticles(layout.articles * MAX, MAX)).toEqual([]);

    // Articles oldest first: each file holds one stretch of time, the next file starts where it ends.
    const published = new Map(getDb().all<{ slug: string; at: string }>('SELECT slug, published_at AS at FROM articles').map((row) => [row.slug, row.at]));
    const dates = articleFiles.flat().map((url) => published.get(url.loc.split('/articles/')[1]!)!);
    expect(dates).toEqual([...dates].sort());

    // Each file's lastmod in the index is the newest lastmod inside it (an update can be newer than the next file's
    // first story, so it is not simply the last story's date).
    expect(articleLastmods).toEqual(articleFiles.map((file) => newestOf(file.map((url) => url.lastmod))));
    expect(articleLastmods.some((lastmod, n) => lastmod !== articleFiles[n]!.at(-1)!.lastmod)).toBe(true);
    // The front page changed when the site last did; each listing when its newest story did. Listings come in the
    // order they first appeared (their oldest story), so a new one is appended.
    expect(listings[0]!.lastmod).toBe(newestOf(all.map((url) => url.lastmod)));
    const expected = new Map(
      getDb()
        .all<{ path: string; first: string | null; at: string | null }>(
          `SELECT '/sections/' || section_slug AS path, min(published_at) AS first, max(coalesce(updated_at, published_at)) AS at FROM articles GROUP BY section_slug
          UNION ALL SELECT '/authors/' || au.slug, min(a.published_at), max(coalesce(a.updated_at, a.published_at)) FROM authors au LEFT JOIN articles a ON a.author_id = au.id GROUP BY au.id
          UNION ALL SELECT '/tags/' || t.slug, min(a.published_at), max(coalesce(a.updated_at, a.published_at)) FROM article_tags t JOIN articles a ON a.id = t.article_id GROUP BY t.slug`,
        )
        .map((row) => [row.path, row]),
    );
    expect(expected.size).toBe(listings.length - 1);
    const firsts = listings.slice(1).map((entry) => {
      const row = expected.get(new URL(entry.loc).pathname)!;
      expect(entry.lastmod, entry.loc).toBe(row.at);
      return row.first ?? '\uffff';
    });
    expect(firsts).toEqual([...firsts].sort());

    const index = items(buildSitemapIndex([{ loc: 'https://n.example/sitemaps/articles-1.xml', lastmod: '2024-01-01' }, { loc: 'https://n.example/sitemaps/articles-2.xml?a=1&b=2' }]), 'sitemap');
    expect(index).toEqual([
      { loc: 'https://n.example/sitemaps/articles-1.xml', lastmod: '2024-01-01' },
      { loc: 'https://n.example/sitemaps/articles-2.xml?a=1&b=2', lastmod: null },
    ]);
  });

  it('a new story, with a new tag, only appends: every other file keeps its URLs and its lastmod', async () => {
    const before = crawl();
    // Newer than any story and any update, so the last file's lastmod changes too.
    const newest = getDb().get<{ at: string }>('SELECT max(coalesce(updated_at, published_at)) AS at FROM articles')!.at;
    const publishedAt = new Date(Date.parse(newest) + 3_600_000).toISOString();
    // "aaa-…" sorts before every "story-N": ordered by slug, it would shift a URL into every following file.
    writeStory('aaa-sitemap-newest', { title: 'The newest story', publishedAt, tags: ['Sitemap Fresh Tag'] });
    await seed();
    const after = crawl();

    expect(after.articleCount).toBe(before.articleCount + 1);
    const last = before.articleFiles.length - 1;
    expect(after.articleFiles.slice(0, last)).toEqual(before.articleFiles.slice(0, last));
    expect(after.articleLastmods.slice(0, last)).toEqual(before.articleLastmods.slice(0, last));
    const appended = [...before.articleFiles[last]!, { loc: expect.stringMatching(/\/articles\/aaa-sitemap-newest$/), lastmod: publishedAt }];
    expect(after.articleFiles.slice(last).flat()).toEqual(appended);
    expect(after.articleLastmods.at(-1)).toBe(publishedAt);
    expect(before.articleLastmods.at(-1)).not.toBe(publishedAt);

    // Listings: the same URLs in the same places, the new tag at the end.
    const locs = (files: { loc: string }[][]) => files.flat().map((url) => url.loc);
    expect(locs(after.listingFiles).slice(0, before.listings.length)).toEqual(locs(before.listingFiles));
    expect(locs(after.listingFiles).slice(before.listings.length)).toEqual([expect.stringMatching(/\/tags\/sitemap-fresh-tag$/)]);
  });
});

describe('the Google News sitemap', () => {
  it('lists the stories of the last 48 hours, newest first, and says when the clock changes the list', () => {
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
    expect(items(xml, 'url').map((url) => url.loc)).toEqual(['https://n.example/articles/a?b=1&c=2']);
    expect(items(buildNewsSitemap([]), 'url')).toEqual([]);
  });
});

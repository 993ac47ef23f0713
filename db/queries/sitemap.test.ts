import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { create } from 'xmlbuilder2';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '@/db/seed';
import { buildSitemapIndex, buildUrlset, SITEMAP_MAX_URLS, sitemapFileCount } from '@/lib/sitemap';
import { getSitemapEntries, getSitemapEntryCount } from './sitemap';

const root = path.resolve(__dirname, '..', '..');
const ARTICLES = 1500;

/** Parse a sitemap document with an XML parser (xmlbuilder2's DOM) and list the <loc> of each <url> or <sitemap>. */
function locs(xml: string, item: 'url' | 'sitemap'): string[] {
  const root = create(xml).root().node as unknown as Element;
  return Array.from(root.childNodes)
    .filter((node): node is Element => (node as Element).localName === item)
    .map((element) => Array.from(element.childNodes).find((child) => (child as Element).localName === 'loc')!.textContent ?? '');
}

beforeAll(async () => {
  const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'news-sitemap-'));
  const generated = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'generate-content.ts'), '--count', String(ARTICLES), '--out', corpus, '--force'], { cwd: root, encoding: 'utf8' });
  expect(generated.status, generated.stderr).toBe(0);
  const file = path.join(corpus, 'news.db');
  await seedDatabase({ dir: corpus, databaseFile: file });
  process.env.DATABASE_PATH = file;
});

describe('sitemaps', () => {
  it('becomes an index past the protocol limit of 50,000 URLs', async () => {
    expect(SITEMAP_MAX_URLS).toBe(50_000);
    expect(sitemapFileCount(50_000)).toBe(0);
    expect(sitemapFileCount(50_001)).toBe(2);
    expect(sitemapFileCount(150_000)).toBe(3);
    const index = buildSitemapIndex([{ loc: 'https://n.example/sitemaps/1.xml', lastmod: '2024-01-01' }, { loc: 'https://n.example/sitemaps/2.xml?a=1&b=2' }]);
    expect(locs(index, 'sitemap')).toEqual(['https://n.example/sitemaps/1.xml', 'https://n.example/sitemaps/2.xml?a=1&b=2']);
  });

  it('splits a generated corpus into numbered sitemaps that together list every URL once', async () => {
    // The same functions the routes use, with a limit of 400 instead of 50,000 so a small corpus needs several files.
    const max = 400;
    const { total } = getSitemapEntryCount();
    expect(total).toBeGreaterThan(ARTICLES);
    const files = sitemapFileCount(total, max);
    expect(files).toBe(Math.ceil(total / max));

    const all: string[] = [];
    for (let n = 1; n <= files; n++) {
      const entries = getSitemapEntries((n - 1) * max, max);
      expect(entries.length).toBeLessThanOrEqual(max);
      expect(entries.every((entry) => entry.lastmod && !Number.isNaN(Date.parse(entry.lastmod)))).toBe(true);
      all.push(...locs(buildUrlset(entries), 'url'));
    }
    expect(all).toHaveLength(total);
    expect(new Set(all).size).toBe(total);
    expect(all.filter((loc) => loc.includes('/articles/'))).toHaveLength(ARTICLES);
    expect(all.filter((loc) => loc.includes('/sections/')).length).toBeGreaterThan(3);
    expect(all.filter((loc) => loc.includes('/tags/')).length).toBeGreaterThan(10);
    expect(all.filter((loc) => loc.includes('/authors/')).length).toBeGreaterThan(10);
    expect(getSitemapEntries(files * max, max)).toEqual([]);
  });
});

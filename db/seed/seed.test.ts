import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '@/lib/content';
import { copySampleContent } from '@/test/content-fixture';
import { readRows } from '@/test/database';
import { seedDatabase } from './index';

function tempDatabase(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-seed-')), 'nested', 'news.db');
}

/** Everything a reader could see, as one comparable value. */
function snapshot(file: string) {
  return {
    articles: readRows(file, 'SELECT id, slug, title, body, published_at, content_hash FROM articles ORDER BY id'),
    tags: readRows(file, 'SELECT * FROM article_tags ORDER BY article_id, position'),
    links: readRows(file, 'SELECT * FROM related_links ORDER BY article_id, position'),
    authors: readRows(file, 'SELECT * FROM authors ORDER BY id'),
  };
}

function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('seedDatabase', () => {
  it('creates, migrates and fills a brand-new database path, keeping "Read more" order', async () => {
    const file = tempDatabase();
    const result = await seedDatabase({ dir: 'content', databaseFile: file });
    expect(result.articles).toEqual({ added: 7, updated: 0, removed: 0, unchanged: 0 });
    expect(result.authors).toEqual({ added: 2, updated: 0, removed: 0, unchanged: 0 });
    // Every file of a folder the database has never seen is parsed.
    expect(result.files).toEqual({ total: 9, parsed: 9 });

    const related = readRows<{ slug: string | null; url: string | null }>(file,
      `SELECT t.slug, l.url FROM related_links l JOIN articles a ON a.id = l.article_id LEFT JOIN articles t ON t.id = l.target_article_id
       WHERE a.slug = 'we-can-be-heroes-robert-rodriguez' ORDER BY l.position`,
    );
    expect(related.map((row) => row.slug ?? row.url)).toEqual([
      'we-can-be-heroes-sequel-greenlit',
      'rodriguez-family-made-we-can-be-heroes',
      'we-can-be-heroes-plot-explained',
      'robert-rodriguez-two-careers',
      'https://www.netflix.com/search?q=We%20Can%20Be%20Heroes',
    ]);
    expect(readRows<{ journal_mode: string }>(file, 'PRAGMA journal_mode')[0]?.journal_mode).toBe('wal');
  });

  it('changes nothing when run again on the same content', async () => {
    const file = tempDatabase();
    await seedDatabase({ dir: 'content', databaseFile: file });
    const before = snapshot(file);
    const again = await seedDatabase({ dir: 'content', databaseFile: file });
    expect(again.articles).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 7 });
    expect(again.authors).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 2 });
    expect(again.changedSlugs).toEqual([]);
    expect(snapshot(file)).toEqual(before);
  });

  it('updates what changed and removes what left the folder, with its links', async () => {
    const dir = copySampleContent();
    const file = tempDatabase();
    await seedDatabase({ dir, databaseFile: file });

    const plot = path.join(dir, 'articles/we-can-be-heroes-plot-explained.md');
    fs.writeFileSync(plot, fs.readFileSync(plot, 'utf8').replace('*We Can Be Heroes* assembles', '*We Can Be Heroes*, updated, assembles'));
    // Remove an article and every link to it, as an editor would.
    fs.rmSync(path.join(dir, 'articles/rodriguez-mandalorian-season-2.md'));
    const careers = path.join(dir, 'articles/robert-rodriguez-two-careers.md');
    fs.writeFileSync(careers, fs.readFileSync(careers, 'utf8').replace('  - slug: rodriguez-mandalorian-season-2\n', ''));

    const result = await seedDatabase({ dir, databaseFile: file });
    expect(result.articles).toEqual({ added: 0, updated: 2, removed: 1, unchanged: 4 });
    expect(result.changedSlugs.sort()).toEqual(['robert-rodriguez-two-careers', 'rodriguez-mandalorian-season-2', 'we-can-be-heroes-plot-explained']);
    expect(readRows(file, "SELECT slug FROM articles WHERE slug = 'rodriguez-mandalorian-season-2'")).toEqual([]);
    expect(readRows(file, 'SELECT * FROM related_links WHERE target_article_id NOT IN (SELECT id FROM articles)')).toEqual([]);
    expect(readRows<{ body: string }>(file, "SELECT body FROM articles WHERE slug = 'we-can-be-heroes-plot-explained'")[0]?.body).toContain(', updated, ');
  });

  it('writes nothing at all when any file is invalid, and lists every problem', async () => {
    const dir = copySampleContent();
    const file = tempDatabase();
    await seedDatabase({ dir, databaseFile: file });
    const before = snapshot(file);
    const bytes = fileHash(file);

    // One valid change (which must not be written) and two broken files.
    const sequel = path.join(dir, 'articles/we-can-be-heroes-sequel-greenlit.md');
    fs.writeFileSync(sequel, fs.readFileSync(sequel, 'utf8').replace('No release date', 'Still no release date'));
    const netflix = path.join(dir, 'articles/netflix-2020-christmas-day-hit.md');
    fs.writeFileSync(netflix, fs.readFileSync(netflix, 'utf8').replace('slug: we-can-be-heroes-sequel-greenlit', 'slug: gone-story'));
    fs.writeFileSync(path.join(dir, 'articles/broken.md'), '---\ntitle: [unclosed\n---\nBody');

    let thrown: unknown;
    try {
      await seedDatabase({ dir, databaseFile: file });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    expect((thrown as ContentError).problems.map((problem) => `${problem.file}: ${problem.field}`)).toEqual([
      'articles/broken.md: front matter',
      'articles/netflix-2020-christmas-day-hit.md: related.1.slug',
    ]);
    expect(fileHash(file)).toBe(bytes);
    expect(snapshot(file)).toEqual(before);
  });

  it('does not create the database file when the content is invalid', async () => {
    const dir = copySampleContent();
    fs.writeFileSync(path.join(dir, 'authors/kevin-polowy.md'), '---\ntitle: No name\n---\n');
    const file = tempDatabase();
    await expect(seedDatabase({ dir, databaseFile: file })).rejects.toThrow(ContentError);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a folder at the database path, saying so, and leaves the folder as it was', async () => {
    const file = tempDatabase();
    fs.mkdirSync(path.join(file, 'kept'), { recursive: true });
    expect(fs.statSync(file).isDirectory()).toBe(true);
    await expect(seedDatabase({ dir: 'content', databaseFile: file })).rejects.toThrow(`database ${file} is a folder, not a database file`);
    expect(fs.readdirSync(file)).toEqual(['kept']);
  });
});

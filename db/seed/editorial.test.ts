import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '@/lib/content';
import { copySampleContent } from '@/test/content-fixture';
import { readRows } from '@/test/database';
import { seedDatabase } from './index';

/**
 * Bylines, corrections and credits as the seed writes them (article_authors, article_corrections, article_credits)
 * and the cache keys a change to them expires (db/seed/changes.ts; db/cache-keys.ts says what each key covers).
 */
async function sample() {
  const dir = copySampleContent();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-editorial-')), 'news.db');
  await seedDatabase({ dir, databaseFile: file });
  const all = <T>(sql: string, ...params: unknown[]) => readRows<T>(file, sql, ...params);
  const idOf = (slug: string) => all<{ id: number }>('SELECT id FROM articles WHERE slug = ?', slug)[0]!.id;
  const authorIdOf = (slug: string) => all<{ id: number }>('SELECT id FROM authors WHERE slug = ?', slug)[0]!.id;
  const edit = (relative: string, change: (text: string) => string) => {
    const target = path.join(dir, relative);
    const before = fs.readFileSync(target, 'utf8');
    const after = change(before);
    expect(after, `the edit of ${relative} changed nothing`).not.toBe(before);
    fs.writeFileSync(target, after);
  };
  const reseed = async () => {
    const result = await seedDatabase({ dir, databaseFile: file });
    return result.expiredKeys === 'all' ? ['*'] : result.expiredKeys;
  };
  return { dir, file, all, idOf, authorIdOf, edit, reseed };
}

const REFERENCE = 'we-can-be-heroes-robert-rodriguez';
const CORRECTED = 'we-can-be-heroes-plot-explained';
const CO_WRITTEN = 'rodriguez-family-made-we-can-be-heroes';

describe('the seed writes bylines, corrections and credits', () => {
  it('one row per author in byline order (the lead also in articles.author_id), per correction and per credit', async () => {
    const s = await sample();
    const kevin = s.authorIdOf('kevin-polowy');
    const desk = s.authorIdOf('entertainment-desk');
    const coWritten = s.idOf(CO_WRITTEN);
    expect(s.all('SELECT position, author_id AS author FROM article_authors WHERE article_id = ? ORDER BY position', coWritten)).toEqual([
      { position: 0, author: kevin },
      { position: 1, author: desk },
    ]);
    expect(s.all('SELECT author_id AS author FROM articles WHERE id = ?', coWritten)).toEqual([{ author: kevin }]);
    // Every story has its byline rows: seven stories, one of them by two authors.
    expect(s.all('SELECT count(*) AS n FROM article_authors')).toEqual([{ n: 8 }]);

    expect(s.all('SELECT corrected_at AS date, text FROM article_corrections WHERE article_id = ?', s.idOf(CORRECTED))).toEqual([
      { date: '2021-01-06T15:30:00.000Z', text: expect.stringMatching(/^An earlier version of this story said Rhiannon Rodriguez designed/) },
    ]);
    // A correction newer than updatedAt is the story's last change.
    expect(s.all('SELECT updated_at AS at FROM articles WHERE id = ?', s.idOf(CORRECTED))).toEqual([{ at: '2021-01-06T15:30:00.000Z' }]);

    expect(s.all('SELECT role, name FROM article_credits WHERE article_id = ? ORDER BY position', s.idOf(REFERENCE))).toEqual([
      { role: 'Video producer', name: 'Jen Kucsak' },
      { role: 'Video editor', name: 'Jimmie Rhee' },
    ]);
    expect(s.all('SELECT video_credit AS credit FROM articles WHERE id = ?', s.idOf(REFERENCE))).toEqual([{ credit: null }]);
  });

  it('refuses both author and authors, an empty list or a repeated author, with nothing written', async () => {
    const s = await sample();
    const before = s.all('SELECT * FROM article_authors ORDER BY article_id, position');
    for (const [byline, message] of [
      ['author: kevin-polowy\nauthors: [entertainment-desk]', 'authors: give either author (one slug) or authors (a list), not both'],
      ['authors: []', 'authors: must list at least one author'],
      ['authors: [kevin-polowy, kevin-polowy]', 'authors.2: "kevin-polowy" is listed twice'],
    ] as const) {
      const target = path.join(s.dir, 'articles', `${CO_WRITTEN}.md`);
      const original = fs.readFileSync(target, 'utf8');
      fs.writeFileSync(target, original.replace(/^authors: .*$/m, byline));
      const error = await seedDatabase({ dir: s.dir, databaseFile: s.file }).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ContentError);
      expect((error as ContentError).message).toContain(`articles/${CO_WRITTEN}.md: ${message}`);
      fs.writeFileSync(target, original);
    }
    expect(s.all('SELECT * FROM article_authors ORDER BY article_id, position')).toEqual(before);
  });
});

describe('the keys a change to them expires', () => {
  it('a credit: the story’s own page, nothing else (no card or list shows credits)', async () => {
    const s = await sample();
    const id = s.idOf(REFERENCE);
    s.edit(`articles/${REFERENCE}.md`, (text) => text.replace('name: Jimmie Rhee', 'name: Jimmie Rhee-Lopez'));
    expect(await s.reseed()).toEqual([`p:${id}`]);
  });

  it('a correction’s text: the story’s page and /corrections (its date, on the card, is unchanged)', async () => {
    const s = await sample();
    const id = s.idOf(CORRECTED);
    s.edit(`articles/${CORRECTED}.md`, (text) => text.replace("designed the film's alien ships.", "designed the film's alien ships and scored it."));
    expect(await s.reseed()).toEqual(['corrections', `p:${id}`]);
  });

  it('a new correction dated after the last update: also the card’s date and the sitemaps’ lastmod', async () => {
    const s = await sample();
    const id = s.idOf(REFERENCE);
    s.edit(`articles/${REFERENCE}.md`, (text) => text.replace(/^publishedAt: .*$/m, (line) => `${line}\ncorrections:\n  - date: 2021-01-09\n    text: An earlier version misstated the viewer count.`));
    expect(await s.reseed()).toEqual([`a:${id}`, 'corrections', `p:${id}`, 'urls']);
    expect(s.all('SELECT updated_at AS at FROM articles WHERE id = ?', id)).toEqual([{ at: '2021-01-09T00:00:00.000Z' }]);
  });

  it('a removed story with corrections: /corrections too', async () => {
    const s = await sample();
    const id = s.idOf(CORRECTED);
    // Nothing may link to a story that goes: drop the links to it first, in the same seed.
    for (const file of fs.readdirSync(path.join(s.dir, 'articles'))) {
      const target = path.join(s.dir, 'articles', file);
      fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replace(`  - slug: ${CORRECTED}\n`, ''));
    }
    fs.rmSync(path.join(s.dir, 'articles', `${CORRECTED}.md`));
    const keys = await s.reseed();
    expect(keys).toEqual(expect.arrayContaining(['corrections', `a:${id}`, `p:${id}`, `by:${s.authorIdOf('entertainment-desk')}`]));
  });

  it('a co-author joins: their listing and the story’s page; the lead author’s listing and the card stay', async () => {
    const s = await sample();
    const id = s.idOf(REFERENCE);
    s.edit(`articles/${REFERENCE}.md`, (text) => text.replace(/^author: kevin-polowy$/m, 'authors: [kevin-polowy, entertainment-desk]'));
    expect(await s.reseed()).toEqual([`by:${s.authorIdOf('entertainment-desk')}`, `p:${id}`, 'urls']);
  });

  it('a co-author leaves: their listing expires too', async () => {
    const s = await sample();
    const id = s.idOf(CO_WRITTEN);
    s.edit(`articles/${CO_WRITTEN}.md`, (text) => text.replace(/^authors: .*$/m, 'author: kevin-polowy'));
    expect(await s.reseed()).toEqual([`by:${s.authorIdOf('entertainment-desk')}`, `p:${id}`, 'urls']);
  });

  it('the byline’s order: the card (its lead author) and the page, no listing', async () => {
    const s = await sample();
    const id = s.idOf(CO_WRITTEN);
    s.edit(`articles/${CO_WRITTEN}.md`, (text) => text.replace('authors: [kevin-polowy, entertainment-desk]', 'authors: [entertainment-desk, kevin-polowy]'));
    expect(await s.reseed()).toEqual([`a:${id}`, `p:${id}`]);
  });

  it('a new co-written story: the listing of every one of its authors', async () => {
    const s = await sample();
    fs.writeFileSync(
      path.join(s.dir, 'articles', 'two-bylines.md'),
      '---\ntitle: Two bylines\nauthors: [entertainment-desk, kevin-polowy]\nsection: Entertainment\npublishedAt: 2021-02-01T10:00:00Z\n---\nWritten by two.\n',
    );
    const keys = await s.reseed();
    expect(keys).toEqual(expect.arrayContaining([`by:${s.authorIdOf('entertainment-desk')}`, `by:${s.authorIdOf('kevin-polowy')}`, 'latest', 'urls']));
    expect(keys).not.toContain('corrections');
  });
});

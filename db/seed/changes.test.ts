import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { copySampleContent } from '@/test/content-fixture';
import { readRows } from '@/test/database';
import { SEEDS_KEPT } from './changes';
import { seedDatabase } from './index';

/** A seeded copy of the sample content that the test may edit, and what the last seed recorded. */
async function sample() {
  const dir = copySampleContent();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-keys-')), 'news.db');
  await seedDatabase({ dir, databaseFile: file });
  const read = <T>(sql: string, ...params: unknown[]) => readRows<T>(file, sql, ...params)[0]!;
  const idOf = (slug: string) => read<{ id: number }>('SELECT id FROM articles WHERE slug = ?', slug).id;
  const authorIdOf = (slug: string) => read<{ id: number }>('SELECT id FROM authors WHERE slug = ?', slug).id;
  const edit = (relative: string, change: (text: string) => string) => {
    const target = path.join(dir, relative);
    fs.writeFileSync(target, change(fs.readFileSync(target, 'utf8')));
  };
  /** Seeds the folder again; the keys it recorded, sorted. */
  const reseed = async () => {
    const result = await seedDatabase({ dir, databaseFile: file });
    const recorded = read<{ expired_keys: string }>('SELECT expired_keys FROM seeds ORDER BY id DESC LIMIT 1').expired_keys;
    expect(result.expiredKeys).toEqual(recorded === '' ? [] : recorded === '*' ? 'all' : recorded.split(' '));
    return recorded === '' ? [] : recorded.split(' ');
  };
  return { dir, file, read, idOf, authorIdOf, edit, reseed };
}

const REFERENCE = 'we-can-be-heroes-robert-rodriguez';

describe('the keys a seed expires', () => {
  it('a headline: the story as every page shows it, its own page and the search index, nothing else', async () => {
    const s = await sample();
    const id = s.idOf(REFERENCE);
    s.edit(`articles/${REFERENCE}.md`, (text) => text.replace(/^title: .*$/m, 'title: "A corrected headline"'));
    expect(await s.reseed()).toEqual([`a:${id}`, `p:${id}`, 'search'].sort());
  });

  it('a typo in the body: its own page and search, not the cards that show it elsewhere', async () => {
    const s = await sample();
    const id = s.idOf(REFERENCE);
    s.edit(`articles/${REFERENCE}.md`, (text) => text.replace(/\n\n([A-Z])/, '\n\nIndeed, $1'));
    expect(await s.reseed()).toEqual([`p:${id}`, 'search']);
  });

  it('nothing changed: a seed is recorded with no keys', async () => {
    const s = await sample();
    expect(await s.reseed()).toEqual([]);
  });

  it('a removed story: everything that showed it, listed it or linked with it', async () => {
    const s = await sample();
    // A story of its own that links to the reference article and that nothing links to, so it may go alone.
    const slug = 'a-story-that-will-go';
    fs.writeFileSync(
      path.join(s.dir, 'articles', `${slug}.md`),
      `---\ntitle: A story that will go\nauthor: kevin-polowy\nsection: Culture\ntags: [Farewells]\npublishedAt: 2021-02-01T10:00:00Z\nrelated:\n  - slug: ${REFERENCE}\n---\nIt was here briefly.\n`,
    );
    await s.reseed();
    const id = s.idOf(slug!);
    const targets = new Database(s.file, { readonly: true }).prepare('SELECT target_article_id AS t FROM related_links WHERE article_id = ? AND target_article_id IS NOT NULL').all(id) as { t: number }[];
    const section = s.read<{ section_slug: string }>('SELECT section_slug FROM articles WHERE id = ?', id).section_slug;
    fs.rmSync(path.join(s.dir, 'articles', `${slug}.md`));
    const keys = await s.reseed();
    expect(targets.map(({ t }) => t)).toEqual([s.idOf(REFERENCE)]);
    expect(keys).toEqual(
      [`a:${id}`, `p:${id}`, `l:${id}`, `in:${id}`, 'latest', 'urls', 'search', 'sections', `s:${section}`, 't:farewells', `by:${s.authorIdOf('kevin-polowy')}`, ...targets.map(({ t }) => `in:${t}`)].sort(),
    );
    // Other stories' cards stay cached.
    for (const other of ['netflix-2020-christmas-day-hit', REFERENCE].filter((other) => other !== slug)) expect(keys).not.toContain(`a:${s.idOf(other)}`);
  });

  it('authors: a new one is a new URL, a changed bio is that author only', async () => {
    const s = await sample();
    fs.writeFileSync(path.join(s.dir, 'authors', 'new-writer.md'), '---\nname: New Writer\n---\nWrites things.\n');
    expect(await s.reseed()).toEqual(['urls']);
    const id = s.authorIdOf('kevin-polowy');
    s.edit('authors/kevin-polowy.md', (text) => `${text.trimEnd()} He also hosts a podcast.\n`);
    expect(await s.reseed()).toEqual([`au:${id}`]);
  });

  it('a changed date re-ranks every list the story is in and its neighbours’ two-link rankings', async () => {
    const s = await sample();
    const id = s.idOf(REFERENCE);
    s.edit(`articles/${REFERENCE}.md`, (text) => text.replace(/^publishedAt: .*$/m, 'publishedAt: 2019-01-01T12:00:00Z'));
    const keys = await s.reseed();
    const db = new Database(s.file, { readonly: true });
    const sources = db.prepare('SELECT article_id AS id FROM related_links WHERE target_article_id = ?').all(id) as { id: number }[];
    const targets = db.prepare('SELECT target_article_id AS id FROM related_links WHERE article_id = ? AND target_article_id IS NOT NULL').all(id) as { id: number }[];
    db.close();
    expect(sources.length + targets.length).toBeGreaterThan(0);
    expect(keys).toEqual(expect.arrayContaining([`a:${id}`, 'latest', 'urls', ...sources.map((row) => `l:${row.id}`), ...targets.map((row) => `in:${row.id}`)]));
  });

  it('keeps only the newest seeds', async () => {
    const s = await sample();
    const db = new Database(s.file);
    const insert = db.prepare("INSERT INTO seeds (seeded_at, expired_keys) VALUES ('2020-01-01T00:00:00.000Z', '')");
    for (let i = 0; i < SEEDS_KEPT + 20; i++) insert.run();
    db.close();
    await s.reseed();
    expect(s.read<{ n: number; newest: string }>('SELECT count(*) AS n, max(seeded_at) AS newest FROM seeds')).toEqual({ n: SEEDS_KEPT, newest: expect.stringMatching(/^20\d\d-/) });
  });
});

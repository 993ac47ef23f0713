import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { STAT_SETTLE_MS } from '@/lib/content/load';
import { copySampleContent } from '@/test/content-fixture';
import { readRows, seedProblems } from '@/test/database';
import { openWritableDatabase } from '../client';
import { seedDatabase } from './index';
import { writeContent } from './write';

/**
 * A re-seed parses only the files whose bytes changed since the last seed and rewrites only their rows, while
 * every rule across the folder still sees every file (db/seed/manifest.ts).
 */

const HEROES = 'articles/we-can-be-heroes-robert-rodriguez.md';

function seededSample() {
  const dir = copySampleContent();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-incremental-')), 'news.db');
  const edit = (relative: string, change: (text: string) => string) => {
    const target = path.join(dir, relative);
    const text = fs.readFileSync(target, 'utf8');
    const changed = change(text);
    if (changed === text) throw new Error(`${relative}: the edit changed nothing`);
    fs.writeFileSync(target, changed);
  };
  return { dir, file, edit };
}

/** Tables a seed writes for its records: every insert, update and delete on them lands in `audit`. */
const AUDITED: Record<string, string> = {
  articles: 'slug',
  authors: 'slug',
  article_tags: 'article_id',
  article_authors: 'article_id',
  article_corrections: 'article_id',
  article_credits: 'article_id',
  article_redirects: 'article_id',
  related_links: 'article_id',
  content_files: 'path',
  media: 'hash',
};

/** Until files written now are older than the seed's settling time (lib/content/load.ts STAT_SETTLE_MS). */
const settle = () => new Promise((resolve) => setTimeout(resolve, STAT_SETTLE_MS + 100));

function installAudit(file: string): void {
  const db = new Database(file);
  db.exec('CREATE TABLE audit (tbl TEXT NOT NULL, op TEXT NOT NULL, row_key TEXT)');
  for (const [table, key] of Object.entries(AUDITED)) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      const row = op === 'DELETE' ? 'OLD' : 'NEW';
      // A manifest row whose file's stat alone moved is not a rewrite of what the seed loaded: the stat test
      // below checks those updates itself.
      const event = table === 'content_files' && op === 'UPDATE' ? 'UPDATE OF path, kind, sha256, format, slug, content_hash, facts' : op;
      db.exec(`CREATE TRIGGER audit_${table}_${op.toLowerCase()} AFTER ${event} ON ${table} BEGIN INSERT INTO audit VALUES ('${table}', '${op}', ${row}.${key}); END`);
    }
  }
  db.close();
}

/** What the seed wrote since the audit began: "table op key", rows hanging off an article keyed by its slug. */
function audited(file: string): string[] {
  const byArticle = Object.entries(AUDITED).filter(([, key]) => key === 'article_id').map(([table]) => `'${table}'`).join(', ');
  return readRows<{ line: string }>(
    file,
    `SELECT tbl || ' ' || op || ' ' || CASE WHEN tbl IN (${byArticle})
       THEN coalesce((SELECT slug FROM articles WHERE id = CAST(row_key AS INTEGER)), row_key) ELSE row_key END AS line
     FROM audit ORDER BY rowid`,
  ).map((row) => row.line);
}

describe('a re-seed costs what changed', () => {
  it('rewrites only the changed file’s rows, and nothing at all when no file changed', async () => {
    const { dir, file, edit } = seededSample();
    const first = await seedDatabase({ dir, databaseFile: file });
    expect(first.files).toEqual({ total: 9, parsed: 9 });
    installAudit(file);

    // The audit itself works: a seed that must parse every file (a format from an older seed) rewrites the manifest
    // of every file, and the audit records it.
    const db = new Database(file);
    db.prepare("UPDATE content_files SET format = 'an older seed'").run();
    db.close();
    const reread = await seedDatabase({ dir, databaseFile: file });
    expect(reread.files.parsed).toBe(9);
    expect(audited(file).filter((line) => line.startsWith('content_files INSERT'))).toHaveLength(9);
    const clear = new Database(file);
    clear.exec('DELETE FROM audit');
    clear.close();

    const unchanged = await seedDatabase({ dir, databaseFile: file });
    expect(unchanged.files).toEqual({ total: 9, parsed: 0 });
    expect(unchanged.articles).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 7 });
    expect(audited(file)).toEqual([]);

    edit(HEROES, (text) => text.replace(/^title: .*$/m, 'title: "A headline fixed by an editor"'));
    const oneFix = await seedDatabase({ dir, databaseFile: file });
    expect(oneFix.files).toEqual({ total: 9, parsed: 1 });
    expect(oneFix.articles).toEqual({ added: 0, updated: 1, removed: 0, unchanged: 6 });
    const written = audited(file);
    // Its row, its manifest row and the rows that hang off it: nothing of any other story or author.
    expect(written).toContain('articles UPDATE we-can-be-heroes-robert-rodriguez');
    expect(written).toContain(`content_files INSERT ${HEROES}`);
    for (const line of written) {
      expect(line, 'a row of another record was written').toMatch(new RegExp(` (we-can-be-heroes-robert-rodriguez|${HEROES.replace('.', '\\.')})$`));
    }
    expect(readRows<{ title: string }>(file, "SELECT title FROM articles WHERE slug = 'we-can-be-heroes-robert-rodriguez'")[0]?.title).toBe('A headline fixed by an editor');
  });

  it('ends with the same database as a seed that parses every file, after an editor’s afternoon of changes', async () => {
    const { dir, file, edit } = seededSample();
    await seedDatabase({ dir, databaseFile: file });
    // A typo, a new story, a story removed (and the link to it), a file renamed, a bio edited, a photo replaced.
    edit('articles/we-can-be-heroes-plot-explained.md', (text) => text.replace('assembles', 'gathers'));
    fs.writeFileSync(path.join(dir, 'articles/new-story.md'), '---\ntitle: A new story\nauthor: kevin-polowy\nsection: Movies\npublishedAt: 2024-01-01\nrelated:\n  - slug: robert-rodriguez-two-careers\n---\nText.\n');
    fs.rmSync(path.join(dir, 'articles/rodriguez-mandalorian-season-2.md'));
    edit('articles/robert-rodriguez-two-careers.md', (text) => text.replace('  - slug: rodriguez-mandalorian-season-2\n', ''));
    edit('articles/netflix-2020-christmas-day-hit.md', (text) => text.replace(/^author:/m, 'slug: netflix-2020-christmas-day-hit\nauthor:'));
    fs.renameSync(path.join(dir, 'articles/netflix-2020-christmas-day-hit.md'), path.join(dir, 'articles/renamed-file.md'));
    edit('authors/kevin-polowy.md', (text) => `${text}He lives in Los Angeles.\n`);
    const photo = fs.readdirSync(path.join(dir, 'images')).find((name) => name.endsWith('.jpg'))!;
    fs.copyFileSync(path.join(dir, 'images', fs.readdirSync(path.join(dir, 'images')).filter((name) => name.endsWith('.jpg') && name !== photo)[0]!), path.join(dir, 'images', photo));

    const incremental = await seedDatabase({ dir, databaseFile: file });
    expect(incremental.files.parsed).toBeLessThan(incremental.files.total);
    const fresh = path.join(path.dirname(file), 'fresh.db');
    await seedDatabase({ dir, databaseFile: fresh, full: true });

    const contents = (databaseFile: string) => ({
      articles: readRows(databaseFile, 'SELECT slug, content_hash, source_file, image_hash, video_poster_hash, body_images FROM articles ORDER BY slug'),
      authors: readRows(databaseFile, 'SELECT slug, content_hash FROM authors ORDER BY slug'),
      links: readRows(databaseFile, `SELECT a.slug, l.position, t.slug AS target, l.url FROM related_links l JOIN articles a ON a.id = l.article_id
        LEFT JOIN articles t ON t.id = l.target_article_id ORDER BY a.slug, l.position`),
      bylines: readRows(databaseFile, 'SELECT a.slug, b.position, w.slug AS author FROM article_authors b JOIN articles a ON a.id = b.article_id JOIN authors w ON w.id = b.author_id ORDER BY 1, 2'),
      tags: readRows(databaseFile, 'SELECT a.slug, t.position, t.slug AS tag FROM article_tags t JOIN articles a ON a.id = t.article_id ORDER BY 1, 2'),
      search: readRows(databaseFile, 'SELECT a.slug, s.title, s.body FROM articles_search s JOIN articles a ON a.id = s.rowid ORDER BY 1'),
      manifest: readRows(databaseFile, 'SELECT path, kind, sha256, format, slug, content_hash, facts FROM content_files ORDER BY path'),
    });
    const expected = contents(fresh);
    expect(expected.articles).toHaveLength(7);
    expect(contents(file)).toEqual(expected);
  });

  it('every rule across the folder still sees the files it did not parse: the same problems as a full seed, nothing written', async () => {
    const breakages: [string, (sample: ReturnType<typeof seededSample>) => void][] = [
      ['an author removed that unchanged stories name', ({ dir }) => fs.rmSync(path.join(dir, 'authors/entertainment-desk.md'))],
      ['a story removed that unchanged stories link to', ({ dir }) => fs.rmSync(path.join(dir, 'articles/we-can-be-heroes-sequel-greenlit.md'))],
      ['a new story takes a live slug', ({ dir }) => fs.writeFileSync(path.join(dir, 'articles/copy.md'), '---\nslug: robert-rodriguez-two-careers\ntitle: T\nauthor: kevin-polowy\nsection: Movies\npublishedAt: 2024-01-01\n---\nText.\n')],
      ['a section spelled another way', ({ edit }) => edit('articles/we-can-be-heroes-plot-explained.md', (text) => text.replace(/^section: .*$/m, 'section: ENTERTAINMENT'))],
      ['an old slug that is a live one', ({ edit }) => edit('articles/we-can-be-heroes-plot-explained.md', (text) => text.replace(/^section:/m, 'redirectFrom: [robert-rodriguez-two-careers]\nsection:'))],
    ];
    for (const [what, breakIt] of breakages) {
      const sample = seededSample();
      await seedDatabase({ dir: sample.dir, databaseFile: sample.file });
      const before = fs.readFileSync(sample.file);
      breakIt(sample);
      const incremental = await seedProblems(seedDatabase({ dir: sample.dir, databaseFile: sample.file }));
      const full = await seedProblems(seedDatabase({ dir: sample.dir, databaseFile: sample.file, full: true }));
      expect(incremental.length, what).toBeGreaterThan(0);
      expect(incremental, what).toEqual(full);
      expect(fs.readFileSync(sample.file).equals(before), `${what}: the database changed`).toBe(true);
    }
  });

  it('does not trust what it kept when the database changed behind it', async () => {
    const { dir, file } = seededSample();
    await seedDatabase({ dir, databaseFile: file });
    const db = new Database(file);
    db.prepare("UPDATE articles SET title = 'Edited by hand', content_hash = 'by hand' WHERE slug = 'we-can-be-heroes-robert-rodriguez'").run();
    db.close();
    const repaired = await seedDatabase({ dir, databaseFile: file });
    expect(repaired.files.parsed).toBe(1);
    expect(repaired.articles.updated).toBe(1);
    expect(readRows<{ title: string }>(file, "SELECT title FROM articles WHERE slug = 'we-can-be-heroes-robert-rodriguez'")[0]?.title).not.toBe('Edited by hand');
  });

  it('does not read a file whose stat is as the last seed found it, and still sees every write to one', async () => {
    const { dir, file, edit } = seededSample();
    await seedDatabase({ dir, databaseFile: file });
    const stats = () => new Map(readRows<{ path: string; stat: string | null }>(file, 'SELECT path, stat FROM content_files').map((row) => [row.path, row.stat]));
    // Just copied: too fresh to trust (a second write in the same clock tick could leave the stat as it was).
    expect([...stats().values()].every((stat) => stat === null)).toBe(true);
    await settle();
    expect((await seedDatabase({ dir, databaseFile: file })).files.parsed).toBe(0);
    const settled = stats();
    expect(settled.size).toBe(9);
    for (const [name, stat] of settled) expect(stat, name).toMatch(/^\d+:\d+:\d+:\d+:\d+$/);

    // Proof that the bytes are not read while the stat holds: a kept hash changed behind the seed's back goes unnoticed.
    const db = new Database(file);
    db.prepare("UPDATE content_files SET sha256 = 'not the hash of the bytes' WHERE path = ?").run(HEROES);
    db.close();
    expect((await seedDatabase({ dir, databaseFile: file })).files.parsed).toBe(0);
    expect(readRows<{ sha256: string }>(file, 'SELECT sha256 FROM content_files WHERE path = ?', HEROES)[0]?.sha256).toBe('not the hash of the bytes');

    // An edit of the same size with its modification time set back to the nanosecond (`touch -r`): its ctime moved,
    // so it is read.
    const target = path.join(dir, HEROES);
    const times = path.join(path.dirname(file), 'times');
    fs.writeFileSync(times, '');
    execFileSync('touch', ['-r', target, times]);
    const before = fs.statSync(target, { bigint: true });
    edit(HEROES, (text) => text.replace(/^(title: .*)Rodriguez/m, '$1RODRIGUEZ'));
    execFileSync('touch', ['-r', times, target]);
    const after = fs.statSync(target, { bigint: true });
    expect([after.size, after.mtimeNs]).toEqual([before.size, before.mtimeNs]);
    await settle();
    const sameSize = await seedDatabase({ dir, databaseFile: file });
    expect(sameSize.files.parsed).toBe(1);
    expect(sameSize.articles.updated).toBe(1);
    expect(readRows<{ title: string }>(file, "SELECT title FROM articles WHERE slug = 'we-can-be-heroes-robert-rodriguez'")[0]?.title).toContain('RODRIGUEZ');
    const [dev, ino, size, mtime, ctime] = settled.get(HEROES)!.split(':');
    const now = stats().get(HEROES)!.split(':');
    expect(now.slice(0, 4)).toEqual([dev, ino, size, mtime]);
    expect(now[4]).not.toBe(ctime);

    // A file written again with the same bytes (a checkout, a copy): read, not parsed; only its stat is refreshed.
    installAudit(file);
    const author = 'authors/kevin-polowy.md';
    const statBefore = stats().get(author);
    fs.writeFileSync(path.join(dir, author), fs.readFileSync(path.join(dir, author)));
    await settle();
    const rewritten = await seedDatabase({ dir, databaseFile: file });
    expect(rewritten.files.parsed).toBe(0);
    expect(audited(file)).toEqual([]);
    expect(stats().get(author)).not.toBe(statBefore);
    expect(stats().get(author)).toMatch(/^\d+:\d+:\d+:\d+:\d+$/);
  });

  it('refuses to write when another seed wrote the database after this one read what it kept', async () => {
    const { dir, file } = seededSample();
    await seedDatabase({ dir, databaseFile: file });
    const { sqlite, db } = openWritableDatabase(file);
    try {
      const newest = (sqlite.prepare('SELECT max(id) AS id FROM seeds').get() as { id: number }).id;
      const count = () => (sqlite.prepare('SELECT count(*) AS n FROM seeds').get() as { n: number }).n;
      const seedsBefore = count();
      const write = () => writeContent(db, { authors: [], articles: [], unparsed: { articles: new Set(['we-can-be-heroes-robert-rodriguez']), authors: new Set(['kevin-polowy']), seedId: newest - 1 } });
      expect(write).toThrow(/another seed wrote the database/);
      expect(count()).toBe(seedsBefore);
    } finally {
      sqlite.close();
    }
  });
});

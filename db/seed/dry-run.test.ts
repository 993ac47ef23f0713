import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySampleContent } from '@/test/content-fixture';
import { runSeed } from '@/test/run-seed';
import { seedDatabase } from './index';

const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('npm run db:seed -- --dry-run', () => {
  it('prints what a seed would add, update and remove, file by file, writes nothing, and the seed then does exactly that', async () => {
    const dir = copySampleContent();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'news-dry-'));
    const file = path.join(folder, 'news.db');
    await seedDatabase({ dir, databaseFile: file });
    // An editor's afternoon: a typo fixed, a story removed (with the link to it), one added, a bio edited.
    const plot = path.join(dir, 'articles/we-can-be-heroes-plot-explained.md');
    fs.writeFileSync(plot, fs.readFileSync(plot, 'utf8').replace('assembles', 'gathers'));
    fs.rmSync(path.join(dir, 'articles/rodriguez-mandalorian-season-2.md'));
    const careers = path.join(dir, 'articles/robert-rodriguez-two-careers.md');
    fs.writeFileSync(careers, fs.readFileSync(careers, 'utf8').replace('  - slug: rodriguez-mandalorian-season-2\n', ''));
    fs.writeFileSync(path.join(dir, 'articles/new-story.md'), '---\ntitle: A new story\nauthor: kevin-polowy\nsection: Movies\npublishedAt: 2024-01-01\n---\nText.\n');
    const bio = path.join(dir, 'authors/kevin-polowy.md');
    fs.writeFileSync(bio, `${fs.readFileSync(bio, 'utf8')}He lives in Los Angeles.\n`);
    const before = digest(file);

    const dry = runSeed(file, dir, {}, ['--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Dry run: nothing written.');
    const plan = dry.stdout.split('\n').filter((line) => line.startsWith('  '));
    expect(plan).toEqual([
      '  articles: 1 added, 2 updated, 1 removed, 4 unchanged',
      '    add    articles/new-story.md',
      '    update articles/robert-rodriguez-two-careers.md',
      '    update articles/we-can-be-heroes-plot-explained.md',
      '    remove articles/rodriguez-mandalorian-season-2.md',
      '  authors:  0 added, 1 updated, 0 removed, 1 unchanged',
      '    update authors/kevin-polowy.md',
    ]);
    // Not a byte written: the file is as it was and the write-ahead log holds nothing (SQLite may leave an empty
    // -wal and its -shm index beside a database in WAL mode that was read).
    expect(digest(file)).toBe(before);
    const wal = `${file}-wal`;
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);

    // The real seed does what the dry run said.
    const real = runSeed(file, dir);
    expect(real.status, real.stderr).toBe(0);
    expect(real.stdout).toContain(plan[0]!.trim());
    expect(real.stdout).toContain('authors:  0 added, 1 updated, 0 removed, 1 unchanged');
  });

  it('reports every problem a seed would refuse, exits 1, and creates no database', () => {
    const dir = copySampleContent();
    fs.writeFileSync(path.join(dir, 'articles/broken.md'), '---\ntitle: "unclosed\nauthor: kevin-polowy\n---\nText.\n');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-dry-')), 'news.db');
    const dry = runSeed(file, dir, {}, ['--dry-run']);
    expect(dry.status).toBe(1);
    expect(dry.stderr).toContain('articles/broken.md: front matter: is not valid YAML: Missing closing "quote (line 2, column 8)');
    expect(dry.stderr).toContain('Nothing was written.');
    expect(fs.existsSync(file)).toBe(false);
  });
});

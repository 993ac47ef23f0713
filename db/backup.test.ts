import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from './backup';
import { databaseProblem } from './health';
import { seedDatabase } from './seed';

const rows = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return ['authors', 'articles', 'article_tags', 'related_links', 'article_redirects', 'articles_search'].map((table) => db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all());
  } finally {
    db.close();
  }
};

describe('db:backup', () => {
  it('copies a live database consistently, and the copy restores', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-backup-'));
    const live = path.join(dir, 'news.db');
    await seedDatabase({ dir: 'content', databaseFile: live });

    // A reader in the middle of a read transaction, as the site would be.
    const reader = new Database(live, { readonly: true });
    const statement = reader.prepare('SELECT slug FROM articles');
    const iterator = statement.iterate();
    iterator.next();

    const target = path.join(dir, 'backups', 'news-backup.db');
    const { pages, bytes } = await backupDatabase(live, target);
    iterator.return?.();
    reader.close();
    expect(pages).toBeGreaterThan(0);
    expect(bytes).toBe(fs.statSync(target).size);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['news-backup.db']);
    expect(rows(target)).toEqual(rows(live));

    // Restore as README says: copy the backup to DATABASE_PATH; the site serves it and a seed finds nothing to change.
    const restored = path.join(dir, 'restored', 'news.db');
    fs.mkdirSync(path.dirname(restored));
    fs.copyFileSync(target, restored);
    expect(databaseProblem(restored)).toBeNull();
    const reseed = await seedDatabase({ dir: 'content', databaseFile: restored });
    expect(reseed.articles).toEqual({ added: 0, updated: 0, removed: 0, unchanged: 7 });
  });

  it('refuses to overwrite its source and leaves no partial file on failure', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-backup-'));
    const live = path.join(dir, 'news.db');
    await expect(backupDatabase(live, path.join(dir, 'copy.db'))).rejects.toThrow('does not exist');
    await seedDatabase({ dir: 'content', databaseFile: live });
    await expect(backupDatabase(live, live)).rejects.toThrow('another file');
    fs.writeFileSync(path.join(dir, 'garbage.db'), 'not a database'.repeat(500));
    await expect(backupDatabase(path.join(dir, 'garbage.db'), path.join(dir, 'copy.db'))).rejects.toThrow();
    expect(fs.readdirSync(dir).sort()).toEqual(['garbage.db', 'news.db']);
  });

  it('refuses to overwrite an existing backup unless told to, and then replaces it whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-backup-'));
    const live = path.join(dir, 'news.db');
    await seedDatabase({ dir: 'content', databaseFile: live });
    const target = path.join(dir, 'backups', 'news-backup.db');
    fs.mkdirSync(path.dirname(target));
    const earlier = Buffer.from('yesterday’s backup, which the editor still needs');
    fs.writeFileSync(target, earlier);

    await expect(backupDatabase(live, target)).rejects.toThrow(`${target} already exists: pass --force to overwrite it`);
    expect(fs.readFileSync(target)).toEqual(earlier);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['news-backup.db']);

    await backupDatabase(live, target, { overwrite: true });
    expect(rows(target)).toEqual(rows(live));
    expect(fs.readdirSync(path.dirname(target))).toEqual(['news-backup.db']);
  });

  it('npm run db:backup stops with one line naming the file when it exists, without --force', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-backup-'));
    const live = path.join(dir, 'news.db');
    await seedDatabase({ dir: 'content', databaseFile: live });
    const target = path.join(dir, 'news-backup.db');
    fs.writeFileSync(target, 'yesterday’s backup');

    const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'backup.ts'), target], { cwd: path.resolve(__dirname, '..'), env: { ...process.env, DATABASE_PATH: live }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`Backup failed: ${target} already exists: pass --force to overwrite it\n`);
    expect(run.stdout).toBe('');
    expect(fs.readFileSync(target, 'utf8')).toBe('yesterday’s backup');
  });
});

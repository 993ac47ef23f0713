import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCommand } from '@/test/run-seed';
import { seedDatabase } from './index';

const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
let corpus: string;

/** Everything in the database, as one digest: equal digests mean equal content. */
function digest(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const hash = createHash('sha256');
    for (const table of ['authors', 'articles', 'article_tags', 'related_links', 'article_redirects', 'articles_search', '__drizzle_migrations']) {
      hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

/**
 * Starts a seed of the large corpus (one process: `node --import tsx`, so the kill reaches the seed itself)
 * and SIGKILLs it `delayMs` after it starts writing (or after it starts, for `during: 'validation'`). */
function killedSeed(databaseFile: string, delayMs: number, during: 'validation' | 'writing'): Promise<{ signal: NodeJS.Signals | null; wrote: boolean }> {
  return new Promise((resolve) => {
    const { args, options } = seedCommand(databaseFile, corpus);
    const child = spawn(process.execPath, args, options);
    let wrote = false;
    const kill = () => setTimeout(() => child.kill('SIGKILL'), delayMs);
    if (during === 'validation') kill();
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (during === 'writing' && text.includes('writing…')) kill();
      if (text.includes('Seeded ')) wrote = true;
    });
    child.on('close', (_code, signal) => resolve({ signal, wrote }));
  });
}

beforeAll(() => {
  corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'news-corpus-'));
  const generated = spawnSync(process.execPath, [tsx, path.join(root, 'scripts', 'generate-content.ts'), '--count', '3000', '--out', corpus, '--force'], { cwd: root, encoding: 'utf8' });
  expect(generated.status, generated.stderr).toBe(0);
});

describe('a seed killed with SIGKILL', () => {
  it('leaves the database exactly as it was, at any moment', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-kill-')), 'news.db');
    seedDatabase({ dir: path.join(root, 'content'), databaseFile: file });
    const before = digest(file);

    const moments = [
      { during: 'validation', delayMs: 800 },
      { during: 'writing', delayMs: 0 },
      { during: 'writing', delayMs: 150 },
      { during: 'writing', delayMs: 400 },
      { during: 'writing', delayMs: 800 },
    ] as const;
    for (const moment of moments) {
      const { signal, wrote } = await killedSeed(file, moment.delayMs, moment.during);
      // The kill must have landed before the seed finished, or this moment proves nothing.
      expect(wrote, `${moment.during} +${moment.delayMs} ms`).toBe(false);
      expect(signal).toBe('SIGKILL');
      expect(digest(file), `${moment.during} +${moment.delayMs} ms`).toBe(before);
    }

    // And the next seed, not killed, goes through.
    const result = seedDatabase({ dir: corpus, databaseFile: file });
    expect(result.articles.added).toBe(3000);
    expect(result.articles.removed).toBe(7);
    expect(digest(file)).not.toBe(before);
  }, 180_000);
});

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

type Moment =
  /** SIGKILL this long after the seed starts, while it is still reading and validating. */
  | { name: string; afterMs: number }
  /** SIGKILL as soon as the seed prints a line that matches: a moment of the write taken from its own progress. */
  | { name: string; atLine: (line: string) => boolean };

/** The first progress line (`  writing: 30% (1800/6000)`) at or past `fraction` of the write. */
const progressAt = (fraction: number) => (line: string) => {
  const match = /^ {2}writing: \d+% \((\d+)\/(\d+)\)$/.exec(line);
  return match !== null && Number(match[1]) >= fraction * Number(match[2]);
};

/**
 * Starts a seed of the large corpus (one process: `node --import tsx`, so the kill reaches the seed itself)
 * and SIGKILLs it at `moment`. Resolves, once it has died, with everything it printed: the pipe keeps what
 * the seed wrote before the kill, and on Linux a write to a pipe is synchronous, so `committing…` is in it
 * before the commit starts. Its absence proves the kill landed before the commit.
 */
function killedSeed(databaseFile: string, moment: Moment): Promise<{ signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const { args, options } = seedCommand(databaseFile, corpus);
    const child = spawn(process.execPath, args, options);
    let stdout = '';
    let stderr = '';
    let pending = '';
    let killed = false;
    const timer = 'afterMs' in moment ? setTimeout(() => child.kill('SIGKILL'), moment.afterMs) : undefined;
    // A chunk may hold several lines or part of one (setEncoding also keeps a split "…" whole).
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      stdout += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!killed && 'atLine' in moment && moment.atLine(line)) {
          killed = child.kill('SIGKILL');
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, stdout, stderr });
    });
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
    await seedDatabase({ dir: path.join(root, 'content'), databaseFile: file });
    const before = digest(file);

    const moments: Moment[] = [
      { name: 'during validation', afterMs: 800 },
      { name: 'at "writing…"', atLine: (line) => line.endsWith('writing…') },
      { name: 'at 25% written', atLine: progressAt(0.25) },
      { name: 'at 50% written', atLine: progressAt(0.5) },
      { name: 'at 75% written', atLine: progressAt(0.75) },
    ];
    for (const moment of moments) {
      const { signal, stdout, stderr } = await killedSeed(file, moment);
      // Its stderr goes to the console: a stack trace inside an assertion message trips Vitest's source-map reader.
      if (signal !== 'SIGKILL') console.error(stderr);
      expect(signal, `${moment.name}: the seed was not killed (its stderr is above)\n${stdout}`).toBe('SIGKILL');
      // The kill must have landed at its moment, before the seed committed, or this moment proves nothing.
      if ('afterMs' in moment) {
        expect(stdout, `${moment.name}: the kill landed after validation`).not.toContain('writing…');
      } else {
        expect(stdout.split('\n').some(moment.atLine), `${moment.name}: the seed never printed the line to kill at\n${stdout}`).toBe(true);
      }
      expect(stdout, `${moment.name}: the kill landed after the write`).not.toContain('committing…');
      expect(stdout, `${moment.name}: the kill landed after the write`).not.toContain('Seeded ');
      expect(digest(file), moment.name).toBe(before);
    }

    // And the next seed, not killed, goes through.
    const result = await seedDatabase({ dir: corpus, databaseFile: file });
    expect(result.articles.added).toBe(3000);
    expect(result.articles.removed).toBe(7);
    expect(digest(file)).not.toBe(before);
  }, 180_000);
});

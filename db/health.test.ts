import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import journal from '../drizzle/meta/_journal.json';
import { databaseProblem, logDatabaseState } from './health';
import { seedDatabase } from './seed';

/**
 * What an operator reads when the site cannot serve its database (the 503's log line and /healthz's reason
 * come from databaseProblem): for each way a database file breaks, the file is first shown to be broken that
 * way by other means (the file system, the SQLite header, the migrations table), then the line is checked
 * whole. A state that the test failed to produce proves nothing, so the proof comes first.
 */

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'news-health-'));
/** The newest migration this checkout ships, read from drizzle's journal (not from db/health.ts). */
const SHIPPED = Math.max(...journal.entries.map((entry) => entry.when));
const SQLITE_HEADER = 'SQLite format 3\0';

/** A good database, seeded once from content/; each state starts from a copy of it. */
let seeded: string;

beforeAll(async () => {
  seeded = path.join(temp(), 'news.db');
  await seedDatabase({ dir: 'content', databaseFile: seeded });
}, 60_000);

function copyOfSeeded(): string {
  const file = path.join(temp(), 'news.db');
  fs.copyFileSync(seeded, file);
  return file;
}

const headerOf = (file: string) => fs.readFileSync(file).subarray(0, 16).toString('latin1');

/** Reads a database with its own connection, independently of db/health.ts. */
function read<T>(file: string, query: (db: Database.Database) => T): T {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

const latestApplied = (file: string) => read(file, (db) => (db.prepare('SELECT max(created_at) AS at FROM __drizzle_migrations').get() as { at: number }).at);
const tables = (file: string) => read(file, (db) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));

type Broken = {
  state: string;
  /** Breaks a database file that way and returns its path. */
  make: () => string;
  /** Shows, without databaseProblem, that the file really is in that state. */
  prove: (file: string) => void;
  /** The line the operator reads. */
  line: (file: string) => string | RegExp;
};

const BROKEN: Broken[] = [
  {
    state: 'DATABASE_PATH names a folder that does not exist',
    make: () => path.join(temp(), 'nope', 'news.db'),
    prove: (file) => expect(fs.existsSync(path.dirname(file))).toBe(false),
    line: (file) => `database ${file} does not exist (nor does its folder): run "npm run db:seed" to create it, or set DATABASE_PATH`,
  },
  {
    state: 'the file was never created',
    make: () => path.join(temp(), 'news.db'),
    prove: (file) => expect([fs.existsSync(path.dirname(file)), fs.existsSync(file)]).toEqual([true, false]),
    line: (file) => `database ${file} does not exist: run "npm run db:seed" to create it, or set DATABASE_PATH`,
  },
  {
    state: 'the file is empty (touched, never seeded)',
    make: () => {
      const file = path.join(temp(), 'news.db');
      fs.writeFileSync(file, '');
      return file;
    },
    prove: (file) => expect(fs.statSync(file).size).toBe(0),
    line: (file) => `database ${file} has no schema: run "npm run db:seed" (it migrates first)`,
  },
  {
    state: "another application's SQLite database",
    make: () => {
      const file = path.join(temp(), 'news.db');
      const db = new Database(file);
      db.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('shopping list')");
      db.close();
      return file;
    },
    prove: (file) => {
      expect(headerOf(file)).toBe(SQLITE_HEADER);
      expect(tables(file)).toEqual(['notes']);
    },
    line: (file) => `database ${file} has no schema: run "npm run db:seed" (it migrates first)`,
  },
  {
    state: 'a text file copied over it',
    make: () => {
      const file = path.join(temp(), 'news.db');
      fs.writeFileSync(file, 'this is not a database, it is a text file that someone copied here by mistake\n'.repeat(60));
      return file;
    },
    prove: (file) => {
      expect(fs.statSync(file).size).toBeGreaterThan(4096);
      expect(headerOf(file)).not.toBe(SQLITE_HEADER);
    },
    line: (file) => `${file} is not an SQLite database (SQLITE_NOTADB): restore a backup (see README) or delete it and run "npm run db:seed"`,
  },
  {
    state: 'a copy cut short (the disk filled during a restore)',
    make: () => {
      const file = path.join(temp(), 'news.db');
      fs.writeFileSync(file, fs.readFileSync(seeded).subarray(0, 3 * 4096));
      return file;
    },
    prove: (file) => {
      // The header says how many pages the database has; the file holds fewer.
      const bytes = fs.readFileSync(file);
      expect(headerOf(file)).toBe(SQLITE_HEADER);
      const pageSize = bytes.readUInt16BE(16);
      const pages = bytes.readUInt32BE(28);
      expect(pages * pageSize).toBeGreaterThan(bytes.length);
    },
    line: (file) => `${file} is not an SQLite database (SQLITE_CORRUPT): restore a backup (see README) or delete it and run "npm run db:seed"`,
  },
  {
    state: 'a folder where the file should be',
    make: () => {
      const file = path.join(temp(), 'news.db');
      fs.mkdirSync(file);
      return file;
    },
    prove: (file) => expect(fs.statSync(file).isDirectory()).toBe(true),
    line: (file) => `database ${file} is a folder, not a database file: set DATABASE_PATH to a file in it (e.g. ${path.join(file, 'news.db')}) or move the folder away`,
  },
  {
    state: 'a database written by a newer version of the site',
    make: () => {
      const file = copyOfSeeded();
      const db = new Database(file);
      db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', SHIPPED + 86_400_000);
      db.close();
      return file;
    },
    prove: (file) => expect(latestApplied(file)).toBeGreaterThan(SHIPPED),
    line: (file) => `database ${file} has a newer schema than this version of the site: deploy the newer site, or restore a backup made by this version`,
  },
  {
    state: 'a database that missed the newest migration',
    make: () => {
      const file = copyOfSeeded();
      const db = new Database(file);
      db.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(SHIPPED);
      db.close();
      return file;
    },
    prove: (file) => expect(latestApplied(file)).toBeLessThan(SHIPPED),
    line: (file) => `database ${file} has an older schema: run "npm run db:migrate"`,
  },
];

describe('databaseProblem: what an operator reads for a broken database', () => {
  it.each(BROKEN.map((broken) => [broken.state, broken] as const))('%s', (_, broken) => {
    const file = broken.make();
    broken.prove(file);
    const line = databaseProblem(file);
    const expected = broken.line(file);
    if (typeof expected === 'string') expect(line).toBe(expected);
    else expect(line).toMatch(expected);
    // One line in a log, naming the file.
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toContain(file);
  });
});

describe('databaseProblem: databases the site serves', () => {
  it('reports nothing for a seeded database with every migration this build ships', () => {
    const file = copyOfSeeded();
    expect(latestApplied(file)).toBe(SHIPPED);
    const articles = fs.readdirSync(path.join('content', 'articles')).filter((name) => name.endsWith('.md')).length;
    expect(read(file, (db) => (db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n)).toBe(articles);
    expect(databaseProblem(file)).toBeNull();
  });

  it('reports nothing for a read-only file: the site only reads (the seed is what refuses it)', () => {
    const file = copyOfSeeded();
    fs.chmodSync(file, 0o444);
    expect(fs.statSync(file).mode & 0o222).toBe(0);
    expect(databaseProblem(file)).toBeNull();
  });
});

describe('logDatabaseState: the server log', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('says each problem once when it appears or changes, and once that the database is back', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const infos = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const dir = temp();
    const file = path.join(dir, 'news.db');

    // A server that starts before the first seed, answering a request a second for a while.
    const missing = databaseProblem(file)!;
    expect(fs.existsSync(file)).toBe(false);
    for (let request = 0; request < 5; request++) logDatabaseState(file, databaseProblem(file));
    // Someone touches the file: another problem.
    fs.writeFileSync(file, '');
    const empty = databaseProblem(file)!;
    expect(empty).not.toBe(missing);
    for (let request = 0; request < 3; request++) logDatabaseState(file, databaseProblem(file));
    // The seed runs: the database is back, and stays so.
    await seedDatabase({ dir: 'content', databaseFile: file });
    for (let request = 0; request < 3; request++) logDatabaseState(file, databaseProblem(file));

    expect(errors.mock.calls).toEqual([[`[database] ${missing}`], [`[database] ${empty}`]]);
    expect(infos.mock.calls).toEqual([[`[database] ${file} is available again`]]);
  });
});

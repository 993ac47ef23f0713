// No 'server-only' marker: the front door (server/) imports this module outside Next's bundles; see connection.ts.
import type Database from 'better-sqlite3';
import { EVERY_KEY } from '../cache-keys';
import { schemaProblem } from '../health';
import { articleKeys, snapshotArticles } from '../seed/changes';
import { closeReadConnection, DatabaseUnavailableError, getDb, readConnection } from './connection';

type Statements = {
  dataVersion: Database.Statement<[], number>;
  latest: Database.Statement<[], number | null>;
  oldest: Database.Statement<[], number | null>;
  since: Database.Statement<[number], { id: number; expired_keys: string }>;
  cameDue: Database.Statement<[string, string], number>;
  status: Database.Statement<[], { articles: number; lastSeedAt: string | null }>;
};

const prepared = new WeakMap<Database.Database, Statements>();

function statements(sqlite: Database.Database): Statements {
  let found = prepared.get(sqlite);
  if (!found) {
    found = {
      // Changes whenever another connection (a seed) commits to the file: one cheap read a request.
      dataVersion: sqlite.prepare<[], number>('PRAGMA data_version').pluck(),
      latest: sqlite.prepare<[], number | null>('SELECT max(id) FROM seeds').pluck(),
      oldest: sqlite.prepare<[], number | null>('SELECT min(id) FROM seeds').pluck(),
      since: sqlite.prepare('SELECT id, expired_keys FROM seeds WHERE id > ? ORDER BY id'),
      // The table, not the view of published stories: the stories that crossed their publication time, drafts aside.
      cameDue: sqlite.prepare<[string, string], number>('SELECT id FROM main.articles WHERE draft = 0 AND published_at > ? AND published_at <= ?').pluck(),
      status: sqlite.prepare('SELECT (SELECT count(*) FROM articles) AS articles, (SELECT seeded_at FROM seeds ORDER BY id DESC LIMIT 1) AS lastSeedAt'),
    };
    prepared.set(sqlite, found);
  }
  return found;
}

/** Where this process is in the seeds table, for the connection (epoch) it read it on. */
let position: { epoch: number; seedId: number; dataVersion: number } | undefined;

/**
 * What changed in the database since the last call: the keys the seeds
 * committed since then expired, 'all' when this process cannot know (the
 * first call, a replaced database file, seeds it missed that the table no
 * longer holds, or a seed that changed everything), or null for nothing.
 * The front door calls it before every request it hands to Next, so a
 * server is exactly as fresh as its database the moment a seed commits,
 * however many servers read the file and whatever port they are on.
 * Throws DatabaseUnavailableError when the database cannot be read.
 */
export function changesSinceLastCall(): string[] | 'all' | null {
  const connection = readConnection();
  const queries = statements(connection.sqlite);
  const dataVersion = queries.dataVersion.get()!;
  if (!position || position.epoch !== connection.epoch) {
    position = { epoch: connection.epoch, seedId: queries.latest.get() ?? 0, dataVersion };
    return 'all';
  }
  if (dataVersion === position.dataVersion) return null;
  // Someone wrote the file: a seed, or something that left a schema this site cannot serve.
  const problem = schemaProblem(connection.sqlite, connection.file);
  if (problem) {
    closeReadConnection();
    throw new DatabaseUnavailableError(problem);
  }
  position.dataVersion = dataVersion;
  const rows = queries.since.all(position.seedId);
  if (rows.length === 0) return null;
  const missed = (queries.oldest.get() ?? 0) > position.seedId + 1;
  position.seedId = rows.at(-1)!.id;
  if (missed || rows.some((row) => row.expired_keys === EVERY_KEY)) return 'all';
  const keys = new Set<string>();
  for (const row of rows) for (const key of row.expired_keys.split(' ')) if (key) keys.add(key);
  return [...keys];
}

/** How often a server looks for scheduled stories that have come due (they show within this and a request). */
const SCHEDULE_CHECK_MS = 1000;

let scheduleCheck: { epoch: number; upTo: string; at: number } | undefined;

/**
 * The cache keys of stories whose publishedAt came between the last call and now (scheduled stories going
 * live, with no seed): expired as if each story had just been added (db/seed/changes.ts articleKeys), so every
 * page that must now list or link it is rendered again. Looks at most once a second; null for nothing.
 */
export function publishedSinceLastCall(): string[] | null {
  const connection = readConnection();
  const now = Date.now();
  if (scheduleCheck && scheduleCheck.epoch === connection.epoch && now - scheduleCheck.at < SCHEDULE_CHECK_MS) return null;
  const upTo = new Date(now).toISOString();
  const from = scheduleCheck?.epoch === connection.epoch ? scheduleCheck.upTo : undefined;
  scheduleCheck = { epoch: connection.epoch, upTo, at: now };
  // A new connection starts with an empty cache: nothing rendered before it can be stale.
  if (from === undefined) return null;
  const ids = statements(connection.sqlite).cameDue.all(from, upTo);
  if (ids.length === 0) return null;
  const keys = new Set<string>();
  articleKeys(new Map(), snapshotArticles(getDb(), ids), keys);
  return [...keys];
}

/** What a health check reports of the database. */
export type DatabaseStatus = { file: string; articles: number; lastSeedAt: string | null };

/** Throws DatabaseUnavailableError when the database cannot serve. */
export function getDatabaseStatus(): DatabaseStatus {
  const connection = readConnection();
  return { file: connection.file, ...statements(connection.sqlite).status.get()! };
}

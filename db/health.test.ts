import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseProblem } from './health';
import { seedDatabase } from './seed';

const temp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'news-health-'));

describe('databaseProblem', () => {
  it('names each broken state in one line with what to run', async () => {
    const dir = temp();
    const file = path.join(dir, 'news.db');
    expect(databaseProblem(path.join(dir, 'nope', 'news.db'))).toBe(
      `database ${path.join(dir, 'nope', 'news.db')} does not exist (nor does its folder): run "npm run db:seed" to create it, or set DATABASE_PATH`,
    );
    expect(databaseProblem(file)).toMatch(/does not exist: run "npm run db:seed"/);
    fs.writeFileSync(file, '');
    expect(databaseProblem(file)).toBe(`database ${file} has no schema: run "npm run db:seed" (it migrates first)`);
    fs.writeFileSync(file, 'x'.repeat(4096));
    expect(databaseProblem(file)).toMatch(/is not an SQLite database \(SQLITE_NOTADB\): restore a backup/);
    fs.rmSync(file);

    await seedDatabase({ dir: 'content', databaseFile: file });
    expect(databaseProblem(file)).toBeNull();
    const db = new Database(file);
    db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 99_999_999_999_999);
    expect(databaseProblem(file)).toMatch(/has a newer schema than this version of the site/);
    db.prepare("DELETE FROM __drizzle_migrations WHERE hash = 'future'").run();
    db.prepare('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)').run();
    db.close();
    expect(databaseProblem(file)).toBe(`database ${file} has an older schema: run "npm run db:migrate"`);
    for (const line of [databaseProblem(file)!]) expect(line).not.toContain('\n');
  });
});

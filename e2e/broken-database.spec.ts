import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { runSeed } from '../test/run-seed';
import { REFERENCE_PATH } from './reference';
import { BROKEN } from './servers';

// The server on BROKEN starts with DATABASE_PATH in a folder that does not exist (playwright.config.ts).
const file = path.join(process.env.E2E_DATA_DIR!, 'missing', 'news.db');

/** The front door re-checks the database every second: poll until the answer is the expected one. */
async function expectStatus(request: APIRequestContext, status: number) {
  await expect
    .poll(async () => (await request.get(`${BROKEN}${REFERENCE_PATH}`)).status(), { timeout: 5000, intervals: [250] })
    .toBe(status);
}

test.describe.configure({ mode: 'serial' });

test('a broken database gives 503 without details, and the site recovers without a restart', async ({ request, page }) => {
  // A missing folder (and a clean start if this test is retried).
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
  await expectStatus(request, 503);
  const response = await page.goto(`${BROKEN}/`);
  expect(response?.status()).toBe(503);
  expect(response?.headers()['retry-after']).toBe('30');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We’ll be back shortly');
  expect(await response!.text()).not.toMatch(/SQLITE|news\.db|\bat \w+ \(/);

  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '');
  await expectStatus(request, 503); // an empty, unmigrated file

  fs.writeFileSync(file, 'this is not a database, it is a text file that someone copied here by mistake\n'.repeat(100));
  await expectStatus(request, 503);
  const refused = runSeed(file);
  expect(refused.status).not.toBe(0);
  expect(refused.stderr).toContain('is not an SQLite database');

  fs.rmSync(file);
  expect(runSeed(file).status).toBe(0);
  await expectStatus(request, 200);

  // A database from a newer version of the site is refused, then served again once it is restored.
  const db = new Database(file);
  db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', 99_999_999_999_999);
  await expectStatus(request, 503);
  const newer = runSeed(file);
  expect(newer.status).not.toBe(0);
  expect(newer.stderr).toContain('newer schema');
  db.prepare("DELETE FROM __drizzle_migrations WHERE hash = 'from-the-future'").run();
  db.close();
  await expectStatus(request, 200);

  // A read-only file is still served; the seed says it cannot write.
  fs.chmodSync(file, 0o444);
  try {
    await expectStatus(request, 200);
    const readOnly = runSeed(file);
    expect(readOnly.status).not.toBe(0);
    expect(readOnly.stderr).toContain('is read-only');
    await expectStatus(request, 200);
  } finally {
    fs.chmodSync(file, 0o644);
  }
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { originOf, PORTS } from './e2e/ports';

/**
 * End-to-end tests run against the production build (`npm run test:e2e` builds
 * first) and a fresh temporary database seeded from content/ by `npm start`'s
 * own script. The folder is created once by the runner; workers inherit it.
 */
process.env.E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'news-e2e-'));
const dataDir = process.env.E2E_DATA_DIR;

const baseURL = originOf(PORTS.site);

// Debian's Chromium where it exists (Playwright cannot download browsers here); Playwright's own elsewhere.
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const launchOptions = fs.existsSync(SYSTEM_CHROMIUM)
  ? { executablePath: SYSTEM_CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] }
  : {};

const serverEnv = { NEXT_TELEMETRY_DISABLED: '1', SITE_URL: baseURL };

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'on-first-retry',
    launchOptions,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions } }],
  webServer: [
    {
      command: 'npx tsx scripts/start.ts',
      url: `${baseURL}/`,
      env: { ...serverEnv, PORT: String(PORTS.site), DATABASE_PATH: path.join(dataDir, 'news.db') },
      // Always our own server: a developer's server on this port would have another database.
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'pipe',
    },
    {
      command: 'node .next/newsline-server.cjs',
      // A static file answers 200 even without a database: the server is up.
      url: `${originOf(PORTS.broken)}/logo.svg`,
      env: { ...serverEnv, PORT: String(PORTS.broken), DATABASE_PATH: path.join(dataDir, 'missing', 'news.db') },
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: 'npx tsx db/seed/cli.ts --dir e2e/fixtures/hostile && node .next/newsline-server.cjs',
      url: `${originOf(PORTS.hostile)}/logo.svg`,
      env: { ...serverEnv, PORT: String(PORTS.hostile), DATABASE_PATH: path.join(dataDir, 'hostile', 'news.db') },
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});

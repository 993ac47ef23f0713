import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSettings, setting, SETTINGS, SettingError, type SettingName } from './settings';

const root = path.resolve(__dirname, '..');

/** Each variable: its default, values it takes (as given → as read), and a bad value with its whole message. */
const CASES: { [N in SettingName]: { fallback: unknown; valid: [string, unknown][]; bad: [string, string] } } = {
  DATABASE_PATH: {
    fallback: 'data/news.db',
    valid: [
      ['/srv/news/site.db', '/srv/news/site.db'],
      [' tmp/x.db ', 'tmp/x.db'],
    ],
    bad: ['data/\0.db', "DATABASE_PATH: must be a file path, got 'data/\0.db'"],
  },
  PORT: {
    fallback: 3000,
    valid: [
      ['8080', 8080],
      ['65535', 65535],
    ],
    bad: ['http', "PORT: must be a port number from 1 to 65535, got 'http'"],
  },
  HOST: {
    fallback: undefined,
    valid: [
      ['127.0.0.1', '127.0.0.1'],
      ['::', '::'],
      ['news-host.internal', 'news-host.internal'],
    ],
    bad: ['http://127.0.0.1', "HOST: must be a host name or IP address to listen on, like 127.0.0.1 or ::, got 'http://127.0.0.1'"],
  },
  WEB_CONCURRENCY: {
    fallback: 1,
    valid: [
      ['4', 4],
      ['99', 99],
    ],
    bad: ['0', "WEB_CONCURRENCY: must be a whole number of processes from 1 to 99, got '0'"],
  },
  CACHE_MAX_MB: {
    fallback: 150,
    valid: [
      ['1', 1],
      ['512', 512],
    ],
    bad: ['lots', "CACHE_MAX_MB: must be a whole number of megabytes (MiB) from 1 to 999999, got 'lots'"],
  },
  SITE_URL: {
    fallback: 'http://localhost:3000',
    valid: [
      ['https://news.example.com/', 'https://news.example.com'],
      ['http://127.0.0.1:3100', 'http://127.0.0.1:3100'],
    ],
    bad: ['news.example.com', "SITE_URL: must be an http(s) origin like https://news.example.com, got 'news.example.com'"],
  },
  PREVIEW_SECRET: {
    fallback: undefined,
    valid: [[' a-long-enough-shared-secret ', 'a-long-enough-shared-secret']],
    bad: ['short', "PREVIEW_SECRET: must be at least 16 characters: a random key, e.g. from `openssl rand -base64 32`, got 'short'"],
  },
  PURGE_URLS: {
    fallback: [],
    valid: [
      ['http://127.0.0.1:8080', ['http://127.0.0.1:8080']],
      ['http://127.0.0.1:8080/, https://cache.example.com/purge', ['http://127.0.0.1:8080', 'https://cache.example.com']],
    ],
    bad: ['http://127.0.0.1:8080,ftp://cache', "PURGE_URLS: must be comma-separated http(s) URLs like http://127.0.0.1:8080 ('ftp://cache' is not one), got 'http://127.0.0.1:8080,ftp://cache'"],
  },
};

const NAMES = Object.keys(SETTINGS) as SettingName[];

describe('settings', () => {
  it('covers every variable in these tests', () => {
    expect(Object.keys(CASES).sort()).toEqual([...NAMES].sort());
  });

  describe.each(NAMES)('%s', (name) => {
    const { fallback, valid, bad } = CASES[name];

    it('is its default while unset or blank', () => {
      expect(setting(name, {})).toEqual(fallback);
      expect(setting(name, { [name]: '' })).toEqual(fallback);
      expect(setting(name, { [name]: '  ' })).toEqual(fallback);
    });

    it.each(valid)('takes %j', (given, expected) => {
      expect(setting(name, { [name]: given })).toEqual(expected);
    });

    it('refuses a bad value with a message naming the variable, never falling back to the default', () => {
      expect(() => setting(name, { [name]: bad[0] })).toThrow(SettingError);
      expect(() => setting(name, { [name]: bad[0] })).toThrow(bad[1]);
      // Asked again (values are remembered), still refused.
      expect(() => setting(name, { [name]: bad[0] })).toThrow(bad[1]);
    });
  });

  it('refuses out-of-range numbers and other schemes too', () => {
    expect(() => setting('PORT', { PORT: '65536' })).toThrow("PORT: must be a port number from 1 to 65535, got '65536'");
    expect(() => setting('PORT', { PORT: '0' })).toThrow('PORT: must be a port number');
    expect(() => setting('WEB_CONCURRENCY', { WEB_CONCURRENCY: '100' })).toThrow('WEB_CONCURRENCY: must be');
    expect(() => setting('WEB_CONCURRENCY', { WEB_CONCURRENCY: '1.5' })).toThrow('WEB_CONCURRENCY: must be');
    expect(() => setting('CACHE_MAX_MB', { CACHE_MAX_MB: '0' })).toThrow('CACHE_MAX_MB: must be');
    expect(() => setting('CACHE_MAX_MB', { CACHE_MAX_MB: '1000000' })).toThrow('CACHE_MAX_MB: must be');
    expect(() => setting('CACHE_MAX_MB', { CACHE_MAX_MB: '-5' })).toThrow('CACHE_MAX_MB: must be');
    expect(() => setting('SITE_URL', { SITE_URL: 'ftp://news.example.com' })).toThrow('SITE_URL: must be an http(s) origin');
    expect(() => setting('PURGE_URLS', { PURGE_URLS: 'http://127.0.0.1:8080,' })).toThrow("('' is not one)");
  });

  describe('readSettings', () => {
    it('reads every variable', () => {
      expect(readSettings({ PORT: '3100', SITE_URL: 'https://news.example.com/x' })).toEqual({
        DATABASE_PATH: 'data/news.db',
        PORT: 3100,
        HOST: undefined,
        WEB_CONCURRENCY: 1,
        CACHE_MAX_MB: 150,
        SITE_URL: 'https://news.example.com',
        PREVIEW_SECRET: undefined,
        PURGE_URLS: [],
      });
    });

    it('names every bad variable in one error, a line each', () => {
      let message = '';
      try {
        readSettings({ PORT: 'http', CACHE_MAX_MB: 'lots', HOST: '127.0.0.1' });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message.split('\n')).toEqual(["PORT: must be a port number from 1 to 65535, got 'http'", "CACHE_MAX_MB: must be a whole number of megabytes (MiB) from 1 to 999999, got 'lots'"]);
    });
  });

  describe('reading process.env', () => {
    const saved = process.env.CACHE_MAX_MB;
    afterEach(() => {
      if (saved === undefined) delete process.env.CACHE_MAX_MB;
      else process.env.CACHE_MAX_MB = saved;
    });

    it('reads the environment when asked, not when the module loaded', () => {
      process.env.CACHE_MAX_MB = '64';
      expect(setting('CACHE_MAX_MB')).toBe(64);
      process.env.CACHE_MAX_MB = '96';
      expect(setting('CACHE_MAX_MB')).toBe(96);
      process.env.CACHE_MAX_MB = 'lots';
      expect(() => setting('CACHE_MAX_MB')).toThrow("CACHE_MAX_MB: must be a whole number of megabytes (MiB) from 1 to 999999, got 'lots'");
      delete process.env.CACHE_MAX_MB;
      expect(setting('CACHE_MAX_MB')).toBe(150);
    });
  });
});

describe('cache-handler.js, CommonJS loaded by Next uncompiled', () => {
  /** Loads the handler with plain Node (no tsx), as Next does, and prints its page cache's size bound. */
  const loadHandler = (value: string | undefined) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CACHE_MAX_MB: value };
    if (value === undefined) delete env.CACHE_MAX_MB;
    delete env.NODE_OPTIONS;
    return spawnSync(process.execPath, ['-e', "require('./cache-handler.js'); console.log(globalThis[Symbol.for('newsline.page-cache')].entries.maxSize)"], { cwd: root, env, encoding: 'utf8' });
  };

  it('bounds its cache by CACHE_MAX_MB read through lib/settings.ts', () => {
    expect(loadHandler('64').stdout.trim()).toBe(String(64 * 1024 * 1024));
    expect(loadHandler(undefined).stdout.trim()).toBe(String(150 * 1024 * 1024));
  });

  it('refuses to load with a bad CACHE_MAX_MB, naming it', () => {
    const run = loadHandler('lots');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("CACHE_MAX_MB: must be a whole number of megabytes (MiB) from 1 to 999999, got 'lots'");
  });
});

describe('the documentation lists every variable with its default', () => {
  /** How .env.example writes the default: the value itself, or nothing when the default is no value. */
  const exampleValue = (name: SettingName) => {
    const fallback: unknown = SETTINGS[name].fallback;
    return fallback === undefined ? '' : Array.isArray(fallback) ? fallback.join(',') : String(fallback);
  };

  it('.env.example: every variable commented out with its default, and nothing else set', () => {
    const lines = fs.readFileSync(path.join(root, '.env.example'), 'utf8').split('\n');
    for (const name of NAMES) expect(lines).toContain(`# ${name}=${exampleValue(name)}`);
    expect(lines.filter((line) => /^\s*[A-Z_]+=/.test(line))).toEqual([]);
    const listed = lines.map((line) => /^# ([A-Z_]+)=/.exec(line)?.[1]).filter((name) => name !== undefined);
    expect(listed.sort()).toEqual([...NAMES].sort());
  });

  it("README's settings table: one row per variable, with its default", () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
    const rows = new Map([...section.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((match) => [match[1], match[2]!.trim()]));
    expect([...rows.keys()].sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      const documented = SETTINGS[name].unset ?? `\`${exampleValue(name)}\``;
      expect(rows.get(name), name).toBe(documented);
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStatus, recordBuildFingerprint, sourceFingerprint } from './build-fingerprint';

const CHANGED = { stale: true, reason: 'sources changed since the last build' };

/** A small project as `next build` sees it, plus the folders it does not read. */
const FILES: Record<string, string> = {
  'app/page.tsx': 'export default function Home() { return <h1>Newsline</h1>; }\n',
  'app/articles/[slug]/page.tsx': 'export default function Article() { return <article />; }\n',
  'app/globals.css': 'body { margin: 0; }\n',
  'db/schema.ts': 'export const articles = {};\n',
  'lib/site.ts': "export const siteName = 'Newsline';\n",
  'lib/site.test.ts': "it('names the site', () => {});\n",
  'public/images/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  'drizzle/0000_init.sql': 'CREATE TABLE articles (id integer);\n',
  'next.config.js': 'module.exports = {};\n',
  'cache-handler.js': 'module.exports = class CacheHandler {};\n',
  'proxy.ts': 'export function proxy() {}\n',
  'server/index.ts': "import http from 'node:http';\n",
  'package.json': '{ "name": "news-site" }\n',
  'package-lock.json': '{ "lockfileVersion": 3 }\n',
  'tsconfig.json': '{}\n',
  'vitest.config.mts': 'export default {};\n',
  'README.md': '# Newsline\n',
  'content/articles/first.md': '---\ntitle: First\n---\nBody.\n',
  'e2e/home.spec.ts': "test('home', () => {});\n",
  'scripts/start.ts': "console.log('start');\n",
  'docs/operations.md': '# Operations\n',
  '.next/BUILD_ID': 'build-1\n',
};

let root: string;

function write(relative: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  fs.writeFileSync(path.join(root, relative), text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'news-fingerprint-'));
  for (const [relative, text] of Object.entries(FILES)) write(relative, text);
  recordBuildFingerprint(root);
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('buildStatus', () => {
  it('is fresh right after a build records its fingerprint', () => {
    expect(fs.readFileSync(path.join(root, '.next', 'source-fingerprint'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
    expect(buildStatus(root)).toEqual({ stale: false });
  });

  it('is stale without a production build, or with one that recorded no fingerprint', () => {
    fs.rmSync(path.join(root, '.next', 'source-fingerprint'));
    expect(buildStatus(root)).toEqual({ stale: true, reason: 'the build predates fingerprinting' });
    fs.rmSync(path.join(root, '.next', 'BUILD_ID'));
    expect(buildStatus(root)).toEqual({ stale: true, reason: 'no production build' });
  });

  it('is stale once one byte of a page changes, and fresh again when the byte is put back', () => {
    write('app/page.tsx', FILES['app/page.tsx']!.replace('Newsline', 'Newsl1ne'));
    expect(buildStatus(root)).toEqual(CHANGED);
    write('app/page.tsx', FILES['app/page.tsx']!);
    expect(buildStatus(root)).toEqual({ stale: false });
  });

  it('ignores modification times: touching every source file without changing it is no change', () => {
    const later = new Date(Date.now() + 3_600_000);
    for (const relative of Object.keys(FILES)) fs.utimesSync(path.join(root, relative), later, later);
    expect(buildStatus(root)).toEqual({ stale: false });
  });

  it('is stale when a file is added, deleted or renamed', () => {
    write('public/images/new.svg', '<svg/>\n');
    expect(buildStatus(root)).toEqual(CHANGED);
    recordBuildFingerprint(root);

    fs.rmSync(path.join(root, 'db', 'schema.ts'));
    expect(buildStatus(root)).toEqual(CHANGED);
    recordBuildFingerprint(root);

    fs.renameSync(path.join(root, 'app', 'articles', '[slug]'), path.join(root, 'app', 'articles', '[id]'));
    expect(buildStatus(root)).toEqual(CHANGED);
  });

  it('is stale when the server or a top-level file it loads changes, or a new one appears', () => {
    for (const [relative, text] of [
      ['next.config.js', 'module.exports = { poweredByHeader: false };\n'],
      ['proxy.ts', 'export function proxy() { return; }\n'],
      ['server/index.ts', "import http from 'node:http';\nhttp.createServer();\n"],
      ['package-lock.json', '{ "lockfileVersion": 3, "packages": {} }\n'],
      ['instrumentation.ts', 'export function register() {}\n'],
      ['server.mjs', "import 'node:http';\n"],
    ] as const) {
      write(relative, text);
      expect(buildStatus(root), relative).toEqual(CHANGED);
      recordBuildFingerprint(root);
    }
  });

  it('ignores what the build does not read: content, tests, specs, scripts, docs, tool configs, dotfiles', () => {
    write('content/articles/first.md', '---\ntitle: First, edited\n---\nBody.\n');
    write('content/articles/second.md', '---\ntitle: Second\n---\n');
    write('e2e/home.spec.ts', "test('home page', () => {});\n");
    write('lib/site.test.ts', "it('names the site again', () => {});\n");
    write('app/page.test.tsx', "it('renders', () => {});\n");
    write('scripts/start.ts', "console.log('started');\n");
    write('README.md', '# Newsline, the README\n');
    write('docs/operations.md', '# Operations, edited\n');
    write('vitest.config.mts', 'export default { test: {} };\n');
    write('next-env.d.ts', '/// <reference types="next" />\n');
    write('app/.page.tsx.swp', 'editor state');
    write('data/news.db', 'SQLite format 3');
    write('bench/.cache/corpus/articles/story-1.md', '---\n');
    write('node_modules/next/package.json', '{ "version": "99.0.0" }\n');
    expect(buildStatus(root)).toEqual({ stale: false });
  });

  it('counts an edit made while the build ran when the build passes the fingerprint taken before it', () => {
    const before = sourceFingerprint(root);
    write('lib/site.ts', "export const siteName = 'Newsline Daily';\n");
    recordBuildFingerprint(root, before);
    expect(buildStatus(root)).toEqual(CHANGED);
  });
});

describe('sourceFingerprint', () => {
  it('tells a deleted file apart from its path and bytes appended to the file before it', () => {
    write('lib/a.ts', 'export const a = 1;\n');
    write('lib/b.ts', 'export const b = 2;\n');
    const twoFiles = sourceFingerprint(root);
    fs.rmSync(path.join(root, 'lib', 'b.ts'));
    write('lib/a.ts', 'export const a = 1;\nlib/b.tsexport const b = 2;\n');
    expect(sourceFingerprint(root)).not.toBe(twoFiles);
  });

  it('hashes this project in well under a second (it never walks node_modules, .next or content/)', () => {
    const project = path.resolve(__dirname, '..');
    const started = performance.now();
    sourceFingerprint(project);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

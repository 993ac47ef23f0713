import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';

/** A throwaway content folder for tests: write files by relative path, front matter as objects. */
export function makeContentFolder(): { dir: string; write: (file: string, frontMatter: object | string, body?: string) => void; remove: (file: string) => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-content-'));
  fs.mkdirSync(path.join(dir, 'authors'));
  fs.mkdirSync(path.join(dir, 'articles'));
  return {
    dir,
    write(file, frontMatter, body = '') {
      const yaml = typeof frontMatter === 'string' ? frontMatter : stringify(frontMatter);
      fs.writeFileSync(path.join(dir, file), `---\n${yaml}---\n${body}`);
    },
    remove(file) {
      fs.rmSync(path.join(dir, file));
    },
  };
}

export const author = { name: 'Ada Reporter', title: 'Correspondent', organization: 'Newsline' };

export function article(overrides: Record<string, unknown> = {}) {
  return { title: 'A headline', author: 'ada', section: 'News', publishedAt: '2024-05-01T10:00:00Z', ...overrides };
}

export const BODY = 'First paragraph of the story.\n\nSecond paragraph.\n';

/** Copy content/ (the shipped sample) into a temporary folder so a test may change it. */
export function copySampleContent(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-sample-'));
  fs.cpSync(path.resolve(__dirname, '..', 'content'), dir, { recursive: true });
  return dir;
}

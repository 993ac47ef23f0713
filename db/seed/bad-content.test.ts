import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError, formatProblem } from '@/lib/content';
import { copySampleContent } from '@/test/content-fixture';
import { seedDatabase } from './index';

/** Seeds `dir` over a database holding the sample, expecting a refusal; returns the problems and checks nothing changed. */
async function refused(dir: string): Promise<string[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-bad-')), 'news.db');
  await seedDatabase({ dir: 'content', databaseFile: file });
  const before = fs.readFileSync(file);
  let problems: string[] = [];
  const started = Date.now();
  try {
    await seedDatabase({ dir, databaseFile: file });
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    problems = error.problems.map(formatProblem);
  }
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  return problems;
}

describe('the seed refuses bad content files, names each and writes nothing', () => {
  it('handles every kind of bad file in one folder', async () => {
    const dir = copySampleContent();
    const articles = path.join(dir, 'articles');
    const valid = (extra: string) => `---\ntitle: A story\nauthor: kevin-polowy\nsection: News\npublishedAt: 2024-01-01\n${extra}---\nBody text.\n`;
    fs.writeFileSync(path.join(articles, 'invalid-yaml.md'), '---\ntitle: [unclosed\nauthor: : :\n---\nBody');
    fs.writeFileSync(path.join(articles, 'wrong-types.md'), '---\ntitle: 42\nauthor: [a, b]\nsection: {x: 1}\npublishedAt: true\ntags: Netflix\n---\nBody');
    fs.writeFileSync(path.join(articles, 'missing-fields.md'), '---\ndek: Only a dek\n---\nBody');
    fs.writeFileSync(path.join(articles, 'latin1.md'), Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'));
    fs.writeFileSync(path.join(articles, 'binary.md'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x02, 0x01]));
    fs.writeFileSync(path.join(articles, 'huge.md'), valid('') + 'word '.repeat(4 * 1024 * 1024));
    fs.writeFileSync(path.join(articles, 'many-tags.md'), valid(`tags:\n${Array.from({ length: 10_000 }, (_, i) => `  - Tag ${i}\n`).join('')}`));
    fs.writeFileSync(path.join(articles, 'duplicate.md'), valid('slug: we-can-be-heroes-robert-rodriguez\n'));
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-outside-')), 'passwd.md');
    fs.writeFileSync(outside, valid(''));
    fs.symlinkSync(outside, path.join(articles, 'escape.md'));

    const problems = await refused(dir);
    const byFile = (file: string) => problems.filter((line) => line.startsWith(`articles/${file}: `));
    expect(byFile('invalid-yaml.md')).toEqual([expect.stringMatching(/^articles\/invalid-yaml\.md: front matter: is not valid YAML: .+\(line \d+, column \d+\)$/)]);
    expect(byFile('wrong-types.md').map((line) => line.split(': ')[1])).toEqual(['author', 'publishedAt', 'section', 'tags', 'title']);
    expect(byFile('missing-fields.md')).toEqual([
      'articles/missing-fields.md: author: is required',
      'articles/missing-fields.md: publishedAt: is required',
      'articles/missing-fields.md: section: is required',
      'articles/missing-fields.md: title: is required',
    ]);
    expect(byFile('latin1.md')).toEqual(['articles/latin1.md: file: is not valid UTF-8 text: save it as UTF-8']);
    expect(byFile('binary.md')).toEqual(['articles/binary.md: file: is binary, not a Markdown text file']);
    expect(byFile('huge.md')).toEqual(['articles/huge.md: file: is 20.0 MB; the limit is 2 MB']);
    expect(byFile('many-tags.md')).toEqual(['articles/many-tags.md: tags: must list at most 30 tags']);
    expect(byFile('duplicate.md')).toEqual(['articles/duplicate.md: slug: article slug "we-can-be-heroes-robert-rodriguez" is also used by articles/we-can-be-heroes-robert-rodriguez.md']);
    expect(byFile('escape.md')).toEqual(['articles/escape.md: file: is a symlink to a file outside the content folder']);
    expect(problems).toContain('articles/we-can-be-heroes-robert-rodriguez.md: slug: article slug "we-can-be-heroes-robert-rodriguez" is also used by articles/duplicate.md');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { article, author, BODY, makeContentFolder } from '@/test/content-fixture';
import { formatProblem, lookAhead, readContent } from './index';

function problemsOf(dir: string): string[] {
  return readContent(dir).problems.map(formatProblem);
}

describe('readContent on the shipped sample', () => {
  it('loads every article and author with no problems', () => {
    const content = readContent(path.resolve(__dirname, '../../content'));
    expect(content.problems).toEqual([]);
    expect(content.articles).toHaveLength(7);
    const reference = content.articles.find((a) => a.slug === 'we-can-be-heroes-robert-rodriguez');
    expect(reference?.authorSlugs).toEqual(['kevin-polowy']);
    expect(reference?.source).toBe('Yahoo Entertainment');
    expect(reference?.related.filter((entry) => entry.kind === 'article')).toHaveLength(4);
    expect(reference?.wordCount).toBeGreaterThan(400);
    expect(reference?.wordCount).toBeLessThanOrEqual(600);
  });
});

describe('front matter', () => {
  it('takes the slug from the file name unless one is given, and normalizes dates to UTC', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author, 'Writes about things.');
    folder.write('articles/from-file-name.md', article({ publishedAt: '2024-05-01T12:00:00+02:00' }), BODY);
    folder.write('articles/Whatever Name.md', article({ slug: 'explicit-slug', publishedAt: '2024-05-02' }), BODY);
    const content = readContent(folder.dir);
    expect(content.problems).toEqual([]);
    expect(content.articles.map((a) => [a.slug, a.publishedAt])).toEqual([
      ['explicit-slug', '2024-05-02T00:00:00.000Z'],
      ['from-file-name', '2024-05-01T10:00:00.000Z'],
    ]);
    expect(content.authors[0]?.bio).toBe('Writes about things.');
  });

  it('reports every problem in every file as <file>: <field>: <problem>', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', { title: 'No name' });
    folder.write('articles/one.md', { author: 'ada', section: 'News', publishedAt: 'yesterday' }, BODY);
    folder.write('articles/two.md', article({ updatedAt: '2024-04-01T00:00:00Z', tags: ['A', 'a'], subtitle: 'typo field' }), BODY);
    folder.write(
      'articles/three.md',
      article({
        image: { src: 'javascript:alert(1)' },
        video: { title: 'Clip', url: 'https://vimeo.com/1' },
        related: [{ url: 'ftp://example.com/x', title: 'FTP' }, { url: 'https://example.com' }, { slug: 'Bad Slug' }, {}],
      }),
      BODY,
    );
    expect(problemsOf(folder.dir)).toEqual([
      'articles/one.md: publishedAt: must be an ISO 8601 date or date-time with a time zone, like 2021-01-06 or 2021-01-06T17:00:00Z',
      'articles/one.md: title: is required',
      'articles/three.md: image.alt: is required',
      'articles/three.md: image.src: must name a photo in content/images/, like /images/photo.jpg (pages need its size and resized copies, so photos from other sites cannot be used)',
      'articles/three.md: related.1.url: must be an absolute http(s) URL',
      'articles/three.md: related.2.title: is required with url',
      'articles/three.md: related.3.slug: must be lowercase letters, digits and single hyphens (like "we-can-be-heroes")',
      'articles/three.md: related.4: needs slug (another article) or url with title (an external page)',
      'articles/three.md: video.url: must be a YouTube URL (watch, youtu.be or embed) or an 11-character video id',
      'articles/two.md: subtitle: is not a known field (check the spelling in content/README.md)',
      'articles/two.md: tags.2: "a" is the same tag as "A"',
      'articles/two.md: updatedAt: must not be before publishedAt',
      'authors/ada.md: name: is required',
    ]);
  });

  it('names YAML errors where the editor sees them start, and files without front matter', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    // Line 1 is the opening ---: each problem starts on line 2 or 3, however far the parser read before noticing.
    folder.write('articles/bad-quote.md', 'title: "unclosed\nauthor: ada\nsection: News\npublishedAt: 2024-01-01\ndek: fine\ntags: [a, b]\n', BODY);
    folder.write('articles/bad-single.md', "title: A story\ndek: 'it''s unclosed\nauthor: ada\n", BODY);
    folder.write('articles/bad-bracket.md', 'title: [unclosed\nauthor: ada\nsection: News\n', BODY);
    folder.write('articles/bad-colon.md', 'title: A: b: c\nauthor: ada\n', BODY);
    fs.writeFileSync(path.join(folder.dir, 'articles/no-front-matter.md'), '# Just a heading\n');
    expect(problemsOf(folder.dir)).toEqual([
      'articles/bad-bracket.md: front matter: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] (line 2, column 8)',
      'articles/bad-colon.md: front matter: is not valid YAML: Nested mappings are not allowed in compact mappings (line 2, column 8)',
      'articles/bad-quote.md: front matter: is not valid YAML: Missing closing "quote (line 2, column 8)',
      "articles/bad-single.md: front matter: is not valid YAML: Missing closing 'quote (line 3, column 6)",
      'articles/no-front-matter.md: front matter: is missing: the file must start with YAML front matter between "---" lines',
    ]);
  });

  it('refuses a file name that is not a slug when no slug is given, and an empty body', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/Bad Name.md', article(), BODY);
    folder.write('articles/empty.md', article(), '\n\n');
    expect(problemsOf(folder.dir)).toEqual([
      'articles/Bad Name.md: slug: file name "Bad Name" is not a valid slug (lowercase letters, digits and single hyphens): rename the file or set slug',
      'articles/empty.md: body: is empty: write the article below the front matter',
    ]);
  });

  it('reports problems inside the body with their line in the file', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    // Front matter is lines 1-6; the body starts on line 7 with a blank line.
    folder.write('articles/clip.md', article(), '\nIntro.\n\n::video[Trailer]{url="https://example.com/x.mp4"}\n');
    expect(problemsOf(folder.dir)).toEqual([
      'articles/clip.md: body: line 10: ::video needs url="…" with a YouTube URL or id (got "https://example.com/x.mp4")',
    ]);
  });
});

describe('the graph and the set', () => {
  it('refuses dangling, self and repeated links, unknown authors and shared slugs', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/a.md', article({ related: [{ slug: 'b' }, { slug: 'missing' }, { slug: 'a' }, { slug: 'b' }] }), BODY);
    folder.write('articles/b.md', article({ author: 'nobody', related: [{ url: 'https://example.com/', title: 'X' }, { url: 'https://example.com/', title: 'Y' }] }), BODY);
    folder.write('articles/c.md', article({ slug: 'b' }), BODY);
    expect(problemsOf(folder.dir)).toEqual([
      'articles/a.md: related.2.slug: no article has slug "missing"',
      'articles/a.md: related.3.slug: an article cannot list itself',
      'articles/a.md: related.4: repeats related.1',
      'articles/b.md: author: no author "nobody" (expected authors/nobody.md)',
      'articles/b.md: related.2: repeats related.1',
      'articles/b.md: slug: article slug "b" is also used by articles/c.md',
      'articles/c.md: slug: article slug "b" is also used by articles/b.md',
    ]);
  });

  it('refuses old slugs that are live or claimed twice, and two spellings of one section or tag', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/a.md', article({ section: 'Food & Drink', tags: ['Café', 'Wine'], redirectFrom: ['old-a', 'b', 'old-a'] }), BODY);
    folder.write('articles/b.md', article({ section: 'Food and Drink', tags: ['Cafe', 'Wine'], redirectFrom: ['old-a', 'b'] }), BODY);
    folder.write('articles/c.md', article({ section: '!!!', tags: ['🎬'] }), BODY);
    expect(problemsOf(folder.dir)).toEqual([
      'articles/a.md: redirectFrom.2: "b" is the live slug of articles/b.md',
      'articles/a.md: redirectFrom.3: "old-a" is already claimed earlier in this list',
      'articles/b.md: redirectFrom.1: "old-a" is already claimed by articles/a.md',
      'articles/b.md: redirectFrom.2: "b" is the live slug of this article',
      'articles/b.md: section: "Food and Drink" and "Food & Drink" (articles/a.md) are both /sections/food-and-drink: use one spelling',
      'articles/b.md: tags.1: "Cafe" and "Café" (articles/a.md) are both /tags/cafe: use one spelling',
      'articles/c.md: section: needs at least one letter or digit (its page URL is made from them)',
      'articles/c.md: tags.1: needs at least one letter or digit (its page URL is made from them)',
    ]);
  });

  it('refuses multi-line text, treats equal URLs as one entry and points old slugs to the new one', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/a.md', article({ related: [{ url: 'https://Example.com', title: 'X' }, { url: 'https://example.com/', title: 'Y' }, { slug: 'old-b' }] }), BODY);
    folder.write('articles/b.md', article({ redirectFrom: ['old-b'] }), BODY);
    folder.write('articles/c.md', article({ title: 'Line one\nline two', dek: 'Tab\there' }), BODY);
    expect(problemsOf(folder.dir)).toEqual([
      'articles/a.md: related.2: repeats related.1',
      'articles/a.md: related.3.slug: no article has slug "old-b" (it is an old slug of "b": link to that)',
      'articles/c.md: dek: must be one line of text, without tabs or control characters',
      'articles/c.md: title: must be one line of text, without tabs or control characters',
    ]);
  });

  it('does not call a link dangling when its target exists but is itself invalid', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/a.md', article({ related: [{ slug: 'b' }] }), BODY);
    folder.write('articles/b.md', article({ title: '' }), BODY);
    expect(problemsOf(folder.dir)).toEqual(['articles/b.md: title: must not be empty']);
  });
});

describe('files that are not Markdown text', () => {
  it('refuses binary, non-UTF-8, oversized files and symlinks out of the folder', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    fs.writeFileSync(path.join(folder.dir, 'articles/binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]));
    fs.writeFileSync(path.join(folder.dir, 'articles/latin1.md'), Buffer.from('---\ntitle: Caf\xe9\n---\n', 'latin1'));
    fs.writeFileSync(path.join(folder.dir, 'articles/huge.md'), `---\ntitle: Big\n---\n${'word '.repeat(600_000)}`);
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outside-')), 'secret.md');
    fs.writeFileSync(outside, `---\n${'title: Secret'}\n---\nbody`);
    fs.symlinkSync(outside, path.join(folder.dir, 'articles/link.md'));
    expect(problemsOf(folder.dir)).toEqual([
      'articles/binary.md: file: is binary, not a Markdown text file',
      'articles/huge.md: file: is 2.9 MB; the limit is 2 MB',
      'articles/latin1.md: file: is not valid UTF-8 text: save it as UTF-8',
      'articles/link.md: file: is a symlink to a file outside the content folder',
    ]);
  });

  it('finds the same with the stats taken ahead in a worker (the seed’s way), which reads each plain file’s stat', async () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/fine.md', article(), BODY);
    fs.mkdirSync(path.join(folder.dir, 'articles/folder.md'));
    fs.writeFileSync(path.join(folder.dir, 'articles/binary.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00]));
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'outside-')), 'secret.md');
    fs.writeFileSync(outside, '---\ntitle: Secret\n---\nbody');
    fs.symlinkSync(outside, path.join(folder.dir, 'articles/link.md'));
    const look = await lookAhead(folder.dir);
    expect(look).toBeDefined();
    // Only regular files: a symlink's real path and anything else are left to the loader.
    expect([...look!.stats.keys()].sort()).toEqual(['articles/binary.md', 'articles/fine.md', 'authors/ada.md']);
    const stat = fs.statSync(path.join(folder.dir, 'articles/fine.md'), { bigint: true });
    expect(look!.stats.get('articles/fine.md')).toEqual({ isFile: true, dev: stat.dev, ino: stat.ino, size: stat.size, mtimeNs: stat.mtimeNs, ctimeNs: stat.ctimeNs });
    const ahead = readContent(folder.dir, { look });
    expect(ahead.problems.map(formatProblem)).toEqual([
      'articles/binary.md: file: is binary, not a Markdown text file',
      'articles/folder.md: file: is not a regular file',
      'articles/link.md: file: is a symlink to a file outside the content folder',
    ]);
    expect(ahead.problems).toEqual(readContent(folder.dir).problems);
    expect(ahead.fileHashes).toEqual(readContent(folder.dir).fileHashes);
    // A missing subfolder is still reported.
    fs.rmSync(path.join(folder.dir, 'authors'), { recursive: true });
    expect(readContent(folder.dir, { look: await lookAhead(folder.dir) }).problems.map(formatProblem)).toContain('authors/: folder: is missing: the content folder needs authors/');
  });

  it('reports a folder that does not exist', () => {
    expect(problemsOf('/nonexistent/content')).toEqual(['/nonexistent/content: folder: is not a readable content folder']);
  });
});

describe('characters pages and feeds cannot carry', () => {
  it('are refused in every text field and in bodies, naming the code point and where it is', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author, 'A bio with a bell \u0007 in it.\n');
    folder.write('articles/a.md', article({ title: 'Headline \uFFFF', dek: 'Dek \uFDD0', tags: ['Tag \u{1FFFE}'] }), 'First line.\n\nSecond line with \uFFFE here.\n');
    folder.write('articles/b.md', article({ title: 'Fine', image: undefined }), 'Tabs\tand CRLF\r\nare fine in a body.\n');
    expect(problemsOf(folder.dir)).toEqual([
      'articles/a.md: body: line 12, column 18: contains U+FFFE, a control character or noncharacter that web pages and feeds cannot carry: remove it',
      'articles/a.md: dek: contains U+FDD0, a control character or noncharacter that web pages and feeds cannot carry: remove it',
      'articles/a.md: tags.1: contains U+1FFFE, a control character or noncharacter that web pages and feeds cannot carry: remove it',
      'articles/a.md: title: contains U+FFFF, a control character or noncharacter that web pages and feeds cannot carry: remove it',
      'authors/ada.md: body: line 6, column 19: contains U+0007, a control character or noncharacter that web pages and feeds cannot carry: remove it',
    ]);
  });
});

describe('every problem at once', () => {
  it('a file with a bad date, an unknown author and a dangling link reports all three in one run', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/fine.md', article(), BODY);
    folder.write(
      'articles/three-wrongs.md',
      article({ author: 'nobody', publishedAt: 'last tuesday', related: [{ slug: 'fine' }, { slug: 'Not A Slug' }, { slug: 'gone' }, { slug: 'fine' }] }),
      BODY,
    );
    expect(problemsOf(folder.dir)).toEqual([
      'articles/three-wrongs.md: author: no author "nobody" (expected authors/nobody.md)',
      'articles/three-wrongs.md: publishedAt: must be an ISO 8601 date or date-time with a time zone, like 2021-01-06 or 2021-01-06T17:00:00Z',
      'articles/three-wrongs.md: related.2.slug: must be lowercase letters, digits and single hyphens (like "we-can-be-heroes")',
      'articles/three-wrongs.md: related.3.slug: no article has slug "gone"',
      'articles/three-wrongs.md: related.4: repeats related.1',
    ]);
  });
});

describe('several authors', () => {
  it('takes author (one slug) or authors (a list), in order, and checks every listed author exists', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('authors/bo.md', { name: 'Bo Writer' });
    folder.write('articles/one.md', article(), BODY);
    folder.write('articles/two.md', article({ author: undefined, authors: ['bo', 'ada'] }), BODY);
    folder.write('articles/three.md', article({ author: undefined, authors: ['ada', 'nobody', 'bo', 'ghost'] }), BODY);
    const content = readContent(folder.dir);
    expect(content.problems.map(formatProblem)).toEqual([
      'articles/three.md: authors.2: no author "nobody" (expected authors/nobody.md)',
      'articles/three.md: authors.4: no author "ghost" (expected authors/ghost.md)',
    ]);
    expect(content.articles.map((a) => [a.slug, a.authorSlugs])).toEqual([
      ['one', ['ada']],
      ['three', ['ada', 'nobody', 'bo', 'ghost']],
      ['two', ['bo', 'ada']],
    ]);
  });

  it('refuses both author and authors, neither, an empty list, a repeat and a bad slug, with nothing written', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/both.md', article({ authors: ['ada'] }), BODY);
    folder.write('articles/neither.md', article({ author: undefined }), BODY);
    folder.write('articles/empty.md', article({ author: undefined, authors: [] }), BODY);
    folder.write('articles/twice.md', article({ author: undefined, authors: ['ada', 'ada'] }), BODY);
    folder.write('articles/not-a-list.md', article({ author: undefined, authors: 'ada' }), BODY);
    folder.write('articles/bad-slug.md', article({ author: undefined, authors: ['ada', 'Bad Slug'] }), BODY);
    const content = readContent(folder.dir);
    expect(content.articles).toEqual([]);
    expect(content.problems.map(formatProblem)).toEqual([
      'articles/bad-slug.md: authors.2: must be lowercase letters, digits and single hyphens (like "we-can-be-heroes")',
      'articles/both.md: authors: give either author (one slug) or authors (a list), not both',
      'articles/empty.md: authors: must list at least one author (or use author: <slug> for one)',
      'articles/neither.md: author: is required',
      'articles/not-a-list.md: authors: Invalid input: expected array, received string',
      'articles/twice.md: authors.2: "ada" is listed twice (also authors.1)',
    ]);
  });

  it('checks the authors of a file that is otherwise invalid, naming each by its place in the list', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write('articles/broken.md', article({ author: undefined, authors: ['ada', 'nobody', 7], publishedAt: 'soon' }), BODY);
    expect(problemsOf(folder.dir)).toEqual([
      'articles/broken.md: authors.2: no author "nobody" (expected authors/nobody.md)',
      'articles/broken.md: authors.3: Invalid input: expected string, received number',
      'articles/broken.md: publishedAt: must be an ISO 8601 date or date-time with a time zone, like 2021-01-06 or 2021-01-06T17:00:00Z',
    ]);
  });
});

describe('corrections and credits', () => {
  it('reads corrections and credits in order, and a newer correction becomes the story’s updated date', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write(
      'articles/fixed.md',
      article({
        updatedAt: '2024-05-02T00:00:00Z',
        corrections: [
          { date: '2024-05-03', text: 'An earlier version misspelled a name.' },
          { date: '2024-05-01T12:00:00-04:00', text: 'An earlier version gave the wrong date.' },
        ],
        credits: [
          { role: 'Video producer', name: 'Jen Kucsak' },
          { role: 'Video editor', name: 'Jimmie Rhee' },
        ],
      }),
      BODY,
    );
    folder.write('articles/older.md', article({ updatedAt: '2024-06-01T00:00:00Z', corrections: [{ date: '2024-05-02', text: 'Fixed.' }] }), BODY);
    const content = readContent(folder.dir);
    expect(content.problems).toEqual([]);
    const [fixed, older] = content.articles;
    expect(fixed?.corrections).toEqual([
      { date: '2024-05-03T00:00:00.000Z', text: 'An earlier version misspelled a name.' },
      { date: '2024-05-01T16:00:00.000Z', text: 'An earlier version gave the wrong date.' },
    ]);
    expect(fixed?.credits).toEqual([
      { role: 'Video producer', name: 'Jen Kucsak' },
      { role: 'Video editor', name: 'Jimmie Rhee' },
    ]);
    expect(fixed?.updatedAt).toBe('2024-05-03T00:00:00.000Z');
    // An updatedAt later than every correction stays.
    expect(older?.updatedAt).toBe('2024-06-01T00:00:00.000Z');
  });

  it('refuses a correction without a date or text, a bad date, unknown shapes and fields, each with its place', () => {
    const folder = makeContentFolder();
    folder.write('authors/ada.md', author);
    folder.write(
      'articles/bad.md',
      article({
        corrections: [{ text: 'No date.' }, { date: '2024-05-02' }, { date: 'last week', text: 'Bad date.' }, 'Fixed a typo.', { date: '2024-05-02', text: 'x', by: 'ed' }],
        credits: [{ role: 'Photographs' }, 'Video by Jen Kucsak', { role: 'Editor', name: 'Bo', url: 'https://example.com' }, { role: '', name: 'Bo' }],
      }),
      BODY,
    );
    folder.write('articles/early.md', article({ corrections: [{ date: '2024-04-30', text: 'Before the story ran.' }] }), BODY);
    folder.write('articles/not-lists.md', article({ corrections: { date: '2024-05-02', text: 'x' }, credits: 'Jen Kucsak' }), BODY);
    const content = readContent(folder.dir);
    expect(content.articles).toEqual([]);
    expect(content.problems.map(formatProblem)).toEqual([
      'articles/bad.md: corrections.1.date: is required',
      'articles/bad.md: corrections.2.text: is required',
      'articles/bad.md: corrections.3.date: must be an ISO 8601 date or date-time with a time zone, like 2021-01-06 or 2021-01-06T17:00:00Z',
      'articles/bad.md: corrections.4: must be a date and a text (date: 2021-01-07, text: "An earlier version …")',
      'articles/bad.md: corrections.5.by: is not a known field (check the spelling in content/README.md)',
      'articles/bad.md: credits.1.name: is required',
      'articles/bad.md: credits.2: must be a role and a name (role: Video producer, name: Jen Kucsak)',
      'articles/bad.md: credits.3.url: is not a known field (check the spelling in content/README.md)',
      'articles/bad.md: credits.4.role: must not be empty',
      'articles/early.md: corrections.1.date: must not be before publishedAt',
      'articles/not-lists.md: corrections: Invalid input: expected array, received object',
      'articles/not-lists.md: credits: Invalid input: expected array, received string',
    ]);
  });
});

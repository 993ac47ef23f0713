import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '@/db/seed';
import { article, author, makeContentFolder } from '@/test/content-fixture';
import { MARK_END, MARK_START, searchArticles } from './search';

// The query modules read DATABASE_PATH when they first open the database.
beforeAll(async () => {
  const folder = makeContentFolder();
  folder.write('authors/ada.md', author);
  folder.write('articles/birds.md', article({ title: 'The Ñandú of Patagonia', dek: 'A flightless bird.', tags: ['Nature'] }), 'Rheas run fast across the steppe.\n');
  folder.write('articles/heroes-title.md', article({ title: 'Heroes of the stage', publishedAt: '2024-01-01' }), 'A review of a play.\n');
  folder.write('articles/heroes-body.md', article({ title: 'A quiet afternoon', publishedAt: '2024-01-02' }), 'Nothing about heroes here except this one word heroes heroes.\n');
  folder.write('articles/phrase.md', article({ title: 'Families', publishedAt: '2024-01-03' }), 'We Can Be Heroes is a film. Heroes can be anyone, we say.\n');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-search-')), 'news.db');
  await seedDatabase({ dir: folder.dir, databaseFile: file });
  process.env.DATABASE_PATH = file;
});

const slugs = (query: string) => searchArticles(query, 1)?.hits.map((hit) => hit.slug);

describe('searchArticles', () => {
  it('matches accented words with or without their accents', async () => {
    expect(slugs('Ñandú')).toEqual(['birds']);
    expect(slugs('nandu')).toEqual(['birds']);
    expect(slugs('ÑANDU patagonia')).toEqual(['birds']);
  });

  it('ranks a match in the title above matches in the body', async () => {
    expect(slugs('heroes')?.[0]).toBe('heroes-title');
    expect(slugs('heroes')).toHaveLength(3);
  });

  it('matches quoted phrases only in that order', async () => {
    expect(slugs('"we can be heroes"')).toEqual(['phrase']);
    expect(slugs('"heroes be can we"')).toEqual([]);
  });

  it('highlights the matched words in the title and snippet', async () => {
    const [hit] = searchArticles('rheas', 1)!.hits;
    expect(hit?.snippet).toContain(`${MARK_START}Rheas${MARK_END}`);
    expect(searchArticles('patagonia', 1)!.hits[0]?.titleHighlighted).toBe(`The Ñandú of ${MARK_START}Patagonia${MARK_END}`);
  });

  it('answers anything a reader can type with a page of results, and nothing typed changes the database', async () => {
    const stories = ['birds', 'heroes-body', 'heroes-title', 'phrase'];
    for (const input of ['"', 'AND', 'OR OR', 'NEAR(', '*', '^x', 'title:x', '(((', "'; DROP TABLE articles; --", 'x'.repeat(2000), '🎬', '\u0000']) {
      const page = searchArticles(input, 1);
      // A first page, possibly empty, of real stories: never an error page, never a 404.
      expect(page, input).not.toBeNull();
      expect(page!.hits.every((hit) => stories.includes(hit.slug)), input).toBe(true);
    }
    // Operators are words: "AND" is not a story's word.
    expect(slugs('heroes AND')).toEqual([]);
    // Every story is still there and still found.
    expect(slugs('heroes')).toHaveLength(3);
    expect(slugs('nandu')).toEqual(['birds']);
  });

  it('has no page past the end', async () => {
    expect(searchArticles('heroes', 2)).toBeNull();
    expect(searchArticles('🎬', 1)?.hits).toEqual([]);
  });
});

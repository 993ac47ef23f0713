import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildNewsSitemap } from './sitemap';

describe('XML documents carry any text exactly', () => {
  it('a title with ampersands that look like entities, markup and forbidden characters parses back as written', () => {
    const title = 'AT&T; &nbsp; &amp; &lt;b&gt; <i>"quoted"</i> \u{FFFF}done';
    const xml = buildNewsSitemap([{ loc: 'https://news.example.com/articles/a?x=1&y=2', title, publishedAt: '2026-11-25T10:00:00.000Z' }]);
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => errors.push(`${level}: ${message}`) }).parseFromString(xml, 'text/xml');
    expect(errors).toEqual([]);
    expect(doc.getElementsByTagNameNS('http://www.google.com/schemas/sitemap-news/0.9', 'title')[0]?.textContent).toBe('AT&T; &nbsp; &amp; &lt;b&gt; <i>"quoted"</i> done');
    expect(doc.getElementsByTagName('loc')[0]?.textContent).toBe('https://news.example.com/articles/a?x=1&y=2');
  });
});

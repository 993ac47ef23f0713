import { describe, expect, it } from 'vitest';
import { MAX_TERMS, normalizeQueryParam, toFtsQuery } from './search-query';

describe('toFtsQuery', () => {
  it('turns words into quoted terms and keeps quoted phrases together', () => {
    expect(toFtsQuery('Rodriguez heroes')).toBe('"rodriguez" "heroes"');
    expect(toFtsQuery('"We Can Be Heroes" kids')).toBe('"we can be heroes" "kids"');
    expect(toFtsQuery('green-lit')).toBe('"green lit"');
    expect(toFtsQuery('Ñandú')).toBe('"ñandú"');
  });

  it('treats FTS operators and syntax as words or nothing', () => {
    expect(toFtsQuery('heroes AND kids OR NOT NEAR(x y)')).toBe('"heroes" "and" "kids" "or" "not" "near x" "y"');
    expect(toFtsQuery('title:heroes')).toBe('"title heroes"');
    expect(toFtsQuery('hero* ^start (a OR b) {title}: -minus +plus')).toBe('"hero" "start" "a" "or" "b" "title" "minus" "plus"');
    expect(toFtsQuery('"unbalanced quote')).toBe('"unbalanced" "quote"');
    expect(toFtsQuery('say ""hello""')).toBe('"say" "hello"');
    expect(toFtsQuery("Robert'); DROP TABLE articles;--")).toBe('"robert" "drop" "table" "articles"');
  });

  it('returns null when nothing searchable is left', () => {
    for (const input of ['', '   ', '""', '***', '🎬🍿', '( ) ^ * : -']) expect(toFtsQuery(input), input).toBeNull();
  });

  it('bounds long input', () => {
    const query = toFtsQuery('word '.repeat(400) + 'x'.repeat(2000));
    expect(query?.split('" "')).toHaveLength(MAX_TERMS);
  });
});

describe('normalizeQueryParam', () => {
  it('takes the first value, trimmed and bounded', () => {
    expect(normalizeQueryParam(undefined)).toBe('');
    expect(normalizeQueryParam(['  heroes ', 'x'])).toBe('heroes');
    expect(normalizeQueryParam('a'.repeat(2000))).toHaveLength(500);
  });
});

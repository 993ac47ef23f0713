import { describe, expect, it } from 'vitest';
import { paginate, parsePageParam } from './pagination';

describe('parsePageParam', () => {
  it('reads plain positive whole numbers and defaults to page 1', () => {
    expect(parsePageParam(undefined)).toBe(1);
    expect(parsePageParam('1')).toBe(1);
    expect(parsePageParam('37')).toBe(37);
  });

  it('refuses anything else', () => {
    for (const value of ['', '0', '-1', '02', '2.0', '1e3', ' 2', 'two', '99999999', "1' OR 1=1", '٣']) {
      expect(parsePageParam(value), value).toBeNull();
    }
    expect(parsePageParam(['1', '2'])).toBeNull();
  });
});

describe('paginate', () => {
  it('splits a listing into pages of 20', () => {
    expect(paginate(1, 45)).toEqual({ page: 1, pageCount: 3, total: 45, offset: 0, limit: 20 });
    expect(paginate(3, 45)).toEqual({ page: 3, pageCount: 3, total: 45, offset: 40, limit: 20 });
    expect(paginate(2, 40)?.pageCount).toBe(2);
  });

  it('has no page past the end, but always a first page', () => {
    expect(paginate(4, 45)).toBeNull();
    expect(paginate(3, 40)).toBeNull();
    expect(paginate(1, 0)).toEqual({ page: 1, pageCount: 1, total: 0, offset: 0, limit: 20 });
  });
});

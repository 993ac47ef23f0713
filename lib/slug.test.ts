import { describe, expect, it } from 'vitest';
import { SLUG_PATTERN } from './content/schema';
import { nameToSlug } from './slug';

describe('nameToSlug', () => {
  it('derives URL names from section and tag names', () => {
    expect(nameToSlug('Food & Drink')).toBe('food-and-drink');
    expect(nameToSlug('Entertainment')).toBe('entertainment');
    expect(nameToSlug('TV')).toBe('tv');
    expect(nameToSlug('Ñandú News')).toBe('nandu-news');
    expect(nameToSlug('We Can Be Heroes')).toBe('we-can-be-heroes');
    expect(nameToSlug("Rock 'n' Roll")).toBe('rock-n-roll');
    expect(nameToSlug('  --Behind   the Scenes--  ')).toBe('behind-the-scenes');
    expect(nameToSlug('Ｆｕｌｌwidth')).toBe('fullwidth');
  });

  it('always produces a valid slug or nothing', () => {
    for (const name of ['Food & Drink', 'C++ & C#', 'Ça va? L’été', '2020 in review', 'a—b–c']) {
      expect(nameToSlug(name)).toMatch(SLUG_PATTERN);
    }
    expect(nameToSlug('💥')).toBe('');
    expect(nameToSlug('???')).toBe('');
  });

  it('is the same for names that differ only in case or accents', () => {
    expect(nameToSlug('Netflix')).toBe(nameToSlug('NETFLIX'));
    expect(nameToSlug('Café')).toBe(nameToSlug('Cafe'));
  });
});

import { describe, expect, it } from 'vitest';
import { descriptionOf, excerptOf } from './description';

describe('a story without a dek is described by its opening words', () => {
  it('takes the first block with words in it, whole when short', () => {
    expect(excerptOf('\n---\nThe valley had its wettest June.\nSecond paragraph.')).toBe('The valley had its wettest June.');
  });

  it('cuts a long opening at a word, never mid-word, within the limit, with an ellipsis', () => {
    const text = `${'Gauges across the valley recorded more rain in June than in any month since records began, '.repeat(4)}`;
    const excerpt = excerptOf(text);
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(text.startsWith(excerpt.slice(0, -1))).toBe(true);
    expect(text[excerpt.length - 1]).toMatch(/[\s,]/);
  });

  it("prefers the editor's dek", () => {
    expect(descriptionOf({ dek: 'The dek.', excerpt: 'Opening words.' })).toBe('The dek.');
    expect(descriptionOf({ dek: null, excerpt: 'Opening words.' })).toBe('Opening words.');
  });
});

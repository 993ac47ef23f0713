import { describe, expect, it } from 'vitest';
import { scoreSuggestions, type StoryRef, type SuggestionInput } from './suggestions';

const story = (id: number, publishedAt = `2024-01-${String(id).padStart(2, '0')}`): StoryRef => ({ id, slug: `s${id}`, title: `Story ${id}`, publishedAt });
const article = { id: 1, section: 'Movies', tags: [{ name: 'Netflix', slug: 'netflix' }, { name: 'Sequels', slug: 'sequels' }] };
const input = (overrides: Partial<SuggestionInput>): SuggestionInput => ({
  article,
  placesTaken: 0,
  shown: new Set(),
  paths: [],
  tagMatches: [],
  sectionMatches: [],
  ...overrides,
});

describe('scoreSuggestions', () => {
  it('scores 3 per neighbour path, 2 per shared tag, 1 for the section, and says why', () => {
    const result = scoreSuggestions(
      input({
        paths: [
          { candidate: story(10), via: story(2), direction: 'linked-from' },
          { candidate: story(10), via: story(3), direction: 'links-to' },
          { candidate: story(11), via: story(2), direction: 'linked-from' },
        ],
        tagMatches: [
          { candidate: story(11), tagSlugs: ['sequels'] },
          { candidate: story(12), tagSlugs: ['netflix', 'sequels'] },
        ],
        sectionMatches: [story(12), story(13)],
      }),
    );
    expect(result.map((suggestion) => [suggestion.slug, suggestion.score, suggestion.reason])).toEqual([
      ['s10', 6, 'Read together with “Story 3”'],
      // A tie at 5: the newer story first.
      ['s12', 5, 'More on Netflix'],
      ['s11', 5, 'Read together with “Story 2”'],
      ['s13', 1, 'More in Movies'],
    ]);
  });

  it('breaks ties by the newer story, then by slug', () => {
    const result = scoreSuggestions(input({ sectionMatches: [story(5, '2024-01-01'), story(6, '2024-03-01'), { ...story(7, '2024-03-01'), slug: 'a-first' }] }));
    expect(result.map((suggestion) => suggestion.slug)).toEqual(['a-first', 's6', 's5']);
  });

  it('counts each neighbour once and at most three', () => {
    const via = [2, 3, 4, 5, 6].map((id) => story(id));
    const paths = [...via, via[0]!].map((v) => ({ candidate: story(20), via: v, direction: 'linked-from' as const }));
    expect(scoreSuggestions(input({ paths }))[0]?.score).toBe(9);
  });

  it('never suggests the article itself or what the page already shows', () => {
    const result = scoreSuggestions(
      input({
        shown: new Set([10, 11]),
        paths: [{ candidate: story(1), via: story(2), direction: 'links-to' }],
        sectionMatches: [story(10), story(11), story(12)],
      }),
    );
    expect(result.map((suggestion) => suggestion.slug)).toEqual(['s12']);
  });

  it('only fills the places the editor left', () => {
    const sectionMatches = [story(10), story(11), story(12), story(13), story(14), story(15)];
    expect(scoreSuggestions(input({ sectionMatches, placesTaken: 0 }))).toHaveLength(5);
    expect(scoreSuggestions(input({ sectionMatches, placesTaken: 3 }))).toHaveLength(2);
    expect(scoreSuggestions(input({ sectionMatches, placesTaken: 5 }))).toEqual([]);
  });

  it('gives the same answer whatever order the candidates arrive in', () => {
    const paths = [10, 11, 12].map((id) => ({ candidate: story(id), via: story(2), direction: 'linked-from' as const }));
    const tagMatches = [11, 12, 13].map((id) => ({ candidate: story(id), tagSlugs: ['netflix'] }));
    const forward = scoreSuggestions(input({ paths, tagMatches }));
    const backward = scoreSuggestions(input({ paths: [...paths].reverse(), tagMatches: [...tagMatches].reverse() }));
    expect(backward).toEqual(forward);
  });
});

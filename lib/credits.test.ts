import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { buildCorrectionsRss } from './corrections-feed';
import { groupCredits, heroCredit, joinNames } from './credits';
import { absoluteUrl } from './site';

describe('bylines and credits', () => {
  it('joins names as English does', () => {
    expect(joinNames([])).toBe('');
    expect(joinNames(['A'])).toBe('A');
    expect(joinNames(['A', 'B'])).toBe('A and B');
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C');
  });

  it('groups credits by role where the role first appears', () => {
    expect(
      groupCredits([
        { role: 'Photographs', name: 'Rhea Lumen' },
        { role: 'Video producer', name: 'Jen Kucsak' },
        { role: 'Photographs', name: 'Sam Oduya' },
      ]),
    ).toEqual([
      { role: 'Photographs', names: ['Rhea Lumen', 'Sam Oduya'] },
      { role: 'Video producer', names: ['Jen Kucsak'] },
    ]);
  });

  it('credits the hero with its own credit, else the credits for that kind of media', () => {
    const credits = [
      { role: 'Video producer', name: 'Jen Kucsak' },
      { role: 'Video editor', name: 'Jimmie Rhee' },
      { role: 'Photographs', name: 'Rhea Lumen' },
      { role: 'Reporting', name: 'Ada Reporter' },
      { role: 'Videographer', name: 'Not a video role by its first word' },
    ];
    expect(heroCredit('video', null, credits)).toBe('Video producer: Jen Kucsak · Video editor: Jimmie Rhee');
    expect(heroCredit('video', 'Netflix', credits)).toBe('Netflix');
    expect(heroCredit('image', undefined, credits)).toBe('Photographs: Rhea Lumen');
    expect(heroCredit('image', null, [{ role: 'Reporting', name: 'Ada' }])).toBeNull();
  });
});

describe('the corrections feed', () => {
  it('is well-formed RSS whose items carry hostile text as text', () => {
    const hostile = 'AT&T; said <b>x</b> & "quotes" ]]>';
    const xml = buildCorrectionsRss([
      { date: '2024-05-03T00:00:00.000Z', text: hostile, position: 1, article: { id: 1, slug: 'a-story', title: `Title ${hostile}` } },
    ]);
    const doc = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') throw new Error(`not well-formed: ${message}`);
      },
    }).parseFromString(xml, 'application/xml');
    const item = doc.getElementsByTagName('item')[0]!;
    const text = (name: string) => item.getElementsByTagName(name)[0]?.textContent;
    expect(text('title')).toBe(`Correction: Title ${hostile}`);
    expect(text('link')).toBe(absoluteUrl('/articles/a-story'));
    expect(text('guid')).toBe(`${absoluteUrl('/articles/a-story')}#correction-2`);
    expect(text('pubDate')).toBe('Fri, 03 May 2024 00:00:00 GMT');
    // <description> is HTML to feed readers: escaped once more, so readers show the characters.
    expect(text('description')).toBe(hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(doc.getElementsByTagName('lastBuildDate')[0]?.textContent).toBe('Fri, 03 May 2024 00:00:00 GMT');
  });
});

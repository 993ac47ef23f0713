import { describe, expect, it } from 'vitest';
import { readTimeMinutes } from './read-time';

describe('readTimeMinutes', () => {
  it('rounds up at 200 words a minute', () => {
    expect(readTimeMinutes(200)).toBe(1);
    expect(readTimeMinutes(201)).toBe(2);
    expect(readTimeMinutes(517)).toBe(3);
    expect(readTimeMinutes(600)).toBe(3);
    expect(readTimeMinutes(601)).toBe(4);
  });

  it('never says 0 min read', () => {
    expect(readTimeMinutes(0)).toBe(1);
    expect(readTimeMinutes(12)).toBe(1);
  });
});

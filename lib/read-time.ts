/** Reading speed the read time assumes, in words a minute. */
export const WORDS_PER_MINUTE = 200;

/** Minutes to read a body of `wordCount` words, rounded up; never less than 1. */
export function readTimeMinutes(wordCount: number): number {
  return Math.max(1, Math.ceil(wordCount / WORDS_PER_MINUTE));
}

/** The longest description derived from a body: search engines show about this much. */
export const EXCERPT_LENGTH = 200;

/**
 * A story's opening words, for the places a description is expected when it has no dek (meta description,
 * og:description, JSON-LD, feeds): its first block of text with letters in it, cut at a word with an ellipsis.
 * `text` is the body as plain text, one block a line (lib/markdown/body.ts analyzeBody).
 */
export function excerptOf(text: string, max = EXCERPT_LENGTH): string {
  const first = text.split('\n').map((block) => block.replace(/\s+/g, ' ').trim()).find((block) => /[\p{L}\p{N}]/u.test(block)) ?? '';
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/u, '')}…`;
}

/** What describes a story: the editor's dek, else its opening words. */
export function descriptionOf(story: { dek: string | null; excerpt: string | null }): string {
  return story.dek ?? story.excerpt ?? '';
}

/** Longest input we look at, and most terms we pass on: enough for any real search. */
export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 12;

/**
 * Turns what a reader typed into an FTS5 query that can only mean "these
 * words". Text in double quotes is a phrase; everything else is split into
 * words of letters and digits. Each word or phrase becomes an FTS5 string
 * ("…"), so AND, OR, NEAR, *, ^, parentheses, column filters and stray quotes
 * are plain words or nothing, never syntax. Returns null when nothing
 * searchable is left (an empty query, only punctuation or emoji).
 *
 * "We Can Be Heroes" kids → "we can be heroes" "kids"
 * green-lit → "green lit" (a hyphenated word stays one phrase)
 */
export function toFtsQuery(input: string): string | null {
  const text = input.slice(0, MAX_QUERY_LENGTH).normalize('NFKC');
  const terms: string[] = [];
  // A quoted phrase, or a run of non-space characters outside quotes. An unmatched quote is just a separator.
  for (const match of text.matchAll(/"([^"]*)"|([^\s"]+)/gu)) {
    const words = (match[1] ?? match[2] ?? '').match(/[\p{L}\p{N}]+/gu);
    if (!words) continue;
    terms.push(`"${words.join(' ').toLowerCase()}"`);
    if (terms.length === MAX_TERMS) break;
  }
  return terms.length > 0 ? terms.join(' ') : null;
}

/** What the reader searched for, trimmed for display and for the search box. */
export function normalizeQueryParam(value: string | string[] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return (first ?? '').slice(0, MAX_QUERY_LENGTH).trim();
}

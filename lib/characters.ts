/**
 * Which characters content may hold: one rule for the seed (which refuses the rest, naming where) and for every
 * output (HTML, XML feeds and sitemaps, JSON), which drop them as a last line of defence. XML 1.0 forbids C0
 * controls other than tab and newlines, lone surrogates, and U+FFFE/U+FFFF; HTML forbids the same controls and
 * every Unicode noncharacter (U+FDD0–U+FDEF and the last two code points of each plane). C1 controls are legal
 * but invisible and almost always a paste from a legacy encoding, so they are refused too.
 */

/** Code points never allowed anywhere, in text or body (tab, LF and CR are allowed in bodies: see below). */
const FORBIDDEN_SOURCE = String.raw`[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufdd0-\ufdef\ufffe\uffff]|[\ud83f\ud87f\ud8bf\ud8ff\ud93f\ud97f\ud9bf\ud9ff\uda3f\uda7f\udabf\udaff\udb3f\udb7f\udbbf\udbff][\udffe\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]`;

const FORBIDDEN = new RegExp(FORBIDDEN_SOURCE);
const FORBIDDEN_ALL = new RegExp(FORBIDDEN_SOURCE, 'g');

/** The first forbidden character in `text`, as an editor can look it up ("U+FFFF"), or null. */
export function forbiddenCharacter(text: string): string | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  const codePoint = match[0].codePointAt(0)!;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` without forbidden characters: what outputs write, whatever reached them. */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN_ALL, '');
}

/** Line and column (1-based) of the first forbidden character in a multi-line text, for messages. */
export function forbiddenCharacterAt(text: string): { character: string; line: number; column: number } | null {
  const match = FORBIDDEN.exec(text);
  if (!match) return null;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  return { character: forbiddenCharacter(match[0])!, line, column: match.index - before.lastIndexOf('\n') };
}

/** Whether one-line text holds line breaks or tabs (which one-line fields refuse besides the forbidden characters). */
export const LINE_BREAKS = /[\t\n\r\u2028\u2029]/;

import { withoutForbiddenCharacters } from './characters';

/**
 * Text or an attribute value as xmlbuilder2 must be given it. xmlbuilder2 (4.x) leaves an "&" that starts
 * something entity-like unescaped on purpose, to avoid double encoding: "AT&T;" or "&nbsp;" would be written as
 * an undefined entity (a document no parser reads) and "&amp;" or "&lt;" would reach readers as "&" or "<".
 * Every "&" is made "&amp;" first, which it then keeps as it is, so the text arrives exactly; characters XML
 * forbids (lib/characters.ts) are dropped. Every feed and sitemap writes its strings through this.
 */
export function xmlText(text: string): string {
  return withoutForbiddenCharacters(text).replace(/&/g, '&amp;');
}

import type { Thing, WithContext } from 'schema-dts';
import { withoutForbiddenCharacters } from '@/lib/characters';

/**
 * Structured data as <script type="application/ld+json">. Every "<" is written
 * as \u003c (still the same JSON), so no string from content can close the
 * script element; ">" and "&" likewise, and U+2028/2029 for old parsers. Characters no page may carry
 * (lib/characters.ts) are dropped.
 */
export function serializeJsonLd(data: WithContext<Thing>): string {
  return withoutForbiddenCharacters(JSON.stringify(data)).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function JsonLd({ data }: { data: WithContext<Thing> }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a preview link works unless asked otherwise, and the most it may. */
export const PREVIEW_HOURS = 72;
export const MAX_PREVIEW_HOURS = 24 * 30;

function signature(secret: string, slug: string, expires: number): string {
  return createHmac('sha256', secret).update(`preview ${slug} ${expires}`).digest('base64url');
}

/** A preview link's query: valid until `expires` (seconds since 1970), signed with the site's preview secret. */
export function signPreview(secret: string, slug: string, expires: number): { expires: string; signature: string } {
  return { expires: String(expires), signature: signature(secret, slug, expires) };
}

/** Whether a preview link is genuine and still valid at `now` (milliseconds): compared in constant time. */
export function verifyPreview(secret: string, slug: string, expires: string | undefined, given: string | undefined, now = Date.now()): boolean {
  if (!expires || !given || !/^\d{1,12}$/.test(expires)) return false;
  const at = Number(expires);
  if (at * 1000 <= now || at * 1000 > now + MAX_PREVIEW_HOURS * 3_600_000) return false;
  const expected = Buffer.from(signature(secret, slug, at));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

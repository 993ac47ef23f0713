import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { slugSchema } from './content/schema';

/** What the seed sends after a write: the articles whose pages changed (added, updated, removed, or showing one of those). */
export const revalidationRequestSchema = z.strictObject({
  articles: z.array(slugSchema).max(100_000),
  /** Everything: for changes too wide to name page by page. */
  all: z.boolean().default(false),
});
export type RevalidationRequest = z.infer<typeof revalidationRequestSchema>;

/** Above this many articles, marking every page stale is cheaper than naming them. */
export const NAME_PAGES_LIMIT = 2000;

/**
 * Is `header` ("Bearer <secret>") the configured secret? Compared in constant
 * time (SHA-256 of both, so lengths never leak either). No secret configured
 * means revalidation is off and nothing matches.
 */
export function isAuthorized(header: string | null, secret: string | undefined): boolean {
  if (!secret || !header?.startsWith('Bearer ')) return false;
  const given = createHash('sha256').update(header.slice('Bearer '.length)).digest();
  const expected = createHash('sha256').update(secret).digest();
  return timingSafeEqual(given, expected);
}

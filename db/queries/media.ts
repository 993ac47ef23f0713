import 'server-only';
import { sql } from 'drizzle-orm';
import { getDb } from './connection';

export type MediaFile = { contentType: string; bytes: Buffer };

/**
 * One stored copy of a photo (db/seed/images.ts), or null. Its URL names the hash of the photo's bytes, so
 * the answer never changes: it needs no cache key.
 */
export function getMediaFile(hash: string, variant: string): MediaFile | null {
  const row = getDb().get<{ content_type: string; bytes: Buffer }>(sql`SELECT content_type, bytes FROM media WHERE hash = ${hash} AND variant = ${variant}`);
  return row ? { contentType: row.content_type, bytes: row.bytes } : null;
}

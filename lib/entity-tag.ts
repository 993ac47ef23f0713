import { createHash } from 'node:crypto';

/** A strong ETag for exactly these bytes: 27 base64url characters of their SHA-256 (162 bits), quoted. */
export function entityTag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

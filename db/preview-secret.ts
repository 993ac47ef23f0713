import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { setting } from '@/lib/settings';
import { databasePath } from './client';

/**
 * The key preview links are signed with: PREVIEW_SECRET when set (every server and the `npm run preview` that
 * signs must share it), else a random key kept beside the database (`<DATABASE_PATH>.preview-secret`, readable
 * by its owner only), made by the first `npm run preview`. Without either, no preview link is valid.
 */
export function previewSecretFile(): string {
  return `${databasePath()}.preview-secret`;
}

export function readPreviewSecret(): string | null {
  const fromEnvironment = setting('PREVIEW_SECRET');
  if (fromEnvironment) return fromEnvironment;
  try {
    return fs.readFileSync(previewSecretFile(), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** The secret, made (and kept beside the database) when there is none yet. */
export function ensurePreviewSecret(): string {
  const existing = readPreviewSecret();
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(previewSecretFile(), `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

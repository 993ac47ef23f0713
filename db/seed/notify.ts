import { REVALIDATE_SECONDS } from '@/lib/cache';
import type { WriteResult } from './write';

/** How long a running server may show the old content when nobody tells it: its pages' revalidate period. */
const WITHIN = `${REVALIDATE_SECONDS / 60} minutes`;

/** How long the seed waits for the running server's answer before it gives up (it has already succeeded). */
const TIMEOUT_MS = 5000;

export function revalidateUrl(): string {
  return process.env.REVALIDATE_URL?.trim() || `http://127.0.0.1:${process.env.PORT?.trim() || '3000'}/api/revalidate`;
}

/**
 * After a seed commits: tell the running server which pages changed, so it
 * re-renders them on their next request. Never fails the seed: with no
 * secret or no server there is simply nothing to tell (pages refresh within
 * REVALIDATE_SECONDS anyway). Returns the line to print.
 */
export async function notifyServer(result: WriteResult): Promise<string> {
  const changed = result.articles.added + result.articles.updated + result.articles.removed + result.authors.updated;
  if (changed === 0) return 'Nothing changed: no pages to revalidate.';
  const secret = process.env.REVALIDATE_SECRET;
  if (!secret) return `REVALIDATE_SECRET is not set: a running server shows the changes within ${WITHIN} (set it to make them immediate).`;
  const url = revalidateUrl();
  // An author's name or title shows on every one of their pages: revalidate everything then.
  const body = result.authors.updated > 0 ? { articles: [], all: true } : { articles: result.affectedSlugs };
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return `The server at ${url} refused to revalidate (${response.status}: ${(await response.text()).slice(0, 200)}); it shows the changes within ${WITHIN}.`;
    return body.all ? `Revalidated every page on ${url}.` : `Revalidated ${body.articles.length} article pages and the listings on ${url}.`;
  } catch {
    return `No server answered at ${url}: nothing to revalidate.`;
  }
}

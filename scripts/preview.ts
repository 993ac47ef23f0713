import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { databasePath, openReadOnlyDatabase } from '@/db/client';
import { ensurePreviewSecret, previewSecretFile } from '@/db/preview-secret';
import { articlePath, previewHref } from '@/lib/paths';
import { MAX_PREVIEW_HOURS, PREVIEW_HOURS, signPreview } from '@/lib/preview';
import { loadEnvFile, readSettings, setting } from '@/lib/settings';
import { absoluteUrl } from '@/lib/site';

/**
 * `npm run preview -- <slug> [--hours 72]`: a link that shows a story as readers will see it, draft or scheduled,
 * to whoever holds the link, until it expires. Never cached, never indexed; readers still get a 404 at the story's
 * own address until it is published.
 */
function main(): number {
  loadEnvFile();
  try {
    readSettings();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { hours: { type: 'string', default: String(PREVIEW_HOURS) } } });
  const slug = positionals[0];
  const hours = Number(values.hours);
  if (!slug || positionals.length > 1) {
    console.error('Usage: npm run preview -- <slug> [--hours 72]');
    return 2;
  }
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_PREVIEW_HOURS) {
    console.error(`--hours must be a number of hours above 0 and at most ${MAX_PREVIEW_HOURS} (got ${JSON.stringify(values.hours)})`);
    return 2;
  }
  const file = databasePath();
  let story: { published_at: string; draft: number } | undefined;
  try {
    const { sqlite, db } = openReadOnlyDatabase(file);
    try {
      story = db.get<{ published_at: string; draft: number }>(sql`SELECT published_at, draft FROM main.articles WHERE slug = ${slug}`);
    } finally {
      sqlite.close();
    }
  } catch (error) {
    console.error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)} (run npm run db:seed first)`);
    return 2;
  }
  if (!story) {
    console.error(`No story has slug "${slug}" in ${file}: seed it first (a draft is seeded like any story, with draft: true).`);
    return 1;
  }
  const secret = ensurePreviewSecret();
  const expires = Math.floor(Date.now() / 1000 + hours * 3600);
  const state = story.draft ? 'a draft' : story.published_at > new Date().toISOString() ? `scheduled for ${story.published_at}` : 'published';
  console.log(absoluteUrl(previewHref(slug, signPreview(secret, slug, expires))));
  console.log(`  ${slug} is ${state}; the link works until ${new Date(expires * 1000).toISOString()}.`);
  if (state === 'published') console.log(`  Readers see it at ${absoluteUrl(articlePath(slug))}.`);
  if (!setting('PREVIEW_SECRET')) console.log(`  Signed with the key in ${previewSecretFile()} (set PREVIEW_SECRET to share one key between machines).`);
  return 0;
}

process.exitCode = main();

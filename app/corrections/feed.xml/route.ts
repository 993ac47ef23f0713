import { getCorrections } from '@/db/queries/corrections';
import { correctionsRssResponse } from '@/lib/corrections-feed';
import { FEED_SIZE } from '@/lib/feed';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

export function GET() {
  return correctionsRssResponse(getCorrections(FEED_SIZE));
}

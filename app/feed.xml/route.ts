import { siteFeedRoute } from '@/app/_lib/listing-feed';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

export const GET = siteFeedRoute('rss');

import { noStaticParams } from '@/app/_lib/static-params';
import { listingFeedRoute, tagFeed } from '@/app/_lib/listing-feed';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

export const GET = listingFeedRoute('rss', tagFeed);

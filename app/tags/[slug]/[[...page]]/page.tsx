import { listingRoute } from '@/app/_lib/listing-route';
import { getTagListing } from '@/db/queries/listings';
import { tagPath } from '@/lib/paths';
import { siteConfig } from '@/lib/site';
import { noStaticParams } from '@/app/_lib/static-params';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

const route = listingRoute({
  load: getTagListing,
  describe: ({ tag }) => ({
    kicker: 'Tag',
    name: tag.name,
    path: tagPath(tag.slug),
    description: `Stories tagged “${tag.name}” on ${siteConfig.name}.`,
  }),
});

export const generateMetadata = route.generateMetadata;
export default route.Page;

import { listingRoute } from '@/app/_components/listing-route';
import { getSectionListing } from '@/db/queries/listings';
import { sectionPath, siteConfig } from '@/lib/site';
import { noStaticParams } from '@/lib/cache';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

const route = listingRoute({
  load: getSectionListing,
  describe: ({ section }) => ({
    kicker: 'Section',
    name: section.name,
    path: sectionPath(section.slug),
    description: `The latest ${section.name} stories from ${siteConfig.name}.`,
  }),
});

export const generateMetadata = route.generateMetadata;
export default route.Page;

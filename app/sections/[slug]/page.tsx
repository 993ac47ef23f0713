import { listingRoute } from '@/app/_components/listing-route';
import { getSectionListing } from '@/db/queries/listings';
import { sectionPath, siteConfig } from '@/lib/site';

export const dynamic = 'force-dynamic';

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

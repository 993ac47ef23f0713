import { listingRoute } from '@/app/_components/listing-route';
import { getTagListing } from '@/db/queries/listings';
import { siteConfig, tagPath } from '@/lib/site';

export const dynamic = 'force-dynamic';

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

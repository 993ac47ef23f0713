import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import type { Listing } from '@/db/queries/listings';
import { ListingView } from '@/app/_components/listing-view';
import { siteConfig } from '@/lib/site';
import { listingMetadata } from './metadata';
import { type ListingParams, readListingParams } from './route-params';

type Props = { params: ListingParams };

type Described = { kicker: string; name: string; path: string; description: string; intro?: ReactNode };

/**
 * The page and metadata of a paginated listing (section, tag, author), from
 * its query and a description of what it lists. Both call the same cached
 * query, so a request runs it once.
 */
export function listingRoute<T>(options: { load: (slug: string, page: number) => Listing<T> | null; describe: (listing: Listing<T>) => Described }) {
  async function load(props: Props) {
    const { slug, page } = await readListingParams(props.params);
    const listing = options.load(slug, page) ?? notFound();
    return { listing, described: options.describe(listing) };
  }

  async function generateMetadata(props: Props): Promise<Metadata> {
    const { listing, described } = await load(props);
    return listingMetadata({
      title: described.name,
      description: described.description,
      path: described.path,
      page: listing.pagination.page,
      feedTitle: `${siteConfig.name}: ${described.name}`,
    });
  }

  async function Page(props: Props) {
    const { listing, described } = await load(props);
    return (
      <ListingView
        kicker={described.kicker}
        heading={described.name}
        intro={described.intro}
        path={described.path}
        articles={listing.articles}
        pagination={listing.pagination}
      />
    );
  }

  return { generateMetadata, Page };
}

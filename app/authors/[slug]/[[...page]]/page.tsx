import { listingRoute } from '@/app/_lib/listing-route';
import { getAuthorListing } from '@/db/queries/listings';
import { authorPath } from '@/lib/paths';
import { siteConfig } from '@/lib/site';
import { noStaticParams } from '@/app/_lib/static-params';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

// Nothing is rendered at build time: each page is rendered from the running server's database on first request.
export const generateStaticParams = noStaticParams;

const route = listingRoute({
  load: getAuthorListing,
  describe: ({ author }) => {
    const role = [author.title, author.organization].filter(Boolean).join(', ');
    return {
      kicker: 'Author',
      name: author.name,
      path: authorPath(author.slug),
      description: author.bio ?? `Stories by ${author.name}${role ? `, ${role}` : ''}, on ${siteConfig.name}.`,
      intro: (
        <div className="author-intro">
          {role ? <p className="author-intro__role">{role}</p> : null}
          {author.bio?.split(/\n\s*\n/).map((paragraph, index) => <p key={index}>{paragraph}</p>)}
        </div>
      ),
    };
  },
});

export const generateMetadata = route.generateMetadata;
export default route.Page;

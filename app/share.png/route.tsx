import { shareCard } from '@/app/_components/share-card';
import { siteConfig } from '@/lib/site';

// The site's share image (home and listings): the same for every build, made once.
export const revalidate = false;

export function GET() {
  return shareCard({ kicker: 'Entertainment news', headline: siteConfig.description });
}

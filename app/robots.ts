import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/site';

// Read SITE_URL when asked, not at build time.
export const dynamic = 'force-dynamic';

export default function robots(): MetadataRoute.Robots {
  return {
    // Search result pages are endless combinations of words; crawlers get the sitemap instead.
    rules: [{ userAgent: '*', allow: '/', disallow: '/search' }],
    sitemap: absoluteUrl('/sitemap.xml'),
  };
}

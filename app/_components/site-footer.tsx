import Link from 'next/link';
import { siteConfig } from '@/lib/site';

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>
          <Link href="/">{siteConfig.name}</Link>: {siteConfig.description}
        </p>
      </div>
    </footer>
  );
}

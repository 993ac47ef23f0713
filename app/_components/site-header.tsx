import Link from 'next/link';
import { siteConfig } from '@/lib/site';
import { SearchForm } from './search-form';

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__name">
          {siteConfig.name}
        </Link>
        <nav aria-label="Main">
          <ul className="site-nav">
            <li>
              <Link href="/">Latest</Link>
            </li>
          </ul>
        </nav>
        <SearchForm />
      </div>
    </header>
  );
}

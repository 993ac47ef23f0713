import Link from 'next/link';
import { feedPath, sectionPath, siteConfig } from '@/lib/site';
import { navigationSections } from './site-header';
import { Wordmark } from './wordmark';

/** The foot of every page: the name, the sections again, and the ways in and out (feed, sitemap, about, search). */
export function SiteFooter() {
  const sections = navigationSections();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <div className="site-footer__brand">
          <Link href="/" className="site-footer__home">
            <Wordmark className="wordmark wordmark--small" />
            <span className="visually-hidden">{siteConfig.name}</span>
          </Link>
          <p className="site-footer__about">{siteConfig.description}</p>
        </div>
        <nav className="site-footer__nav" aria-label="Footer">
          {sections.length > 0 ? (
            <div className="site-footer__group">
              <p className="site-footer__label" id="footer-sections">
                Sections
              </p>
              <ul className="site-footer__list" aria-labelledby="footer-sections">
                {sections.map((section) => (
                  <li key={section.slug}>
                    <Link href={sectionPath(section.slug)}>{section.name}</Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="site-footer__group">
            <p className="site-footer__label" id="footer-site">
              {siteConfig.name}
            </p>
            <ul className="site-footer__list" aria-labelledby="footer-site">
              <li>
                <Link href="/about">About</Link>
              </li>
              <li>
                <Link href="/search">Search</Link>
              </li>
              <li>
                <a href={feedPath()} type="application/rss+xml">
                  RSS feed
                </a>
              </li>
              <li>
                <a href="/sitemap.xml">Sitemap</a>
              </li>
            </ul>
          </div>
        </nav>
      </div>
    </footer>
  );
}

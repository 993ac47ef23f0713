import Link from 'next/link';
import { ABOUT_PATH, feedPath, HOME_PATH, SEARCH_PATH, sectionPath, SITEMAP_PATH } from '@/lib/paths';
import { siteConfig } from '@/lib/site';
import { navigationSections } from './site-header';
import { Wordmark } from './wordmark';

/** The foot of every page: the name, the sections again, and the ways in and out (feed, sitemap, about, search). */
export function SiteFooter() {
  const sections = navigationSections();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <div className="site-footer__brand">
          <Link href={HOME_PATH} className="site-footer__home">
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
                <Link href={ABOUT_PATH}>About</Link>
              </li>
              <li>
                <Link href={SEARCH_PATH}>Search</Link>
              </li>
              <li>
                <a href={feedPath()} type="application/rss+xml">
                  RSS feed
                </a>
              </li>
              <li>
                <a href={SITEMAP_PATH}>Sitemap</a>
              </li>
            </ul>
          </div>
        </nav>
      </div>
    </footer>
  );
}

import Link from 'next/link';
import { getSections, type SectionInfo } from '@/db/queries/listings';
import { HOME_PATH, SEARCH_PATH, sectionPath } from '@/lib/paths';
import { siteConfig } from '@/lib/site';
import { Wordmark } from './wordmark';

/**
 * The sections for the header and footer (one query per render: getSections is cached per request). Without
 * a database the furniture still renders, without sections: error and 404 pages must not fail with it.
 */
export function navigationSections(): SectionInfo[] {
  try {
    return getSections();
  } catch {
    return [];
  }
}

/** A magnifier: decorative, the link's text names it. */
function SearchIcon() {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="8.5" cy="8.5" r="5.75" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="m13 13 5 5" fill="none" stroke="currentColor" strokeWidth="2.25" strokeLinecap="round" />
    </svg>
  );
}

/**
 * The masthead: the wordmark home, a link to search (the search box lives on /search, so a page has one),
 * and the sections. On phones the sections are a row that scrolls sideways by itself; the page never does.
 */
export function SiteHeader() {
  const sections = navigationSections();
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link href={HOME_PATH} className="site-header__brand">
          <Wordmark className="wordmark" />
          <span className="visually-hidden">{siteConfig.name}</span>
        </Link>
        <Link href={SEARCH_PATH} className="site-header__search">
          <SearchIcon />
          <span>Search</span>
        </Link>
      </div>
      {sections.length > 0 ? (
        <nav className="section-nav" aria-label="Sections">
          <ul className="section-nav__list" data-scrolls="x">
            <li>
              <Link href={HOME_PATH}>Latest</Link>
            </li>
            {sections.map((section) => (
              <li key={section.slug}>
                <Link href={sectionPath(section.slug)}>{section.name}</Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}

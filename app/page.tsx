import type { Metadata } from 'next';
import Link from 'next/link';
import { getLatestArticles } from '@/db/queries/articles';
import { getSectionFronts } from '@/db/queries/listings';
import { alternates } from '@/app/_lib/metadata';
import { HOME_PATH, sectionPath } from '@/lib/paths';
import { siteConfig } from '@/lib/site';
import type { ArticleSummary } from '@/lib/types';
import { ArticleCard, SECONDARY_IMAGE_SIZES } from './_components/article-card';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

/** The top of the page: one lead, its secondaries, then a compact list of the next newest. */
const SECONDARY_COUNT = 2;
const LATEST_COUNT = 6;
/** Stories per section rail, none of them already shown above. */
const PER_SECTION = 4;

export const metadata: Metadata = { alternates: alternates(HOME_PATH) };

/**
 * The front page, newest first with a hierarchy: the lead story (large image, headline and dek: the newest
 * story with a photo), the secondaries beside it, a "Latest" list, then a rail per section. Every story appears once: the rails
 * leave out what is shown above them and a rail with nothing left is not shown.
 */
export default function HomePage() {
  const top = getLatestArticles(1 + SECONDARY_COUNT + LATEST_COUNT);
  // The lead is the newest story with a photo (the page opens on an image), else simply the newest.
  const leadIndex = Math.max(0, top.findIndex((article) => article.image !== null));
  const lead = top[leadIndex];
  const rest = top.filter((_, index) => index !== leadIndex);
  const secondaries = rest.slice(0, SECONDARY_COUNT);
  const latest = rest.slice(SECONDARY_COUNT);
  const fronts = getSectionFronts(PER_SECTION, top).filter((front) => front.articles.length > 0);

  /** How many of a section's stories the page shows: "More in …" only when its listing has more. */
  const onPage = (slug: string, rail: ArticleSummary[]) => [...top, ...rail].filter((article) => article.sectionSlug === slug).length;

  return (
    <div className="page front">
      <h1 className="visually-hidden">{siteConfig.name}: latest stories</h1>
      {lead ? (
        <section className="front-top" aria-labelledby="top-heading">
          <h2 id="top-heading" className="visually-hidden">
            Top stories
          </h2>
          <div className="front-top__lead">
            <ArticleCard article={lead} variant="lead" headingLevel={3} priority />
          </div>
          {secondaries.length > 0 ? (
            <ul className="front-top__secondary" role="list">
              {secondaries.map((article) => (
                <li key={article.slug}>
                  <ArticleCard article={article} headingLevel={3} sizes={SECONDARY_IMAGE_SIZES} />
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : (
        <p>No stories have been published yet.</p>
      )}

      {latest.length > 0 ? (
        <section className="front-latest" aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="rail-heading">
            Latest
          </h2>
          <ol className="front-latest__list">
            {latest.map((article) => (
              <li key={article.slug}>
                <ArticleCard article={article} variant="compact" headingLevel={3} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {fronts.length > 0 ? (
        <div className="front-rails">
          {fronts.map(({ section, articles, total }) => {
            const [first, ...others] = articles;
            return (
              <section key={section.slug} className="rail" aria-labelledby={`section-${section.slug}`}>
                <h2 id={`section-${section.slug}`} className="rail-heading">
                  <Link href={sectionPath(section.slug)}>{section.name}</Link>
                </h2>
                <ol className="rail__list">
                  {first ? (
                    <li>
                      <ArticleCard article={first} headingLevel={3} hideSection />
                    </li>
                  ) : null}
                  {others.map((article) => (
                    <li key={article.slug}>
                      <ArticleCard article={article} variant="compact" headingLevel={3} hideSection />
                    </li>
                  ))}
                </ol>
                {total > onPage(section.slug, articles) ? (
                  <p className="rail__more">
                    <Link href={sectionPath(section.slug)}>
                      More in {section.name} <span aria-hidden="true">→</span>
                    </Link>
                  </p>
                ) : null}
              </section>
            );
          })}
        </div>
      ) : null}
    </div>
  );
}

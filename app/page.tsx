import type { Metadata } from 'next';
import Link from 'next/link';
import { getLatestArticles } from '@/db/queries/articles';
import { getSectionFronts } from '@/db/queries/listings';
import { alternates } from '@/lib/metadata';
import { sectionPath } from '@/lib/site';
import { ArticleList } from './_components/article-card';

// Cached until a seed changes what it shows (its keys): never on a timer (docs/ARCHITECTURE.md).
export const revalidate = false;

const LATEST_COUNT = 10;
const PER_SECTION = 4;

export const metadata: Metadata = { alternates: alternates('/') };

export default function HomePage() {
  const latest = getLatestArticles(LATEST_COUNT);
  const fronts = getSectionFronts(PER_SECTION);
  return (
    <div className="page">
      <h1 className="page__title">Latest stories</h1>
      {latest.length > 0 ? <ArticleList articles={latest} /> : <p>No stories have been published yet.</p>}
      {fronts.map(({ section, articles }) => (
        <section key={section.slug} className="section-front" aria-labelledby={`section-${section.slug}`}>
          <h2 id={`section-${section.slug}`} className="section-front__title">
            <Link href={sectionPath(section.slug)}>{section.name}</Link>
          </h2>
          <ArticleList articles={articles} headingLevel={3} />
          <p>
            <Link href={sectionPath(section.slug)}>More in {section.name} →</Link>
          </p>
        </section>
      ))}
    </div>
  );
}

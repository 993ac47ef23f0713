import { getLatestArticles } from '@/db/queries/articles';
import { ArticleList } from './_components/article-card';

// The front page lists what the database holds now, not what it held at build time.
export const dynamic = 'force-dynamic';

const LATEST_COUNT = 20;

export default function HomePage() {
  const articles = getLatestArticles(LATEST_COUNT);
  return (
    <div className="page">
      <h1 className="page__title">Latest stories</h1>
      {articles.length > 0 ? <ArticleList articles={articles} /> : <p>No stories have been published yet.</p>}
    </div>
  );
}

import Link from 'next/link';
import { ArticleCard } from '@/app/_components/article-card';
import { getArticleSummaries } from '@/db/queries/articles';
import { getGraphForArticle } from '@/db/queries/graph';
import { relatedMapPath } from '@/lib/paths';
import type { Article } from '@/lib/types';

/** Why a story is in "Related stories", in a reader's words. */
const MENTIONS_THIS_STORY = 'Links to this story';

/**
 * After the story: the editor's "Read more" list first, in the editor's order, then one list of the other
 * stories around it (those that link here, then the suggestions), as cards, each story once.
 */
export function RelatedStories({ article }: { article: Article }) {
  const graph = getGraphForArticle(article);
  const curated = article.related.flatMap((item) => (item.kind === 'article' ? [item.id] : []));
  const others = [
    ...graph.backlinks.map((story) => ({ id: story.id, reason: MENTIONS_THIS_STORY })),
    ...graph.suggestions.map((story) => ({ id: story.id, reason: story.reason })),
  ].filter((story, index, all) => !curated.includes(story.id) && all.findIndex((other) => other.id === story.id) === index);
  const cards = getArticleSummaries([...curated, ...others.map((story) => story.id)]);
  const heading = article.source ? `Read more on ${article.source}` : 'Read more';
  const moreBacklinks = graph.backlinkCount - graph.backlinks.length;

  return (
    <div className="related">
      {article.related.length > 0 ? (
        <section className="related__block" aria-labelledby="read-more-heading">
          <h2 id="read-more-heading" className="related__heading">
            {heading}
          </h2>
          <ol className="related__list">
            {article.related.map((item) => {
              if (item.kind === 'external') {
                return (
                  <li key={`u:${item.url}`} className="related__external">
                    <a href={item.url} rel="noopener">
                      {item.title}
                    </a>
                    <span className="related__host">{new URL(item.url).hostname.replace(/^www\./, '')}</span>
                  </li>
                );
              }
              const card = cards.get(item.id);
              return card ? (
                <li key={`a:${item.slug}`}>
                  <ArticleCard article={card} variant="compact" headingLevel={3} />
                </li>
              ) : null;
            })}
          </ol>
        </section>
      ) : null}
      {others.length > 0 ? (
        <section className="related__block" aria-labelledby="related-heading">
          <h2 id="related-heading" className="related__heading">
            Related stories
          </h2>
          <ul className="related__list">
            {others.map((story) => {
              const card = cards.get(story.id);
              return card ? (
                <li key={story.id}>
                  <ArticleCard article={card} variant="compact" headingLevel={3} />
                  <p className="related__reason">{story.reason}</p>
                </li>
              ) : null;
            })}
          </ul>
          {moreBacklinks > 0 ? (
            <p className="muted">
              And {moreBacklinks} more {moreBacklinks === 1 ? 'story links' : 'stories link'} here: see <Link href={relatedMapPath(article.slug)}>the story map</Link>.
            </p>
          ) : null}
        </section>
      ) : null}
      <p className="related__map">
        <Link href={relatedMapPath(article.slug)}>See how this story connects →</Link>
      </p>
    </div>
  );
}

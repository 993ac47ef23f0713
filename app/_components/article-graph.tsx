import Link from 'next/link';
import type { ArticleGraph } from '@/db/queries/graph';
import { articlePath, relatedMapPath } from '@/lib/site';

export { relatedMapPath } from '@/lib/site';

/** After the editor's "Read more": who links here, what else fits, and the way to the map. */
export function ArticleGraphSections({ slug, graph }: { slug: string; graph: ArticleGraph }) {
  return (
    <>
      {graph.backlinks.length > 0 ? (
        <section className="read-more" aria-labelledby="backlinks-heading">
          <h2 id="backlinks-heading">Stories that link here</h2>
          <ul className="read-more__list">
            {graph.backlinks.map((story) => (
              <li key={story.slug}>
                <Link href={articlePath(story.slug)}>{story.title}</Link>
              </li>
            ))}
          </ul>
          {graph.backlinkCount > graph.backlinks.length ? (
            <p className="muted">
              And {graph.backlinkCount - graph.backlinks.length} more on <Link href={relatedMapPath(slug)}>the story map</Link>.
            </p>
          ) : null}
        </section>
      ) : null}
      {graph.suggestions.length > 0 ? (
        <section className="read-more" aria-labelledby="suggestions-heading">
          <h2 id="suggestions-heading">More like this</h2>
          <ul className="read-more__list suggestions">
            {graph.suggestions.map((story) => (
              <li key={story.slug}>
                <Link href={articlePath(story.slug)}>{story.title}</Link>
                <span className="suggestions__reason">{story.reason}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="read-more graph-link">
        <Link href={relatedMapPath(slug)}>See how this story connects →</Link>
      </p>
    </>
  );
}

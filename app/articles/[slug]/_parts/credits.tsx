import type { Article } from '@/lib/types';
import { groupCredits, joinNames } from '@/lib/credits';

/** Who else made the story (front matter `credits`), at its end: a role and its people per line. */
export function StoryCredits({ article }: { article: Article }) {
  if (article.credits.length === 0) return null;
  return (
    <section className="story-credits" aria-labelledby="credits-heading">
      <h2 className="visually-hidden" id="credits-heading">
        Credits
      </h2>
      <dl className="story-credits__list">
        {groupCredits(article.credits).map((group) => (
          <div key={group.role} className="story-credits__item">
            <dt>{group.role}</dt>
            <dd>{joinNames(group.names)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

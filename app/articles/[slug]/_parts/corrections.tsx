import Link from 'next/link';
import { FormattedDate } from '@/app/_components/formatted-date';
import { CORRECTIONS_PATH } from '@/lib/paths';
import type { Article } from '@/lib/types';

/** The story's correction notices, oldest first, at its foot: what was wrong and when it was corrected. */
export function CorrectionNotice({ article }: { article: Article }) {
  if (article.corrections.length === 0) return null;
  const heading = article.corrections.length === 1 ? 'Correction' : 'Corrections';
  return (
    <aside className="corrections" aria-labelledby="corrections-heading">
      <h2 className="corrections__heading" id="corrections-heading">
        {heading}
      </h2>
      <ul className="corrections__list">
        {article.corrections.map((correction, index) => (
          <li key={index} className="corrections__item">
            <FormattedDate iso={correction.date} />: {correction.text}
          </li>
        ))}
      </ul>
      <p className="corrections__more">
        <Link href={CORRECTIONS_PATH}>All corrections</Link>
      </p>
    </aside>
  );
}

import { Caption } from '@/app/_components/caption';
import { Picture } from '@/app/_components/picture';
import { VideoEmbed } from '@/app/_components/video-embed';
import type { Article } from '@/lib/types';
import { heroCredit } from '@/lib/credits';

/** The column's width on wide screens (app/_styles/article.css: --measure), full width on phones. */
export const HERO_SIZES = '(min-width: 46rem) 44rem, 100vw';

/**
 * The story's lead: its video or its photo, with its credit: the media's own `credit`, else the story's structured
 * credits for that kind of media (lib/credits.ts heroCredit).
 */
export function ArticleHero({ article }: { article: Article }) {
  if (article.video) {
    return (
      <figure className="article__hero">
        <VideoEmbed id={article.video.id} title={article.video.title} poster={article.video.poster} priority sizes={HERO_SIZES} />
        <Caption text={article.video.title} credit={heroCredit('video', article.video.credit, article.credits)} />
      </figure>
    );
  }
  if (!article.image) return null;
  return (
    <figure className="article__hero">
      <Picture image={article.image} sizes={HERO_SIZES} priority />
      <Caption text={article.image.caption} credit={heroCredit('image', article.image.credit, article.credits)} />
    </figure>
  );
}

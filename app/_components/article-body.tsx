import { toJsxRuntime, type Components } from 'hast-util-to-jsx-runtime';
import type { ComponentProps } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { localImageName, type StoredImage } from '@/lib/images';
import { bodyToHast } from '@/lib/markdown/body';
import { Caption } from './caption';
import { Picture } from './picture';
import { VideoEmbed } from './video-embed';

type EmbedProps = { 'data-video-id'?: string; 'data-poster'?: string; 'data-credit'?: string; title?: string };

/** Figures sit in the text column: its width on wide screens, the screen's on phones. */
const FIGURE_SIZES = '(min-width: 46rem) 44rem, 100vw';

/** The body as React elements, with the body's stored photos (by file name) to show at their sizes. */
export function ArticleBody({ markdown, images }: { markdown: string; images: Record<string, StoredImage> }) {
  const stored = (src: string | undefined) => (src ? images[localImageName(src) ?? ''] : undefined);

  function BodyVideo(props: EmbedProps) {
    const id = props['data-video-id'];
    if (!id || !props.title) return null;
    const credit = props['data-credit'];
    return (
      <figure className="body-video">
        <VideoEmbed id={id} title={props.title} poster={stored(props['data-poster'])} sizes={FIGURE_SIZES} />
        <Caption text={props.title} credit={credit} />
      </figure>
    );
  }

  function BodyImage({ src, alt }: ComponentProps<'img'>) {
    // Only photos the seed stored are shown (it refuses any other): never a broken or unsized image.
    const image = stored(typeof src === 'string' ? src : undefined);
    return image ? <Picture image={{ alt: alt ?? '', stored: image }} sizes={FIGURE_SIZES} /> : null;
  }

  const components = { 'video-embed': BodyVideo, img: BodyImage } as unknown as Partial<Components>;
  return <div className="article-body">{toJsxRuntime(bodyToHast(markdown), { Fragment, jsx, jsxs, components })}</div>;
}

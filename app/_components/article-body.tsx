import { toJsxRuntime, type Components } from 'hast-util-to-jsx-runtime';
import type { ComponentProps } from 'react';
import { Fragment, jsx, jsxs } from 'react/jsx-runtime';
import { bodyToHast } from '@/lib/markdown/body';
import { VideoEmbed } from './video-embed';

type EmbedProps = { 'data-video-id'?: string; 'data-poster'?: string; 'data-credit'?: string; title?: string };

function BodyVideo(props: EmbedProps) {
  const id = props['data-video-id'];
  if (!id || !props.title) return null;
  const credit = props['data-credit'];
  return (
    <figure className="body-video">
      <VideoEmbed id={id} title={props.title} poster={props['data-poster']} />
      <figcaption>
        {props.title}
        {credit ? <span className="credit"> ({credit})</span> : null}
      </figcaption>
    </figure>
  );
}

function BodyImage({ src, alt, ...rest }: ComponentProps<'img'>) {
  // The sanitizer removed a URL it did not trust: show nothing rather than a broken image.
  if (!src) return null;
  // eslint-disable-next-line @next/next/no-img-element
  return <img {...rest} src={src} alt={alt ?? ''} loading="lazy" decoding="async" />;
}

const components = { 'video-embed': BodyVideo, img: BodyImage } as unknown as Partial<Components>;

/** The Markdown body as React elements, sanitized (see lib/markdown/body.ts). */
export function ArticleBody({ markdown }: { markdown: string }) {
  return <div className="article-body">{toJsxRuntime(bodyToHast(markdown), { Fragment, jsx, jsxs, components })}</div>;
}

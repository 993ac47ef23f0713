'use client';

import { useState } from 'react';
import type { StoredImage } from '@/lib/images';
import { youTubeEmbedUrl, youTubeWatchUrl } from '@/lib/markdown/url';
import { Picture } from './picture';

/**
 * A video that costs nothing until the reader asks for it: a poster and a play
 * button, no third-party frame or script. Clicking swaps in the player from
 * youtube-nocookie.com; without JavaScript the link opens the video on YouTube.
 */
export function VideoEmbed({
  id,
  title,
  poster,
  sizes,
  priority = false,
}: {
  id: string;
  title: string;
  poster?: StoredImage | null;
  sizes: string;
  /** The page's lead: its poster is fetched first. */
  priority?: boolean;
}) {
  const [playing, setPlaying] = useState(false);
  if (playing) {
    return (
      <div className="video">
        <iframe
          className="video__frame"
          src={youTubeEmbedUrl(id)}
          title={title}
          allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
          allowFullScreen
        />
      </div>
    );
  }
  return (
    <a
      className="video video__poster"
      href={youTubeWatchUrl(id)}
      onClick={(event) => {
        event.preventDefault();
        setPlaying(true);
      }}
    >
      {poster ? <Picture className="video__image" image={{ alt: '', stored: poster }} sizes={sizes} priority={priority} decorative /> : null}
      <span className="video__play" aria-hidden="true" />
      <span className="video__label">
        <span className="visually-hidden">Play video: </span>
        {title}
      </span>
    </a>
  );
}

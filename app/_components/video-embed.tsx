'use client';

import { useState } from 'react';
import { youTubeEmbedUrl, youTubeWatchUrl } from '@/lib/markdown/url';

/**
 * A video that costs nothing until the reader asks for it: a poster and a play
 * button, no third-party frame or script. Clicking swaps in the player from
 * youtube-nocookie.com; without JavaScript the link opens the video on YouTube.
 */
export function VideoEmbed({ id, title, poster }: { id: string; title: string; poster?: string | null }) {
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
      {poster ? (
        // A local or editor-given poster; no optimizer needed for a single image.
        // eslint-disable-next-line @next/next/no-img-element
        <img className="video__image" src={poster} alt="" decoding="async" />
      ) : null}
      <span className="video__play" aria-hidden="true" />
      <span className="video__label">
        <span className="visually-hidden">Play video: </span>
        {title}
      </span>
    </a>
  );
}

/**
 * The one rule for URLs that come from content: absolute http(s) URLs and
 * site-relative paths ("/images/x.svg") are kept; anything else (javascript:,
 * data:, mailto:, protocol-relative "//host", bare relative paths) is not.
 */
export function isSafeUrl(value: string): boolean {
  const url = value.trim();
  if (url.startsWith('/')) return !url.startsWith('//') && !url.startsWith('/\\');
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

export function isHttpUrl(value: string): boolean {
  return !value.trim().startsWith('/') && isSafeUrl(value);
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'youtu.be',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);

/**
 * Videos are hosted on YouTube: an editor may give a watch, share or embed URL,
 * or the bare 11-character id. Returns the id, or null when it is none of those.
 */
export function parseYouTubeId(value: string): string | null {
  const input = value.trim();
  if (YOUTUBE_ID.test(input)) return input;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (!YOUTUBE_HOSTS.has(url.hostname)) return null;
  let id: string | null = null;
  if (url.hostname === 'youtu.be') id = url.pathname.slice(1);
  else if (url.pathname === '/watch') id = url.searchParams.get('v');
  else {
    const match = /^\/(?:embed|shorts|live)\/([^/]+)$/.exec(url.pathname);
    id = match?.[1] ?? null;
  }
  return id && YOUTUBE_ID.test(id) ? id : null;
}

/** The player the reader gets after clicking: the privacy-enhanced host, autoplaying. */
export function youTubeEmbedUrl(id: string): string {
  return `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`;
}

/** Where the play link goes without JavaScript. */
export function youTubeWatchUrl(id: string): string {
  return `https://www.youtube.com/watch?v=${id}`;
}

/** The one third-party origin a page may frame: the privacy-enhanced YouTube player, after a click. */
const VIDEO_ORIGIN = 'https://www.youtube-nocookie.com';

/**
 * Content-Security-Policy for every response. Pages are cached and shared
 * between readers, so a per-request nonce is not possible; Next's inline
 * bootstrap scripts need 'unsafe-inline' in script-src. What keeps content
 * from running script is the allowlist sanitizer (lib/markdown/body.ts) and
 * React's escaping; see docs/SECURITY.md for the trade-off.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  // Editors may use images from any https host, or site paths.
  "img-src 'self' https: data:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  `frame-src ${VIDEO_ORIGIN}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Sent with every response the server makes, Next's and its own (server/index.ts sets them first). */
export const SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', contentSecurityPolicy],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  [
    'Permissions-Policy',
    `camera=(), microphone=(), geolocation=(), payment=(), usb=(), autoplay=(self "${VIDEO_ORIGIN}"), fullscreen=(self "${VIDEO_ORIGIN}"), picture-in-picture=(self "${VIDEO_ORIGIN}")`,
  ],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

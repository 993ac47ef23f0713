// @ts-check

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

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  {
    key: 'Permissions-Policy',
    value: `camera=(), microphone=(), geolocation=(), payment=(), usb=(), autoplay=(self "${VIDEO_ORIGIN}"), fullscreen=(self "${VIDEO_ORIGIN}"), picture-in-picture=(self "${VIDEO_ORIGIN}")`,
  },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The site is served by `next start`; it never needs to tell the world what it runs on.
  poweredByHeader: false,
  reactStrictMode: true,
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
  // Rendered pages are cached in this process's memory only (see cache-handler.js and docs/ARCHITECTURE.md).
  cacheHandler: require.resolve('./cache-handler.js'),
  cacheMaxMemorySize: 0,
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = nextConfig;

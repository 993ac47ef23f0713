// Relative, not '@/': next.config.js loads this file with tsx for `next dev`.
import { CSP_REPORT_PATH } from '../lib/paths';

/** The one third-party origin a page may frame: the privacy-enhanced YouTube player, after a click. */
const VIDEO_ORIGIN = 'https://www.youtube-nocookie.com';

/** Carries a cached page's inline-script hashes from the page cache (cache-handler.js) to its policy; never sent. */
export const SCRIPT_HASHES_HEADER = 'x-inline-script-hashes';

/**
 * The Content-Security-Policy of a response. No inline script runs unless its SHA-256 is listed: a cached
 * page lists the hashes of the inline scripts it was rendered with (cache-handler.js hashes them once, when
 * the page is stored), so an injected script — whatever got past the sanitizer — is refused, on the first
 * response and on every hit, and through Varnish or a CDN, which keep the header with the page. Every other
 * response (errors, the 503 page) allows no inline script at all. Styles keep 'unsafe-inline': Next and the
 * story map write style attributes. See docs/SECURITY.md.
 */
export function contentSecurityPolicy(scriptHashes: string[] = [], options: { development?: boolean } = {}): string {
  // `next dev` evaluates its modules and writes inline scripts it does not hash, and reloads over a WebSocket.
  const development = options.development ? ["'unsafe-eval'", "'unsafe-inline'"] : [];
  return [
    "default-src 'self'",
    ["script-src 'self'", ...development, ...(options.development ? [] : scriptHashes)].join(' '),
    "style-src 'self' 'unsafe-inline'",
    // Photos are the site's own (/media, content/images); next/font and Next may use data: URLs.
    "img-src 'self' data:",
    "font-src 'self'",
    options.development ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "media-src 'self'",
    `frame-src ${VIDEO_ORIGIN}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    // Reports go to the front door, which `next dev` does not have.
    ...(options.development ? [] : [`report-uri ${CSP_REPORT_PATH}`, 'report-to csp']),
  ].join('; ');
}

/**
 * The policy `npm run dev` sends (next.config.js headers(), development only): the production policy with what the
 * dev server needs, so violations of everything else still show while developing. Production is unchanged.
 */
export const DEVELOPMENT_CSP = contentSecurityPolicy([], { development: true });

/** Sent with every response the server makes, Next's and its own (server/index.ts sets them first). */
export const SECURITY_HEADERS: [string, string][] = [
  ['Content-Security-Policy', contentSecurityPolicy()],
  ['Reporting-Endpoints', `csp="${CSP_REPORT_PATH}"`],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  [
    'Permissions-Policy',
    `camera=(), microphone=(), geolocation=(), payment=(), usb=(), autoplay=(self "${VIDEO_ORIGIN}"), fullscreen=(self "${VIDEO_ORIGIN}"), picture-in-picture=(self "${VIDEO_ORIGIN}")`,
  ],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/** At the moment headers are sent: a cached page's policy lists its own inline scripts' hashes. */
export function pagePolicyFromHashes(res: { getHeader(name: string): unknown; setHeader(name: string, value: string): unknown; removeHeader(name: string): void }): void {
  const hashes = res.getHeader(SCRIPT_HASHES_HEADER);
  if (hashes === undefined) return;
  res.removeHeader(SCRIPT_HASHES_HEADER);
  const list = (Array.isArray(hashes) ? hashes.join(' ') : String(hashes)).split(' ').filter((hash) => /^'sha256-[A-Za-z0-9+/]+=*'$/.test(hash));
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(list));
}

// @ts-check

/**
 * `npm run dev` has no front door (server/), so it gets its Content-Security-Policy here: the production policy
 * plus what the dev server needs (server/security-headers.ts DEVELOPMENT_CSP, loaded with tsx). Production
 * responses get theirs from the front door, with the hashes of each page's inline scripts.
 * @returns {Promise<import('next/dist/lib/load-custom-routes').Header[]>}
 */
async function developmentHeaders() {
  // NODE_ENV is Next's own (set by `next dev`), not one of the site's settings (lib/settings.ts).
  if (process.env.NODE_ENV !== 'development') return [];
  // next.config.js is CommonJS, and the policy is TypeScript: tsx loads it, only for `next dev`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DEVELOPMENT_CSP } = require('tsx/cjs/api').require('./server/security-headers.ts', __filename);
  return [{ source: '/:path*', headers: [{ key: 'Content-Security-Policy', value: DEVELOPMENT_CSP }] }];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  headers: developmentHeaders,
  // The site never needs to tell the world what it runs on.
  poweredByHeader: false,
  reactStrictMode: true,
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
  // Rendered pages are cached in this process's memory only, expired by key (cache-handler.js, docs/ARCHITECTURE.md).
  // Security and cache headers are set by the server in front of Next (server/), on every response.
  cacheHandler: require.resolve('./cache-handler.js'),
  cacheMaxMemorySize: 0,
  experimental: {
    // The stylesheets are a few KB: inlined in each page, they no longer hold up its first paint on a slow phone.
    inlineCss: true,
  },
};

module.exports = nextConfig;

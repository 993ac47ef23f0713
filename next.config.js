// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
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

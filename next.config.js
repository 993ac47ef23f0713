// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The site is served by `next start`; it never needs to tell the world what it runs on.
  poweredByHeader: false,
  reactStrictMode: true,
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ['better-sqlite3'],
};

module.exports = nextConfig;

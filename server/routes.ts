import fs from 'node:fs';
import path from 'node:path';

/**
 * Which paths the built site serves: the routes in Next's routes manifest (internal ones, whose names start
 * with "_", excepted) and the files in public/. Read once at start from the build, so a route added to app/
 * is known without a list kept by hand.
 */
export type RouteTable = { serves(pathname: string): boolean; isPublicFile(pathname: string): boolean };

type Manifest = { staticRoutes: { page: string; regex: string }[]; dynamicRoutes: { page: string; regex: string }[] };

export function loadRouteTable(root: string): RouteTable {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.next', 'routes-manifest.json'), 'utf8')) as Manifest;
  const patterns = [...manifest.staticRoutes, ...manifest.dynamicRoutes].filter((route) => !route.page.startsWith('/_')).map((route) => new RegExp(route.regex));
  const publicFiles = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}/${entry.name}`);
      else publicFiles.add(`${prefix}/${entry.name}`);
    }
  };
  if (fs.existsSync(path.join(root, 'public'))) walk(path.join(root, 'public'), '');
  return {
    serves: (pathname) => pathname.startsWith('/_next/') || publicFiles.has(pathname) || patterns.some((pattern) => pattern.test(pathname)),
    isPublicFile: (pathname) => publicFiles.has(pathname),
  };
}

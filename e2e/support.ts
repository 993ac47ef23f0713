import fs from 'node:fs';

/** Helpers shared by the specs that start their own servers (freshness, operations, varnish). */

/**
 * What a reader reads in a response, whatever the escaping: JSON and JS escapes (\u0026 in JSON-LD and the
 * RSC payload) and HTML/XML character references (&#x27;, &#39;, &apos;, &amp;…) decoded.
 */
export function readable(body: string): string {
  const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
  return body
    .replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/\\"/g, '"')
    .replace(/&#x([0-9a-fA-F]+);/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&(quot|apos|lt|gt|amp);/g, (_, name: string) => named[name]!);
}

/** Every <loc> of the sitemap at `origin`, following a sitemap index, as paths; `fetchText` answers a path. */
export async function sitemapPaths(fetchText: (path: string) => Promise<{ status: number; body: string }>): Promise<string[]> {
  const paths: string[] = [];
  const read = async (url: string) => {
    const { status, body } = await fetchText(url);
    if (status !== 200) throw new Error(`${url} answered ${status}`);
    const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(readable(match[1]!)).pathname);
    if (body.includes('<sitemapindex')) for (const loc of locs) await read(loc);
    else paths.push(...locs);
  };
  await read('/sitemap.xml');
  return paths;
}

/** The processes in process group `pgid` (from /proc), zombies included. */
export function processGroup(pgid: number): string[] {
  const members: string[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) members.push(`${entry} ${fields[0]} ${fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')}`);
    } catch {
      // Exited while we looked.
    }
  }
  return members;
}

/** One request per URL, in parallel batches of 8, keyed by URL; `fetchOne` makes the request. */
export async function readAll<T extends { url: string }>(urls: string[], fetchOne: (url: string) => Promise<T>): Promise<Map<string, T>> {
  const results = new Map<string, T>();
  for (let start = 0; start < urls.length; start += 8) {
    for (const fetched of await Promise.all(urls.slice(start, start + 8).map(fetchOne))) results.set(fetched.url, fetched);
  }
  return results;
}

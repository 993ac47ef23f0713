import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { originOf } from './ports';

const ROOT = path.resolve(__dirname, '..');
const SERVER_SCRIPT = path.join(ROOT, '.next', 'newsline-server.cjs');

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

export type Server = { origin: string; stop: () => Promise<void>; log: () => string };

/**
 * Starts `node .next/newsline-server.cjs` in its own process group and resolves once it says it serves (its own
 * pid in the line, so a stray server left on the port cannot pass for it).
 */
export async function startServer(port: number, databaseFile: string): Promise<Server> {
  for (let waited = 0; !fs.existsSync(SERVER_SCRIPT); waited += 5000) {
    // Another engineer owns the build: it may be being rewritten right now.
    if (waited > 120_000) throw new Error(`${SERVER_SCRIPT} is missing: run npm run build`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  const origin = originOf(port);
  const child: ChildProcess = spawn(process.execPath, [SERVER_SCRIPT], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: databaseFile, SITE_URL: origin, NEXT_TELEMETRY_DISABLED: '1' },
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await exited;
    }
  };
  try {
    const started = Date.now();
    while (!log.includes(`[server] ${child.pid} serving build`)) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server on ${port} exited (${child.exitCode ?? child.signalCode}):\n${log}`);
      if (Date.now() - started > 60_000) throw new Error(`server on ${port} did not start in 60 s:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const health = await fetch(`${origin}/healthz`);
    expect(health.status, log).toBe(200);
    expect((await health.json()).database.file).toBe(databaseFile);
  } catch (error) {
    await stop();
    throw error;
  }
  child.once('exit', (code, signal) => (log += `\n[test] server exited (${signal ?? code})\n`));
  return { origin, stop, log: () => log };
}

const temporaryFolders: string[] = [];

/** A new folder under the system's temporary directory, removed by removeTemporaryFolders (a spec's afterEach). */
export function temporaryFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryFolders.push(dir);
  return dir;
}

export function removeTemporaryFolders(): void {
  for (const dir of temporaryFolders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

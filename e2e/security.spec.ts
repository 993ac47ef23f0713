import { createHash } from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import { PORTS } from './ports';
import { REFERENCE_PATH } from './reference';
import { SITE } from './servers';

/** A raw GET, so paths reach the server exactly as written (no URL normalization by a client library). */
function rawRequest(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers, ...(options.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(options.body)) }) };
    const request = http.request({ host: '127.0.0.1', port: PORTS.site, path, method: options.method ?? 'GET', headers, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body, ms: Date.now() - started }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

const HOSTILE_PATHS = [
  '/articles/../../etc/passwd',
  '/articles/..%2F..%2Fetc%2Fpasswd',
  '/articles/%2e%2e/%2e%2e/etc/passwd',
  '/articles/we-can-be-heroes%00',
  '/articles/%00',
  '/articles/%E0%A4%A',
  '/articles/%',
  '/articles/%ZZ',
  `/articles/${'a'.repeat(10_000)}`,
  `/articles/${'a-'.repeat(5_000)}x`,
  "/articles/x'%20OR%201=1--",
  '/articles/1;DROP%20TABLE%20articles',
  '/articles/%22%3E%3Cscript%3Ealert(1)%3C/script%3E',
  '/tags/%F0%9F%8E%AC',
  '/sections/..%5C..%5Cwindows',
  '/authors/%C0%AE%C0%AE',
  '/search?q=x&page=%00',
  '/tags/netflix?page=1e3',
  '/sitemaps/0.xml',
  '/sitemaps/99999.xml',
  '/sitemaps/..%2Fsitemap.xml',
];

test('hostile URLs answer 4xx or a redirect, never 5xx, and the site keeps serving', async () => {
  for (const path of HOSTILE_PATHS) {
    const response = await rawRequest(path);
    expect(response.status, path.slice(0, 80)).toBeGreaterThanOrEqual(300);
    expect(response.status, path.slice(0, 80)).toBeLessThan(500);
    expect(response.body, path.slice(0, 80)).not.toMatch(/root:x:0|at \w+ \(\/|SQLITE_/);
  }
  // Odd query strings on real pages: a normal answer.
  for (const path of ['/search?q=%E0%A4%A', '/search?q=%00', '/?page=%FF', `/search?q=${'%F0%9F%8E%AC'.repeat(500)}`]) {
    expect((await rawRequest(path)).status, path.slice(0, 80)).toBe(200);
  }
  const upper = await rawRequest('/articles/WE-CAN-BE-HEROES-ROBERT-RODRIGUEZ');
  expect(upper.status).toBe(308);
  expect(upper.headers.location).toBe(REFERENCE_PATH);
  expect((await rawRequest(REFERENCE_PATH)).status).toBe(200);
});

test('every kind of response carries the security headers', async () => {
  for (const path of ['/', REFERENCE_PATH, '/articles/missing', '/feed.xml', '/sitemap.xml', '/robots.txt', '/icon.svg', '/search?q=x']) {
    const { headers } = await rawRequest(path);
    const csp = String(headers['content-security-policy']);
    for (const directive of ["default-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", 'frame-src https://www.youtube-nocookie.com']) {
      expect(csp, `${path}: ${directive}`).toContain(directive);
    }
    expect(csp).not.toMatch(/frame-src[^;]*\*/);
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], path).toContain('camera=()');
    expect(headers['x-powered-by'], path).toBeUndefined();
  }
});

test('forged server actions and unexpected methods answer 4xx quickly', async () => {
  const forged = await rawRequest('/', { method: 'POST', headers: { 'Next-Action': 'a'.repeat(40), 'Content-Type': 'text/plain;charset=UTF-8' }, body: '[]' });
  expect(forged.status).toBeGreaterThanOrEqual(400);
  expect(forged.status).toBeLessThan(500);
  expect(forged.ms).toBeLessThan(2000);
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
    const response = await rawRequest(REFERENCE_PATH, { method, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(response.status, method).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.body).not.toContain('We Can Be Heroes');
  }
  expect((await rawRequest(REFERENCE_PATH, { method: 'HEAD' })).status).toBe(200);
});

test('canonical URLs and redirects come from SITE_URL, not from the Host header', async () => {
  const spoofed = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' };
  const page = await rawRequest(REFERENCE_PATH, { headers: spoofed });
  expect(page.body).toContain(`<link rel="canonical" href="${SITE}${REFERENCE_PATH}"/>`);
  expect(page.body).not.toContain('evil.example');
  const feed = await rawRequest('/feed.xml', { headers: spoofed });
  expect(feed.body).not.toContain('evil.example');
  const redirect = await rawRequest('/articles/rodriguez-kids-we-can-be-heroes', { headers: spoofed });
  expect(redirect.status).toBe(308);
  expect(redirect.headers.location).not.toContain('evil.example');
  expect(redirect.headers.location).toMatch(/\/articles\/rodriguez-family-made-we-can-be-heroes$/);
});

test('no page breaks its own Content-Security-Policy', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => violations.push(`${page.url()}: ${error.message}`));
  await page.route(/youtube(-nocookie)?\.com/, (route) => route.fulfill({ contentType: 'text/html', body: '<p>player</p>' }));
  for (const path of ['/', REFERENCE_PATH, '/sections/entertainment', '/tags/netflix', '/authors/kevin-polowy', '/search?q=heroes', '/search', '/articles/missing']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  await page.goto(REFERENCE_PATH);
  await page.getByRole('link', { name: /Play video: We Can Be Heroes/ }).click();
  await expect(page.locator('.article-body iframe')).toBeVisible();
  expect(violations).toEqual([]);
});

/** Every HTML page type, for the policy tests below. */
const PAGE_TYPES = ['/', REFERENCE_PATH, `${REFERENCE_PATH}/related`, '/sections/entertainment', '/tags/netflix', '/authors/kevin-polowy', '/search?q=heroes', '/search', '/articles/missing', '/sections/entertainment?page=1'];

/** The sources script-src allows. */
function scriptSources(policy: string | undefined): string[] {
  const directive = (policy ?? '').split(';').map((part) => part.trim()).find((part) => part.startsWith('script-src '));
  return directive ? directive.split(/\s+/).slice(1) : [];
}

test('every HTML response allows no inline script but its own, by hash, on the first response and on hits', async ({ request }) => {
  let hits = 0;
  for (const path of PAGE_TYPES) {
    for (const attempt of ['first', 'hit']) {
      // A hit's policy is built from the hashes stored with the cached page: wait until the page is served from the cache.
      if (attempt === 'hit') {
        await expect.poll(async () => (await request.get(path)).headers()['x-nextjs-cache'], { message: `${path} is cached`, timeout: 5000, intervals: [0, 100, 300] }).toBe('HIT');
      }
      const response = await request.get(path);
      if (attempt === 'hit' && response.headers()['x-nextjs-cache'] === 'HIT') hits++;
      const html = await response.text();
      expect(response.headers()['content-type'], path).toContain('text/html');
      const policy = response.headers()['content-security-policy'];
      const sources = scriptSources(policy);
      // No 'unsafe-inline', no 'unsafe-eval', no scheme or wildcard: 'self' and hashes only.
      expect(sources[0], `${path} (${attempt})`).toBe("'self'");
      for (const source of sources.slice(1)) expect(source, `${path} (${attempt})`).toMatch(/^'sha256-[A-Za-z0-9+/]+=*'$/);
      for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", 'frame-src https://www.youtube-nocookie.com']) {
        expect(policy, `${path}: ${directive}`).toContain(directive);
      }
      // Every inline script the page carries is one of the hashes.
      const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script/gi)].filter((match) => !/\bsrc\s*=/i.test(match[1] ?? '') && !/application\/ld\+json/.test(match[1] ?? ''));
      expect(inline.length, path).toBeGreaterThan(0);
      for (const [, , text] of inline) {
        const hash = `'sha256-${createHash('sha256').update(text ?? '', 'utf8').digest('base64')}'`;
        expect(sources, `${path}: an inline script not in its policy`).toContain(hash);
      }
    }
  }
  expect(hits, 'pages checked on a hit').toBe(PAGE_TYPES.length);
});

test('the policy bites: an inline script the page was not rendered with does not run, the page still does', async ({ page }) => {
  const violations: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { violations: string[] }).violations ??= [];
      (window as unknown as { violations: string[] }).violations.push(event.effectiveDirective);
    });
  });
  // The served page with its own policy, plus one script an attacker slipped into the HTML.
  await page.route(`**${REFERENCE_PATH}`, async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace('</body>', '<script>window.injected = true</script></body>');
    expect(scriptSources(response.headers()['content-security-policy'])).not.toContain("'unsafe-inline'");
    await route.fulfill({ response, body });
  });
  page.on('console', (message) => violations.push(message.text()));
  await page.goto(REFERENCE_PATH);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { violations?: string[] }).violations)).toEqual(['script-src-elem']);
  // The page's own scripts ran: it hydrated, and the click-to-load video still works.
  await page.route(/youtube(-nocookie)?\.com/, (route) => route.fulfill({ contentType: 'text/html', body: '<p>player</p>' }));
  await page.getByRole('link', { name: /Play video: We Can Be Heroes/ }).click();
  await expect(page.locator('.article-body iframe')).toBeVisible();
});

test('no securitypolicyviolation on any page type, client-side navigation included', async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { violations: string[] }).violations ??= [];
      (window as unknown as { violations: string[] }).violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  for (const path of PAGE_TYPES) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? []), path).toEqual([]);
  }
  // Client-side: home → an article → one of its tags.
  await page.goto('/');
  await page.locator('main a[href^="/articles/"]').first().click();
  await expect(page).toHaveURL(/\/articles\/[a-z0-9-]+$/);
  await page.locator('a[rel="tag"]').first().click();
  await expect(page).toHaveURL(/\/tags\/[a-z0-9-]+$/);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as unknown as { violations?: string[] }).violations ?? [])).toEqual([]);
});

test('violation reports are accepted, bounded, and never a way in', async () => {
  const report = JSON.stringify({ 'csp-report': { 'document-uri': `${SITE}/`, 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline' } });
  const accepted = await rawRequest('/csp-report', { method: 'POST', headers: { 'Content-Type': 'application/csp-report' }, body: report });
  expect(accepted.status).toBe(204);
  expect((await rawRequest('/csp-report', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'not json' })).status).toBe(400);
  expect((await rawRequest('/csp-report', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'x'.repeat(64 * 1024) })).status).toBe(413);
  // A flood is answered and logged a bounded number of times (server/csp-reports.ts); the site keeps serving.
  const flood = await Promise.all(Array.from({ length: 100 }, () => rawRequest('/csp-report', { method: 'POST', headers: { 'Content-Type': 'application/csp-report' }, body: report })));
  expect(new Set(flood.map((response) => response.status))).toEqual(new Set([204]));
  expect((await rawRequest(REFERENCE_PATH)).status).toBe(200);
  expect((await rawRequest('/csp-report', { method: 'PUT', body: report })).status).toBe(405);
  expect((await rawRequest('/csp-report')).status).toBe(404);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { runSeedAsync } from '../test/run-seed';
import { PORTS } from './ports';
import { REFERENCE_PATH } from './reference';
import { SITE } from './servers';
import { startServer } from './support';

/**
 * Editors' photos as readers and social networks get them: every page has a raster share image of the size it
 * declares, every <img> is sized, and a photo an editor adds to content/images shows on a running site after a
 * seed, with no rebuild.
 */

const ROOT = path.resolve(__dirname, '..');

/** Every kind of page, on the sample site. */
const PAGES = [
  '/',
  REFERENCE_PATH,
  '/articles/robert-rodriguez-two-careers',
  '/articles/we-can-be-heroes-plot-explained',
  '/sections/entertainment',
  '/tags/robert-rodriguez',
  '/authors/kevin-polowy',
  '/search?q=rodriguez',
  '/about',
  `${REFERENCE_PATH}/related`,
];

async function metaContent(page: Page, selector: string): Promise<string | null> {
  const element = page.locator(selector);
  return (await element.count()) > 0 ? element.first().getAttribute('content') : null;
}

/** Fetches an image URL and decodes it: what a social network or browser would get. */
async function fetchImage(url: string) {
  const response = await fetch(url);
  const bytes = Buffer.from(await response.arrayBuffer());
  const meta = response.ok ? await sharp(bytes).metadata() : undefined;
  return { status: response.status, type: response.headers.get('content-type'), cacheControl: response.headers.get('cache-control'), format: meta?.format, width: meta?.width, height: meta?.height };
}

test('every page has a raster share image of the size it declares, with alt text', async ({ page }) => {
  const seen = new Map<string, string>();
  for (const pathname of PAGES) {
    await page.goto(`${SITE}${pathname}`);
    const image = await metaContent(page, 'meta[property="og:image"]');
    expect(image, `${pathname}: og:image`).toBeTruthy();
    expect(await metaContent(page, 'meta[name="twitter:image"]'), `${pathname}: twitter:image`).toBe(image);
    expect(await metaContent(page, 'meta[property="og:image:alt"]'), `${pathname}: og:image:alt`).toBeTruthy();
    const width = Number(await metaContent(page, 'meta[property="og:image:width"]'));
    const height = Number(await metaContent(page, 'meta[property="og:image:height"]'));
    expect(new URL(image!).origin, `${pathname}: og:image is absolute, on the site`).toBe(SITE);
    const fetched = await fetchImage(image!);
    expect(fetched.status, `${pathname}: ${image}`).toBe(200);
    expect(['image/jpeg', 'image/png'], `${pathname}: ${image} type`).toContain(fetched.type);
    expect([fetched.format, fetched.width, fetched.height], `${pathname}: ${image} decodes at its declared size`).toEqual([fetched.type === 'image/png' ? 'png' : 'jpeg', width, height]);
    expect(width).toBeGreaterThanOrEqual(1200);
    seen.set(pathname, image!);
  }
  // A story with a photo is shared with its photo's crop, one without with its own card, listings with the site's.
  expect(new URL(seen.get('/articles/robert-rodriguez-two-careers')!).pathname).toMatch(/^\/media\/[0-9a-f]+\/share\.jpg$/);
  expect(new URL(seen.get(REFERENCE_PATH)!).pathname).toMatch(/^\/media\/[0-9a-f]+\/share\.jpg$/);
  expect(new URL(seen.get('/articles/we-can-be-heroes-plot-explained')!).pathname).toBe('/articles/we-can-be-heroes-plot-explained/card.png');
  expect(new URL(seen.get('/')!).pathname).toBe('/share.png');
  expect(new URL(seen.get('/sections/entertainment')!).pathname).toBe('/share.png');
});

test('every <img> is sized; the first image of a page is fetched first, the others lazily; srcset copies are what they say', async ({ page }) => {
  for (const pathname of ['/', REFERENCE_PATH, '/articles/robert-rodriguez-two-careers', '/sections/entertainment']) {
    await page.goto(`${SITE}${pathname}`);
    const images = await page.locator('main img').evaluateAll((elements) =>
      (elements as HTMLImageElement[]).map((img) => ({ src: img.currentSrc || img.src, width: img.getAttribute('width'), height: img.getAttribute('height'), loading: img.getAttribute('loading'), priority: img.getAttribute('fetchpriority'), srcset: img.getAttribute('srcset'), sizes: img.getAttribute('sizes') })),
    );
    expect(images.length, `${pathname} shows images`).toBeGreaterThan(0);
    for (const image of images) {
      expect(Number(image.width), `${pathname}: ${image.src} width`).toBeGreaterThan(0);
      expect(Number(image.height), `${pathname}: ${image.src} height`).toBeGreaterThan(0);
      expect(image.srcset, `${pathname}: ${image.src} srcset`).toBeTruthy();
      expect(image.sizes, `${pathname}: ${image.src} sizes`).toBeTruthy();
    }
    expect([images[0]!.loading, images[0]!.priority], `${pathname}: the first image`).toEqual([null, 'high']);
    for (const image of images.slice(1)) expect(image.loading, `${pathname}: ${image.src}`).toBe('lazy');
  }

  // Each copy in the hero's srcset is a WebP of the width it claims, cached for a year.
  await page.goto(`${SITE}/articles/robert-rodriguez-two-careers`);
  const srcset = (await page.locator('.article__hero img').getAttribute('srcset'))!;
  const candidates = srcset.split(',').map((candidate) => candidate.trim().split(/\s+/) as [string, string]);
  expect(candidates.length).toBeGreaterThan(2);
  for (const [url, descriptor] of candidates) {
    const fetched = await fetchImage(new URL(url, SITE).toString());
    expect([fetched.status, fetched.type, fetched.format, `${fetched.width}w`], url).toEqual([200, 'image/webp', 'webp', descriptor]);
    expect(fetched.cacheControl, url).toBe('public, max-age=31536000, immutable');
  }
  // The browser really drew it, at its proportions.
  const drawn = await page.locator('.article__hero img').evaluate((img: HTMLImageElement) => ({ natural: img.naturalWidth, ratio: img.naturalWidth / img.naturalHeight, box: img.getBoundingClientRect().width / img.getBoundingClientRect().height }));
  expect(drawn.natural).toBeGreaterThan(0);
  expect(Math.abs(drawn.ratio - drawn.box)).toBeLessThan(0.02);
  expect((await fetch(`${SITE}/media/${'0'.repeat(32)}/640.webp`)).status).toBe(404);
  // A browser that asks again with the validator gets a 304.
  const [firstUrl] = candidates[0]!;
  const etag = (await fetch(new URL(firstUrl, SITE))).headers.get('etag');
  expect(etag).toBeTruthy();
  expect((await fetch(new URL(firstUrl, SITE), { headers: { 'If-None-Match': etag! } })).status).toBe(304);
});

test('a photo added to content/images shows on the running site after a seed, with no rebuild; a bad one is refused naming file and field', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-images-'));
  const databaseFile = path.join(dir, 'news.db');
  const content = path.join(dir, 'content');
  fs.cpSync(path.join(ROOT, 'content'), content, { recursive: true });
  const story = path.join(content, 'articles', 'we-can-be-heroes-plot-explained.md');
  const seed = async () => {
    const result = await runSeedAsync(databaseFile, content);
    return { ...result, output: `${result.stdout}\n${result.stderr}` };
  };
  expect((await seed()).status).toBe(0);
  const server = await startServer(PORTS.images, databaseFile);
  try {
    await page.goto(`${server.origin}/articles/we-can-be-heroes-plot-explained`);
    await expect(page.locator('.article__hero')).toHaveCount(0);

    // An editor drops a photo (a PNG, 1500×1000) into content/images and uses it as the story's hero.
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1500" height="1000"><rect width="1500" height="1000" fill="#1f6f8b"/><circle cx="750" cy="500" r="300" fill="#f4d35e"/></svg>';
    fs.writeFileSync(path.join(content, 'images', 'harbour-at-dawn.png'), await sharp(Buffer.from(svg)).png().toBuffer());
    const original = fs.readFileSync(story, 'utf8');
    const withPhoto = original.replace(/\n---\n/, '\nimage:\n  src: /images/harbour-at-dawn.png\n  alt: A yellow sun over a blue harbour\n  credit: Newsline photo\n---\n');
    expect(withPhoto).not.toBe(original);

    // First with a mistake: a missing photo and a text file named .jpg. The seed names each and writes nothing.
    fs.writeFileSync(story, withPhoto.replace('/images/harbour-at-dawn.png', '/images/harbour-at-dusk.png'));
    fs.writeFileSync(path.join(content, 'images', 'notes.jpg'), 'caption ideas for the harbour photo\n');
    const careers = path.join(content, 'articles', 'robert-rodriguez-two-careers.md');
    const careersText = fs.readFileSync(careers, 'utf8');
    fs.writeFileSync(careers, careersText.replace('/images/rodriguez-careers.jpg', '/images/notes.jpg'));
    const refused = await seed();
    expect(refused.status, refused.output).toBe(1);
    expect(refused.stderr).toContain('articles/we-can-be-heroes-plot-explained.md: image.src: /images/harbour-at-dusk.png: no such file in images/');
    expect(refused.stderr).toContain('articles/robert-rodriguez-two-careers.md: image.src: /images/notes.jpg: is not an image');
    expect(refused.stderr).toContain('Nothing was written');
    await page.goto(`${server.origin}/articles/we-can-be-heroes-plot-explained`);
    await expect(page.locator('.article__hero')).toHaveCount(0);

    // Fixed: the photo shows at once, resized, on the page the server already had cached.
    fs.writeFileSync(story, withPhoto);
    fs.writeFileSync(careers, careersText);
    const seeded = await seed();
    expect(seeded.status, seeded.output).toBe(0);
    await page.goto(`${server.origin}/articles/we-can-be-heroes-plot-explained`);
    const hero = page.locator('.article__hero img');
    await expect(hero).toHaveAttribute('alt', 'A yellow sun over a blue harbour');
    await expect(hero).toHaveAttribute('width', '1500');
    await expect(hero).toHaveAttribute('height', '1000');
    await expect(page.locator('.article__hero figcaption')).toContainText('Newsline photo');
    await expect.poll(() => hero.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const src = await hero.evaluate((img: HTMLImageElement) => img.currentSrc);
    const fetched = await fetchImage(src);
    expect([fetched.status, fetched.format], src).toEqual([200, 'webp']);
    expect(fetched.width! / fetched.height!).toBeCloseTo(1.5, 2);
    const share = await page.locator('meta[property="og:image"]').getAttribute('content');
    const shared = await fetchImage(share!.replace(new URL(share!).origin, server.origin));
    expect([shared.status, shared.format, shared.width, shared.height]).toEqual([200, 'jpeg', 1200, 630]);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import { expect, test } from '@playwright/test';
import { REFERENCE_PATH } from './reference';
import { SITE } from './servers';

/** Every kind of page readers reach, the 404 page included. */
const PAGES: Record<string, string> = {
  home: '/',
  article: REFERENCE_PATH,
  'photo-article': '/articles/robert-rodriguez-two-careers',
  'no-photo-article': '/articles/we-can-be-heroes-plot-explained',
  section: '/sections/entertainment',
  tag: '/tags/robert-rodriguez',
  author: '/authors/kevin-polowy',
  search: '/search?q=rodriguez',
  'search-empty': '/search',
  about: '/about',
  'story-map': `${REFERENCE_PATH}/related`,
  'not-found': '/no/such/page',
};

const WIDTHS = [320, 390, 1280];

for (const width of WIDTHS) {
  test(`at ${width} px no page scrolls sideways; each is screenshotted for review`, async ({ browser }, testInfo) => {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    try {
      for (const [name, pathname] of Object.entries(PAGES)) {
        await page.goto(`${SITE}${pathname}`);
        await page.evaluate(() => document.fonts.ready);
        const overflow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
        expect(overflow.scroll, `${pathname} at ${width} px is ${overflow.scroll} px wide`).toBeLessThanOrEqual(overflow.viewport);
        // Nothing is cut off either: no element reaches past the right edge.
        const wide = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((element) => {
              const box = element.getBoundingClientRect();
              // Elements inside a scrollable strip (the section navigation) may extend past the edge on purpose.
              const inScroller = element.closest('[data-scrolls="x"]') !== null;
              return !inScroller && box.width > 0 && box.right > window.innerWidth + 1;
            })
            .slice(0, 5)
            .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
        );
        expect(wide, `${pathname} at ${width} px: elements past the right edge`).toEqual([]);
        await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
      }
    } finally {
      await context.close();
    }
  });
}

test('one search box per page, on every width', async ({ browser }) => {
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    for (const pathname of ['/', '/search', '/search?q=rodriguez', REFERENCE_PATH]) {
      await page.goto(`${SITE}${pathname}`);
      const boxes = await page.getByRole('searchbox').count();
      expect(boxes, `${pathname} at ${width} px`).toBe(pathname.startsWith('/search') ? 1 : 0);
      await expect(page.getByRole('link', { name: 'Search', exact: true }).first()).toBeVisible();
    }
    await context.close();
  }
});

test('the site has a favicon, icons and furniture: wordmark, section navigation, footer links', async ({ page, request }) => {
  for (const icon of ['/favicon.ico', '/icon.svg', '/apple-icon.png']) {
    const response = await request.get(`${SITE}${icon}`);
    expect(response.status(), icon).toBe(200);
    expect(response.headers()['content-type'], icon).toMatch(/^image\//);
  }
  await page.goto(SITE);
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await expect(sections.getByRole('link', { name: 'Entertainment' })).toHaveAttribute('href', '/sections/entertainment');
  await expect(sections.getByRole('link', { name: 'Movies' })).toHaveAttribute('href', '/sections/movies');
  const footer = page.getByRole('contentinfo');
  for (const [name, href] of [['About', '/about'], ['Sitemap', '/sitemap.xml']] as const) await expect(footer.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
  await expect(footer.locator('a[href="/feed.xml"]')).toHaveCount(1);
  await expect(page.getByRole('banner').getByRole('link', { name: /Newsline/ }).first()).toHaveAttribute('href', '/');
});

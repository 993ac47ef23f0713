import { expect, test, type Page } from '@playwright/test';
import { HOSTILE } from './servers';
import { parseXml } from './xml';

const TITLE = `"><script>window.__pwned='title'</script> & </title><script>window.__pwned='title2'</script>`;

/** Fails the test if anything from content ran: a dialog, a CSP report, or the marker every payload sets. */
async function expectInert(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? null)).toBeNull();
  const handlers = await page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName}[${attribute.name}]`)),
  );
  expect(handlers).toEqual([]);
  const urls = await page.evaluate(() =>
    [...document.querySelectorAll('[href], [src], [action], [formaction], [poster], [data]')].flatMap((element) =>
      ['href', 'src', 'action', 'formaction', 'poster', 'data'].map((name) => element.getAttribute(name) ?? '').filter((value) => /^\s*(javascript|data|vbscript):/i.test(value)),
    ),
  );
  expect(urls).toEqual([]);
}

test.describe('hostile content is inert', () => {
  test('the article page runs nothing from content and reads exactly as written', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(`${HOSTILE}/articles/hostile`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    expect(await page.title()).toBe(`${TITLE} | Newsline`);
    await expect(page.locator('.article__dek')).toHaveText(`</title><script>window.__pwned='dek'</script> "><img src=x onerror="window.__pwned='dek-img'">`);
    await expect(page.getByRole('list', { name: 'Tags' }).getByRole('listitem').first()).toHaveText(`"><script>window.__pwned='tag'</script>`);
    await expect(page.locator('.article__hero img')).toHaveAttribute('alt', `"><script>window.__pwned='alt'</script>`);

    // The body keeps its prose; every piece of markup is gone or inert.
    const body = page.locator('.article-body');
    await expect(body).toContainText('An ordinary first paragraph.');
    await expect(body).toContainText('The last paragraph survives.');
    await expect(body.getByText('markdown javascript link')).toBeVisible();
    await expect(body.locator('script, iframe, svg, style, details, object, embed')).toHaveCount(0);
    await expect(page.locator('body')).toBeVisible();

    // Click everything clickable in the body: nothing may run. The five Markdown links with script URLs are
    // there (as text without a URL) and really clicked, or this proves nothing.
    const links = await body.locator('a').all();
    expect(links.length, 'links in the body').toBeGreaterThanOrEqual(5);
    let clicked = 0;
    for (const link of links) await link.click({ modifiers: ['ControlOrMeta'], timeout: 2000 }).then(() => clicked++, () => undefined);
    expect(clicked, 'links clicked').toBeGreaterThanOrEqual(5);
    await expectInert(page);
    expect(dialogs).toEqual([]);
  });

  test('listings, author page and search show hostile names as text', async ({ page }) => {
    for (const path of ['/', '/authors/mallory', '/search?q=pwned', '/articles/plain']) {
      const response = await page.goto(`${HOSTILE}${path}`);
      expect(response?.status(), path).toBe(200);
      await expectInert(page);
    }
    await page.goto(`${HOSTILE}/authors/mallory`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Mallory "><script>window.__pwned='author'</script>`);
    await expect(page.locator('.author-intro')).toContainText(`<img src=x onerror="window.__pwned='bio'">`);
  });

  test('JSON-LD, the feed and the sitemap carry hostile strings as data', async ({ page, request }) => {
    await page.goto(`${HOSTILE}/articles/hostile`);
    const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).not.toMatch(/<\/script/i);
    expect(JSON.parse(scripts[0]!).headline).toBe(TITLE);

    const feed = await (await request.get(`${HOSTILE}/feed.xml`)).text();
    const titles = await parseXml<string[]>(page, feed, `return [...doc.querySelectorAll('item > title')].map((t) => t.textContent);`);
    expect(titles).toContain(TITLE);
    // A story without a dek is described by its opening words, in the meta tags and structured data alike.
    await page.goto(`${HOSTILE}/articles/plain`);
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', 'Nothing to see here.');
    await expect(page.locator('meta[property="og:description"]')).toHaveAttribute('content', 'Nothing to see here.');
    expect(JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!).description).toBe('Nothing to see here.');

    const sitemap = await (await request.get(`${HOSTILE}/sitemap.xml`)).text();
    expect(await parseXml<number>(page, sitemap, `return doc.getElementsByTagName('url').length;`)).toBeGreaterThan(3);
  });
});

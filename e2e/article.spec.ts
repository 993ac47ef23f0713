import { expect, test } from '@playwright/test';
import { reference, REFERENCE_PATH } from './reference';

test.describe('the reference article', () => {
  test.beforeEach(async ({ page }) => {
    const response = await page.goto(REFERENCE_PATH);
    expect(response?.status()).toBe(200);
  });

  test('has its headline as the one h1, and the byline of the original', async ({ page }) => {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference.headline);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page).toHaveTitle(`${reference.headline} | Newsline`);

    const byline = page.locator('.byline');
    await expect(byline).toContainText(reference.author);
    await expect(byline).toContainText(reference.role);
    await expect(byline).toContainText(reference.readTime);
    expect(reference.readTime).toBe('3 min read');
    await expect(byline.locator('time')).toHaveAttribute('datetime', '2021-01-06T17:00:00.000Z');
    // On the newsroom's clock, with the time of day and its zone.
    await expect(byline.locator('time')).toHaveText('January 6, 2021 at 12:00 PM EST');
  });

  test('shows every paragraph of the original, in order', async ({ page }) => {
    const text = (await page.locator('article.article').innerText()).replace(/\s+/g, ' ');
    // The original's 12 paragraphs less its closing credits line, which is checked with the hero video.
    expect(reference.paragraphs).toHaveLength(11);
    let from = 0;
    for (const paragraph of reference.paragraphs) {
      const at = text.indexOf(paragraph, from);
      expect(at, `paragraph missing or out of order: ${paragraph.slice(0, 60)}…`).toBeGreaterThanOrEqual(0);
      from = at + paragraph.length;
    }
  });

  test('has the inline figure with its caption, and the hero video with its own credit', async ({ page }) => {
    const figure = page.locator('.article-body figure').filter({ has: page.getByRole('img', { name: reference.figureAlt, exact: true }) });
    const image = figure.getByRole('img');
    await expect(figure.locator('figcaption')).toHaveText(reference.figureCaption);
    await image.scrollIntoViewIfNeeded();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    await expect(page.locator('.article__hero').getByRole('link', { name: /Play video/ })).toBeVisible();
    // The video's credit sits with the video it credits, not after the trailer at the end of the story.
    await expect(page.locator('.article__hero figcaption .credit')).toHaveText(reference.videoCredit);
    await expect(page.locator('.article-body')).not.toContainText(reference.videoCredit);
  });

  test('loads no video player until the reader clicks play', async ({ page }) => {
    const thirdParty: string[] = [];
    page.on('request', (request) => {
      if (!new URL(request.url()).hostname.match(/^(127\.0\.0\.1|localhost)$/)) thirdParty.push(request.url());
    });
    await page.route(/youtube(-nocookie)?\.com/, (route) => route.fulfill({ contentType: 'text/html', body: '<p>player</p>' }));
    await page.reload();
    await expect(page.locator('iframe')).toHaveCount(0);
    expect(thirdParty).toEqual([]);

    const trailer = page.getByRole('link', { name: 'Play video: We Can Be Heroes: official trailer' });
    await expect(trailer).toHaveAttribute('href', /^https:\/\/www\.youtube\.com\/watch\?v=/);
    await trailer.click();
    const player = page.locator('.article-body iframe');
    await expect(player).toHaveAttribute('src', /^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]{11}\?autoplay=1$/);
    await expect(player).toHaveAttribute('title', 'We Can Be Heroes: official trailer');
  });

  test('lists tags and the "Read more" links in the editor\'s order', async ({ page }) => {
    await expect(page.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText([
      'Robert Rodriguez',
      'Netflix',
      'We Can Be Heroes',
      'Movies',
      'Interviews',
    ]);

    const readMore = page.getByRole('region', { name: reference.readMoreHeading });
    await expect(readMore.getByRole('heading', { level: 2 })).toHaveText(reference.readMoreHeading);
    const links = readMore.getByRole('link');
    await expect(links).toHaveText([
      "Netflix green-lights a 'We Can Be Heroes' sequel after 44 million holiday viewers",
      "Illustrations, alien ships and an orchestral score: how the Rodriguez kids made 'We Can Be Heroes'",
      "What 'We Can Be Heroes' is about: when the kids have to save the planet",
      "From 'El Mariachi' to 'Sharkboy': the two careers of Robert Rodriguez",
      "Watch 'We Can Be Heroes' on Netflix",
    ]);
    await expect(links.nth(0)).toHaveAttribute('href', '/articles/we-can-be-heroes-sequel-greenlit');
    await expect(links.nth(3)).toHaveAttribute('href', '/articles/robert-rodriguez-two-careers');
    await expect(links.nth(4)).toHaveAttribute('href', 'https://www.netflix.com/search?q=We%20Can%20Be%20Heroes');
  });

  test('is a well-formed page: landmarks, alt text, description', async ({ page }) => {
    await expect(page.getByRole('banner')).toBeVisible();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('contentinfo')).toBeVisible();
    for (const img of await page.locator('img').all()) expect(await img.getAttribute('alt')).not.toBeNull();
    await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /44 million viewers/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/articles\/we-can-be-heroes-robert-rodriguez$/);
  });

  test('reads well on a phone: nothing wider than the screen', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();
  });
});

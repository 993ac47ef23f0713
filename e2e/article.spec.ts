import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { reference, REFERENCE_PATH, REFERENCE_SLUG } from './reference';

/** The reference story's content file, as its editor wrote it. */
const CONTENT_FILE = fs.readFileSync(path.join(__dirname, '..', 'content', 'articles', `${REFERENCE_SLUG}.md`), 'utf8');

/** The original as published (e2e/fixtures/reference-article.txt), as one line of text. */
const ORIGINAL = fs.readFileSync(path.join(__dirname, 'fixtures', 'reference-article.txt'), 'utf8').replace(/\s+/g, ' ');

/** The figures the content file's body places: `![alt](src "caption")` alone on a line. */
const contentFigures = [...CONTENT_FILE.matchAll(/^!\[([^\]]*)\]\((\S+) "([^"]*)"\)$/gm)].map((match) => ({ alt: match[1]!, src: match[2]!, caption: match[3]! }));

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
    // The original's read time, and no other.
    await expect(byline.getByText(/\d+ min read/)).toHaveText(reference.readTime);
    await expect(byline.locator('time')).toHaveAttribute('datetime', '2021-01-06T17:00:00.000Z');
    // On the newsroom's clock, with the time of day and its zone.
    await expect(byline.locator('time')).toHaveText('January 6, 2021 at 12:00 PM EST');
  });

  test('shows every paragraph of the original, in order, and nothing else as body text', async ({ page }) => {
    // The page's body paragraphs (the original's closing credits line is shown with the hero video, checked below).
    const paragraphs = page.locator('.article-body p');
    await expect(paragraphs).not.toHaveCount(0);
    const shown = (await paragraphs.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
    expect(shown).toEqual(reference.paragraphs);
  });

  test('has the inline figure with its caption, and the hero video with its own credit', async ({ page }) => {
    // The content file places one figure; the page shows it with the editor's alt text and caption, where the
    // original has its photo: between the same two paragraphs.
    expect(contentFigures, 'the content file places a figure').toHaveLength(1);
    // Every figure of the body is one the content file places: its photo, and its video (`::video`).
    const contentVideos = CONTENT_FILE.match(/^::video\[/gm)?.length ?? 0;
    await expect(page.locator('.article-body figure')).toHaveCount(contentFigures.length + contentVideos);
    const [{ alt, caption }] = contentFigures as [(typeof contentFigures)[number]];
    const figures = page.locator('.article-body figure').filter({ has: page.getByRole('img', { name: alt, exact: true }) });
    await expect(figures).toHaveCount(1);
    const image = figures.getByRole('img', { name: alt, exact: true });
    await expect(image).toHaveAttribute('alt', alt);
    await expect(figures.locator('figcaption')).toHaveText(caption);
    const [before, after] = (await figures.evaluate((figure) => [figure.previousElementSibling?.textContent ?? '', figure.nextElementSibling?.textContent ?? ''])).map((text) => text.replace(/\s+/g, ' ').trim());
    expect(before && after, 'paragraphs around the figure').toBeTruthy();
    expect(ORIGINAL.indexOf(before!)).toBeGreaterThanOrEqual(0);
    expect(ORIGINAL.indexOf(`${before} ${alt} ${caption} ${after}`), 'the original has the photo between the same paragraphs').toBeGreaterThanOrEqual(0);
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

    // The page has photos: the two video posters, the figure and the "Read more" cards' images.
    const images = await page.locator('img').evaluateAll((elements) =>
      elements.map((img) => {
        // An image with empty alt is decorative only if something next to it names what it shows: the link it is
        // in (a video's "Play video: …"), or the story card it illustrates (the card's headline link).
        const link = img.closest('a') ?? img.closest('.card')?.querySelector('a');
        return { src: img.getAttribute('src'), alt: img.getAttribute('alt'), namedBy: link ? (link.getAttribute('aria-label') ?? link.textContent ?? '').trim() : '' };
      }),
    );
    expect(images.length).toBeGreaterThanOrEqual(3 + contentFigures.length);
    // Every image says what it is, or is marked decorative next to the words that do.
    expect(images.filter((image) => image.alt === null)).toEqual([]);
    expect(images.filter((image) => image.alt === '' && image.namedBy === '')).toEqual([]);
    // A screen reader meets the content's photos by the alt text the editor wrote, and no decorative copy.
    await expect(page.getByRole('main').getByRole('img')).toHaveCount(contentFigures.length);
    expect(await page.getByRole('main').getByRole('img').evaluateAll((elements) => elements.map((img) => img.getAttribute('alt')))).toEqual(contentFigures.map((figure) => figure.alt));
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

import { expect, test, type Page } from '@playwright/test';
import { reference, REFERENCE_PATH } from './reference';

async function followReadMore(page: Page, headline: string, expectedPath: string) {
  await page.getByRole('region', { name: /^Read more/ }).getByRole('link', { name: headline, exact: true }).click();
  await expect(page).toHaveURL(expectedPath);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
}

test('a reader walks three hops through "Read more" and back', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  const hops = [
    ["From 'El Mariachi' to 'Sharkboy': the two careers of Robert Rodriguez", '/articles/robert-rodriguez-two-careers'],
    ["Robert Rodriguez's detour into 'The Mandalorian'", '/articles/rodriguez-mandalorian-season-2'],
    ["Netflix's stellar 2020 ended with a Christmas Day hit", '/articles/netflix-2020-christmas-day-hit'],
  ] as const;
  for (const [headline, path] of hops) await followReadMore(page, headline, path);

  // Back through the browser's history, hop by hop.
  for (const [headline] of hops.slice(0, -1).reverse()) {
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
  }
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference.headline);

  // And forward again, closing the cycle through the graph to where we started.
  await page.goto('/articles/netflix-2020-christmas-day-hit');
  await followReadMore(page, reference.headline, REFERENCE_PATH);
});

test('the front page leads with a photo, then shows every other story once, newest first', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Newsline: latest stories');

  // The lead: the newest story with a photo, whose image is the page's first, fetched early.
  const lead = page.getByRole('region', { name: 'Top stories' }).locator('.card--lead');
  await expect(lead).toHaveCount(1);
  await expect(lead.locator('img')).toHaveCount(1);
  await expect(page.getByRole('main').locator('img').first()).toHaveAttribute('fetchpriority', 'high');

  // Every story appears once. The seven sample stories all fit above the section rails, so no rail is shown
  // (each would be empty) and no "More in …" link either.
  const headlines = await page.getByRole('main').locator('.card__title').allInnerTexts();
  expect(headlines).toHaveLength(7);
  expect(new Set(headlines).size).toBe(7);
  await expect(page.getByRole('link', { name: /^More in / })).toHaveCount(0);

  // After the lead, the secondaries and the "Latest" list run newest first.
  const others = page.getByRole('main').locator('.card:not(.card--lead)');
  await expect(page.getByRole('region', { name: 'Latest', exact: true }).locator('.card--compact')).not.toHaveCount(0);
  const dates = await others.locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
  expect(dates).toHaveLength(6);
  expect(dates).toEqual([...dates].sort().reverse());

  await page.getByRole('main').getByRole('link', { name: reference.headline }).click();
  await expect(page).toHaveURL(REFERENCE_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference.headline);
});

test('the header links home, to search and to every section', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: 'Newsline', exact: true })).toHaveAttribute('href', '/');
  await expect(header.getByRole('link', { name: 'Search', exact: true })).toHaveAttribute('href', '/search');
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('link', { name: 'TV', exact: true }).click();
  await expect(page).toHaveURL('/sections/tv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('TV');
});

test('the skip link and keyboard focus are visible', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const outline = await skip.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).not.toBe('none');
});

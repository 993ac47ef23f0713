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

test('the front page lists the latest stories, newest first, linking to their pages', async ({ page }) => {
  const response = await page.goto('/');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Latest stories');
  // The latest stories come first; the section fronts below repeat some of them.
  const cards = page.locator('.card-list').first().locator('.card');
  await expect(cards).toHaveCount(7);
  await expect(page.getByRole('region', { name: 'Entertainment' }).locator('.card')).toHaveCount(4);

  const dates = await cards.locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime') ?? ''));
  expect(dates).toEqual([...dates].sort().reverse());

  await cards.getByRole('link', { name: reference.headline }).click();
  await expect(page).toHaveURL(REFERENCE_PATH);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(reference.headline);
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

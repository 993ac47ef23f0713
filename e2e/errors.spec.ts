import { expect, test } from '@playwright/test';

test.describe('pages that do not exist', () => {
  for (const path of ['/articles/no-such-story', '/articles/Not_A_Slug', '/articles/%E2%80%A6', '/no/such/page']) {
    test(`${path} answers 404 with a way on`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('We couldn’t find that page');
      await expect(page.getByRole('main').getByRole('link', { name: 'Go to the front page' })).toHaveAttribute('href', '/');
      const latest = page.getByRole('region', { name: 'Latest stories' });
      await expect(latest.getByRole('link')).toHaveCount(5);
      const first = latest.getByRole('link').first();
      const headline = await first.innerText();
      await first.click();
      await expect(page).toHaveURL(/\/articles\/[a-z0-9-]+$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
    });
  }
});

test('a missing database gives a 503 page, not a crash, and the server keeps serving', async ({ request, page }) => {
  const broken = 'http://127.0.0.1:3101';
  const response = await page.goto(`${broken}/`);
  expect(response?.status()).toBe(503);
  expect(response?.headers()['retry-after']).toBe('30');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('We’ll be back shortly');
  await expect(page.locator('body')).not.toContainText('SQLITE');

  // Same again: the process is still up and answering.
  const again = await request.get(`${broken}/articles/we-can-be-heroes-robert-rodriguez`);
  expect(again.status()).toBe(503);
  expect(await again.text()).not.toMatch(/at \w+ \(|news\.db|Error/);
});

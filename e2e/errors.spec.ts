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

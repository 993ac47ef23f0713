import { expect, test, type Page } from '@playwright/test';
import { reference, REFERENCE_PATH } from './reference';

const CAREERS = "From 'El Mariachi' to 'Sharkboy': the two careers of Robert Rodriguez";
const MANDALORIAN = "Robert Rodriguez's detour into 'The Mandalorian'";
const NETFLIX = "Netflix's stellar 2020 ended with a Christmas Day hit";
const SEQUEL = "Netflix green-lights a 'We Can Be Heroes' sequel after 44 million holiday viewers";

async function follow(page: Page, region: string | RegExp, headline: string) {
  await page.getByRole('region', { name: region }).getByRole('link', { name: headline, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
}

test('a reader walks four hops through "Read more" and comes back through "Stories that link here"', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  for (const headline of [CAREERS, MANDALORIAN, NETFLIX, SEQUEL]) await follow(page, /^Read more/, headline);
  await expect(page).toHaveURL('/articles/we-can-be-heroes-sequel-greenlit');

  const backlinks = page.getByRole('region', { name: 'Stories that link here' });
  await expect(backlinks.getByRole('link')).toHaveText([reference.headline, "What 'We Can Be Heroes' is about: when the kids have to save the planet", NETFLIX]);
  for (const headline of [NETFLIX, MANDALORIAN, CAREERS, reference.headline]) await follow(page, 'Stories that link here', headline);
  await expect(page).toHaveURL(REFERENCE_PATH);
});

test('suggestions fill the empty places, say why, and never repeat the page', async ({ page }) => {
  await page.goto('/articles/rodriguez-mandalorian-season-2');
  const readMore = await page.getByRole('region', { name: /^Read more/ }).getByRole('link').allInnerTexts();
  const backlinks = await page.getByRole('region', { name: 'Stories that link here' }).getByRole('link').allInnerTexts();
  const suggestions = page.getByRole('region', { name: 'More like this' }).getByRole('listitem');
  await expect(suggestions).toHaveCount(5 - readMore.length);
  const titles = await suggestions.getByRole('link').allInnerTexts();
  for (const title of titles) {
    expect(readMore).not.toContain(title);
    expect(backlinks).not.toContain(title);
  }
  await expect(suggestions.first()).toContainText(`${reference.headline}linked from ${CAREERS}`);
  for (const reason of await suggestions.locator('.suggestions__reason').allInnerTexts()) expect(reason).toMatch(/^(linked from|links to|shared tag:|also in) /);

  // The reference article's own list has five entries: nothing to fill.
  await page.goto(REFERENCE_PATH);
  await expect(page.getByRole('region', { name: 'More like this' })).toHaveCount(0);
});

test('the story map is an SVG of links that works without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(REFERENCE_PATH);
  await page.getByRole('link', { name: 'See how this story connects →' }).click();
  await expect(page).toHaveURL(`${REFERENCE_PATH}/related`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`How “${reference.headline}” connects`);

  const map = page.getByRole('group', { name: /^Map of the stories linked with/ });
  const nodes = map.locator('a');
  await expect(nodes).toHaveCount(7);
  await expect(map.locator('a[aria-current="page"]')).toHaveAttribute('href', REFERENCE_PATH);
  expect(await map.locator('line[marker-end]').count()).toBeGreaterThanOrEqual(10);

  // The same nodes as a list for screen readers.
  const list = page.getByRole('region', { name: 'The stories on this map' });
  await expect(list.getByRole('heading', { name: 'Two links away' })).toBeVisible();
  await expect(list.getByRole('link', { name: MANDALORIAN })).toBeVisible();

  await map.locator(`a[href="/articles/rodriguez-mandalorian-season-2"]`).click();
  await expect(page).toHaveURL('/articles/rodriguez-mandalorian-season-2');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(MANDALORIAN);
  await context.close();
});

test('graph.json has the neighbourhood, JSON-LD lists "Read more" as relatedLink, unknown maps are 404', async ({ page, request }) => {
  const graph = await (await request.get(`${REFERENCE_PATH}/graph.json`)).json();
  expect(graph.article).toBe('we-can-be-heroes-robert-rodriguez');
  expect(graph.nodes).toHaveLength(7);
  expect(graph.nodes[0]).toEqual({ slug: 'we-can-be-heroes-robert-rodriguez', headline: reference.headline, url: `http://127.0.0.1:3100${REFERENCE_PATH}`, distance: 0 });
  expect(graph.edges).toContainEqual({ from: 'robert-rodriguez-two-careers', to: 'rodriguez-mandalorian-season-2', direction: 'from→to' });
  expect(graph.omitted).toBe(0);

  await page.goto(REFERENCE_PATH);
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data.mainEntityOfPage.relatedLink).toEqual([
    'http://127.0.0.1:3100/articles/we-can-be-heroes-sequel-greenlit',
    'http://127.0.0.1:3100/articles/rodriguez-family-made-we-can-be-heroes',
    'http://127.0.0.1:3100/articles/we-can-be-heroes-plot-explained',
    'http://127.0.0.1:3100/articles/robert-rodriguez-two-careers',
    'https://www.netflix.com/search?q=We%20Can%20Be%20Heroes',
  ]);

  expect((await request.get('/articles/no-such-story/related')).status()).toBe(404);
  expect((await request.get('/articles/no-such-story/graph.json')).status()).toBe(404);
  expect((await request.get('/articles/Bad..Slug/related')).status()).toBe(404);
});

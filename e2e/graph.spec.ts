import { expect, test, type Page } from '@playwright/test';
import { reference, REFERENCE_PATH } from './reference';
import { SITE } from './servers';

const CAREERS = "From 'El Mariachi' to 'Sharkboy': the two careers of Robert Rodriguez";
const MANDALORIAN = "Robert Rodriguez's detour into 'The Mandalorian'";
const NETFLIX = "Netflix's stellar 2020 ended with a Christmas Day hit";
const SEQUEL = "Netflix green-lights a 'We Can Be Heroes' sequel after 44 million holiday viewers";

async function follow(page: Page, region: string | RegExp, headline: string) {
  await page.getByRole('region', { name: region }).getByRole('link', { name: headline, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline);
}

const LINKS_HERE = 'Links to this story';

/** Headlines of the cards in the "Read more" list, and of the related stories that link to the page. */
async function linkedStories(page: Page): Promise<{ readMore: string[]; linkingHere: string[] }> {
  return {
    readMore: await page.getByRole('region', { name: /^Read more/ }).locator('.card__title').allInnerTexts(),
    linkingHere: await page.getByRole('region', { name: 'Related stories' }).getByRole('listitem').filter({ hasText: LINKS_HERE }).locator('.card__title').allInnerTexts(),
  };
}

test('a reader walks four hops through "Read more" and comes back through the stories that link here', async ({ page }) => {
  await page.goto(REFERENCE_PATH);
  for (const headline of [CAREERS, MANDALORIAN, NETFLIX, SEQUEL]) await follow(page, /^Read more/, headline);
  await expect(page).toHaveURL('/articles/we-can-be-heroes-sequel-greenlit');

  // Every story linking here is on the page once: in the editor's "Read more" when the sequel links back to it,
  // else among the related stories, newest first, saying why.
  const linking = [reference.headline, "What 'We Can Be Heroes' is about: when the kids have to save the planet", NETFLIX];
  const { readMore, linkingHere } = await linkedStories(page);
  expect([...readMore, ...linkingHere].filter((headline) => linking.includes(headline)).sort()).toEqual([...linking].sort());
  expect(linkingHere.filter((headline) => readMore.includes(headline))).toEqual([]);

  // Back the way the reader came: each step is a story that links to the page it leaves.
  for (const headline of [NETFLIX, MANDALORIAN, CAREERS, reference.headline]) {
    const here = await linkedStories(page);
    const region = here.linkingHere.includes(headline) ? 'Related stories' : /^Read more/;
    expect([...here.readMore, ...here.linkingHere], `${headline} is shown as linking to ${await page.title()}`).toContain(headline);
    await follow(page, region, headline);
  }
  await expect(page).toHaveURL(REFERENCE_PATH);
});

test('suggestions fill the empty places, say why in a reader\'s words, and never repeat the page', async ({ page }) => {
  await page.goto('/articles/rodriguez-mandalorian-season-2');
  const readMore = await page.getByRole('region', { name: /^Read more/ }).getByRole('listitem').allInnerTexts();
  const related = page.getByRole('region', { name: 'Related stories' }).getByRole('listitem');
  const suggestions = related.filter({ hasNotText: LINKS_HERE });
  await expect(suggestions).toHaveCount(5 - readMore.length);
  const titles = await related.locator('.card__title').allInnerTexts();
  expect(new Set(titles).size, 'each story once').toBe(titles.length);
  expect(titles).not.toContain(MANDALORIAN);
  for (const title of titles) expect(readMore.join('\n')).not.toContain(title);
  await expect(suggestions.first().locator('.card__title')).toHaveText(reference.headline);
  await expect(suggestions.first().locator('.related__reason')).toHaveText(`Read together with “${CAREERS}”`);
  for (const reason of await related.locator('.related__reason').allInnerTexts()) expect(reason).toMatch(/^(Links to this story|Read together with “.+”|More on .+|More in .+)$/);

  // The reference article's own list has five entries: nothing to fill, only the stories that link to it.
  await page.goto(REFERENCE_PATH);
  await expect(page.getByRole('region', { name: 'Related stories' }).getByRole('listitem').filter({ hasNotText: LINKS_HERE })).toHaveCount(0);
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

  // On a phone: every story on the map or in the list is a tap target of at least 24 × 24 px, and no text is under
  // 11 px (the map is not drawn at a scale where it would be); at 320 px the page does not scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${REFERENCE_PATH}/related`);
  const targets = map.getByRole('link').or(list.getByRole('link'));
  expect(await targets.count()).toBeGreaterThanOrEqual(7);
  const tooSmall = await targets.evaluateAll((links) =>
    links
      .filter((link) => link.checkVisibility())
      .map((link) => ({ link: link.textContent, box: link.getBoundingClientRect() }))
      .filter(({ box }) => box.width < 24 || box.height < 24)
      .map(({ link, box }) => `${link}: ${box.width} × ${box.height}`),
  );
  expect(tooSmall).toEqual([]);
  expect(await smallText(page)).toEqual([]);

  await page.setViewportSize({ width: 320, height: 640 });
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  expect(await smallText(page)).toEqual([]);
  await context.close();
});

/** Visible text in the page's main content drawn under 11 CSS px (SVG text at the size the map is drawn at). */
function smallText(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const element = text.parentElement;
      if (!element || !text.textContent?.trim() || !element.checkVisibility()) continue;
      const scale = element instanceof SVGElement ? (element.ownerSVGElement?.getScreenCTM()?.a ?? 1) : 1;
      const size = parseFloat(getComputedStyle(element).fontSize) * scale;
      if (size < 11) small.push(`${size.toFixed(1)}px: ${text.textContent.trim()}`);
    }
    return small;
  });
}

test('graph.json has the neighbourhood, JSON-LD lists "Read more" as relatedLink, unknown maps are 404', async ({ page, request }) => {
  const graph = await (await request.get(`${REFERENCE_PATH}/graph.json`)).json();
  expect(graph.article).toBe('we-can-be-heroes-robert-rodriguez');
  expect(graph.nodes).toHaveLength(7);
  expect(graph.nodes[0]).toEqual({ slug: 'we-can-be-heroes-robert-rodriguez', headline: reference.headline, url: `${SITE}${REFERENCE_PATH}`, distance: 0 });
  expect(graph.edges).toContainEqual({ from: 'robert-rodriguez-two-careers', to: 'rodriguez-mandalorian-season-2', direction: 'from→to' });
  expect(graph.omitted).toBe(0);

  await page.goto(REFERENCE_PATH);
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data.mainEntityOfPage.relatedLink).toEqual([
    `${SITE}/articles/we-can-be-heroes-sequel-greenlit`,
    `${SITE}/articles/rodriguez-family-made-we-can-be-heroes`,
    `${SITE}/articles/we-can-be-heroes-plot-explained`,
    `${SITE}/articles/robert-rodriguez-two-careers`,
    'https://www.netflix.com/search?q=We%20Can%20Be%20Heroes',
  ]);

  expect((await request.get('/articles/no-such-story/related')).status()).toBe(404);
  expect((await request.get('/articles/no-such-story/graph.json')).status()).toBe(404);
  expect((await request.get('/articles/Bad..Slug/related')).status()).toBe(404);
});

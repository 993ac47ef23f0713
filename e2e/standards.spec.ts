import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { REFERENCE_PATH } from './reference';
import { HOSTILE, SITE } from './servers';

/**
 * The site's pages through independent validators: the Nu HTML Checker (the W3C validator, run locally from
 * the vnu-jar package) and axe-core (WCAG 2.x A and AA, plus unique landmarks). On the sample site and on the
 * hostile fixture's pages, whose content is built to break markup.
 */
/** The checker's jar, from the vnu-jar package (Java runs it). */
const VNU = path.resolve(__dirname, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

const PAGES = [
  `${SITE}/`,
  `${SITE}${REFERENCE_PATH}`,
  `${SITE}/articles/robert-rodriguez-two-careers`,
  `${SITE}/articles/we-can-be-heroes-plot-explained`,
  `${SITE}/articles/rodriguez-family-made-we-can-be-heroes`,
  `${SITE}/corrections`,
  `${SITE}${REFERENCE_PATH}/related`,
  `${SITE}/sections/entertainment`,
  `${SITE}/tags/robert-rodriguez`,
  `${SITE}/authors/kevin-polowy`,
  `${SITE}/search`,
  `${SITE}/search?q=rodriguez`,
  `${SITE}/search?q=nothing-matches-this`,
  `${SITE}/about`,
  `${SITE}/no/such/page`,
  `${HOSTILE}/articles/hostile`,
  `${HOSTILE}/articles/plain`,
  `${HOSTILE}/authors/mallory`,
  `${HOSTILE}/`,
];

test('every kind of page passes the Nu HTML Checker with no errors', async ({ request }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-vnu-'));
  try {
    const files = new Map<string, string>();
    for (const [index, url] of PAGES.entries()) {
      const response = await request.get(url);
      expect([200, 404], url).toContain(response.status());
      const file = path.join(dir, `page-${index}.html`);
      fs.writeFileSync(file, await response.body());
      files.set(file, url);
    }
    // One JVM for every page; --exit-zero-always so the report, not the exit code, is what we read.
    const output = execFileSync('java', ['-jar', VNU, '--format', 'json', '--errors-only', '--exit-zero-always', '--stdout', ...files.keys()], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const messages = (JSON.parse(output) as { messages: { type: string; url: string; lastLine?: number; message: string; extract?: string }[] }).messages;
    const errors = messages.filter((message) => message.type === 'error').map((message) => `${files.get(new URL(message.url).pathname) ?? message.url}:${message.lastLine ?? '?'}: ${message.message} [${message.extract ?? ''}]`);
    expect(errors).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const width of [390, 1280]) {
  test(`every kind of page has no WCAG A/AA violation and unique landmarks (axe-core, ${width} px)`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const found: string[] = [];
    for (const url of PAGES) {
      await page.goto(url);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      for (const violation of results.violations) found.push(`${url}: ${violation.id} (${violation.nodes.length}): ${violation.nodes[0]?.target.join(' ')}`);
    }
    await context.close();
    expect(found).toEqual([]);
  });
}

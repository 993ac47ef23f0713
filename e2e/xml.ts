import type { Page } from '@playwright/test';

/**
 * Parse an XML document with the browser's own XML parser (DOMParser) and
 * return what a test needs from it; a parse error fails the test.
 */
export async function parseXml<T>(page: Page, xml: string, read: string): Promise<T> {
  return page.evaluate(
    ({ xml, read }) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const error = doc.querySelector('parsererror');
      if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
      // The reader is test code, run in the test's own page.
      return new Function('doc', read)(doc);
    },
    { xml, read },
  ) as Promise<T>;
}

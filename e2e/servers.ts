/** The servers playwright.config.ts starts: the sample site, one without a database, one with hostile content. */
export const SITE = 'http://127.0.0.1:3100';
export const BROKEN = 'http://127.0.0.1:3101';
export const HOSTILE = 'http://127.0.0.1:3102';

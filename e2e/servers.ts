import { originOf, PORTS } from './ports';

/** The servers playwright.config.ts starts: the sample site, one without a database, one with hostile content. */
export const SITE = originOf(PORTS.site);
export const BROKEN = originOf(PORTS.broken);
export const HOSTILE = originOf(PORTS.hostile);

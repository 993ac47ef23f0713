/**
 * How pages are cached: see docs/ARCHITECTURE.md. Route files repeat the
 * revalidate period as a literal (`export const revalidate = 300`) because
 * Next reads it statically; this is the same number for code.
 */
export const REVALIDATE_SECONDS = 300;

/** For dynamic routes: render nothing at build time, every page on its first request. */
export function noStaticParams(): never[] {
  return [];
}

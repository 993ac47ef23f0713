/** For dynamic routes: render nothing at build time, every page on its first request (docs/ARCHITECTURE.md). */
export function noStaticParams(): never[] {
  return [];
}

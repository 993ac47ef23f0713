import localFont from 'next/font/local';

/**
 * The type system, self-hosted from the Fontsource packages (latin subset, variable weight axis):
 * Source Serif 4 for headlines and reading, Inter for the furniture (labels, navigation, bylines).
 * next/font serves the files from /_next/static, preloads them, and sizes a local fallback
 * (Georgia / Arial) to each font's metrics so swapping in the web font moves nothing.
 * They are exposed as --serif and --sans, the variables every stylesheet uses.
 */
export const serif = localFont({
  src: [
    { path: '../../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2', weight: '200 900', style: 'normal' },
  ],
  variable: '--serif',
  display: 'swap',
  fallback: ['Georgia', 'Times New Roman', 'serif'],
  adjustFontFallback: 'Times New Roman',
});

export const sans = localFont({
  src: [{ path: '../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2', weight: '100 900', style: 'normal' }],
  variable: '--sans',
  display: 'swap',
  fallback: ['system-ui', 'Segoe UI', 'Roboto', 'Helvetica Neue', 'Arial', 'sans-serif'],
  adjustFontFallback: 'Arial',
});

/**
 * Source Serif 4's italics, for emphasis in serif text (`em`, `i`): not preloaded, since most pages show few
 * italics and the preloads would compete with the page's lead photo on a slow phone. Until it arrives the
 * browser slants the upright face, in the same metrics.
 */
export const serifItalic = localFont({
  src: [{ path: '../../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2', weight: '200 900', style: 'italic' }],
  variable: '--serif-italic',
  display: 'swap',
  preload: false,
  fallback: ['Georgia', 'Times New Roman', 'serif'],
  adjustFontFallback: 'Times New Roman',
});

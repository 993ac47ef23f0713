/**
 * Editors' photos (content/images/): the seed stores each one with resized
 * copies in the database (db/seed/images.ts), and pages refer to the copies by
 * the hash of the photo's bytes, so their URLs never change meaning and can be
 * cached for a year (their paths: lib/paths.ts mediaPath). Pure: both the seed and the pages use these rules.
 */
import { mediaPath } from './paths';

/** The formats the seed accepts, as sharp names them, and their media types. */
export const ACCEPTED_FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif' } as const;
export type ImageFormat = keyof typeof ACCEPTED_FORMATS;

/** Widths of the resized WebP copies, in CSS pixels × density; a photo is never enlarged. */
export const RESIZED_WIDTHS = [320, 480, 640, 800, 960, 1280, 1600] as const;

/** The share crop social networks show (og:image): 1.91:1, the size Facebook, LinkedIn and X ask for. */
export const SHARE_SIZE = { width: 1200, height: 630 } as const;

/**
 * Crops for structured data: Google asks for 16:9, 4:3 and 1:1 images at least 1200 px wide (NewsArticle
 * `image`). Named by their ratio.
 */
export const CROPS = [
  { name: '16x9.jpg', width: 1200, height: 675 },
  { name: '4x3.jpg', width: 1200, height: 900 },
  { name: '1x1.jpg', width: 1200, height: 1200 },
] as const;

/** How content refers to a photo: /images/<file>, a file directly in content/images/. */
export const LOCAL_IMAGE_PATTERN = /^\/images\/([A-Za-z0-9][A-Za-z0-9._-]{0,150})$/;

/** The file name of a local image reference ("/images/a.jpg" → "a.jpg"), or null for anything else. */
export function localImageName(src: string): string | null {
  const match = LOCAL_IMAGE_PATTERN.exec(src);
  const name = match?.[1];
  return name && !name.includes('..') ? name : null;
}

/** The widths a photo `width` pixels wide is copied at: every standard width below it, and its own width up to the largest. */
export function resizedWidths(width: number): number[] {
  const largest = Math.max(...RESIZED_WIDTHS);
  const widths: number[] = RESIZED_WIDTHS.filter((candidate) => candidate < width);
  widths.push(Math.min(width, largest));
  return [...new Set(widths)];
}

/** The height of a copy `width` wide, keeping the photo's proportions (as sharp rounds it). */
export function resizedHeight(image: { width: number; height: number }, width: number): number {
  return Math.round((image.height * width) / image.width);
}

/** Variant names, which are also the last part of their URLs (lib/paths.ts MEDIA_PATH_PATTERN accepts these). */
export const variantName = {
  resized: (width: number) => `${width}.webp`,
  share: 'share.jpg',
} as const;

/** Every copy the seed keeps of a photo `width` pixels wide, by name. */
export function variantNames(width: number): string[] {
  return [...resizedWidths(width).map(variantName.resized), variantName.share, ...CROPS.map((crop) => crop.name)];
}

/** A stored photo as pages need it: the hash of its bytes and its size. */
export type StoredImage = { hash: string; width: number; height: number };

/** `srcset` for a stored photo's resized copies. */
export function srcSetFor(image: StoredImage): string {
  return resizedWidths(image.width)
    .map((width) => `${mediaPath(image.hash, variantName.resized(width))} ${width}w`)
    .join(', ');
}

/** The copy to use as `src` (browsers without srcset, and feeds): the largest. */
export function defaultSrcFor(image: StoredImage): string {
  return mediaPath(image.hash, variantName.resized(Math.max(...resizedWidths(image.width))));
}

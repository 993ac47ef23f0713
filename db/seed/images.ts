import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import type { ArticleRecord, Problem } from '@/lib/content';
import { ACCEPTED_FORMATS, CROPS, localImageName, resizedWidths, SHARE_SIZE, variantName, variantNames, type ImageFormat, type StoredImage } from '@/lib/images';
import type { NewMedia } from '../schema';

/**
 * Editors' photos: every image an article shows (hero, video poster, body) must be a file in the content
 * folder's images/ that is really a JPEG, PNG, WebP or AVIF. The seed reads each once (its bytes' SHA-256
 * names it), and makes the copies pages use (lib/images.ts): WebP at the widths of RESIZED_WIDTHS and a
 * 1200×630 JPEG share crop. Copies of a photo the database already holds are not made again.
 */

/** A photo larger than this is refused before it is read: resize it first. */
export const MAX_IMAGE_BYTES = 40 * 1024 * 1024;
const IMAGES_FOLDER = 'images';

export type InspectedImage = StoredImage & { name: string; format: ImageFormat; bytes: Buffer };

/** name → the photo as read, for every photo referenced and readable. */
export type ImageSet = Map<string, InspectedImage>;

/** Reads and checks every photo the articles refer to; every problem is named at each place that refers to it. */
export async function inspectImages(dir: string, articles: ArticleRecord[]): Promise<{ images: ImageSet; problems: Problem[] }> {
  const problems: Problem[] = [];
  const images: ImageSet = new Map();
  const failures = new Map<string, string>();
  const folder = path.resolve(dir, IMAGES_FOLDER);
  for (const article of articles) {
    for (const ref of article.imageRefs) {
      const where = ref.line === undefined ? '' : `line ${ref.line}: `;
      const name = localImageName(ref.src);
      if (name === null) {
        problems.push({ file: article.sourceFile, field: ref.field, message: `${where}${JSON.stringify(ref.src)} must name a photo in content/images/, like /images/photo.jpg (pages need its size and resized copies, so photos from other sites cannot be used)` });
        continue;
      }
      if (!images.has(name) && !failures.has(name)) {
        const result = await inspect(folder, name);
        if (typeof result === 'string') failures.set(name, result);
        else images.set(name, result);
      }
      const failure = failures.get(name);
      if (failure) problems.push({ file: article.sourceFile, field: ref.field, message: `${where}${ref.src}: ${failure}` });
    }
  }
  return { images, problems };
}

async function inspect(folder: string, name: string): Promise<InspectedImage | string> {
  const bytes = readPhoto(folder, name);
  if (typeof bytes === 'string') return bytes;
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes).metadata();
  } catch {
    return 'is not an image (use a JPEG, PNG, WebP or AVIF photo)';
  }
  const format = formatOf(metadata);
  if (!format) return `is ${metadata.format === 'svg' ? 'an SVG drawing' : `a ${String(metadata.format).toUpperCase()} file`}; use a JPEG, PNG, WebP or AVIF photo`;
  if (!metadata.width || !metadata.height) return 'has no width and height';
  // Photos from phones store their rotation separately; the copies are turned upright, so is the size.
  const turned = (metadata.orientation ?? 1) >= 5;
  return {
    name,
    format,
    bytes,
    hash: photoHashOf(bytes),
    width: turned ? metadata.height : metadata.width,
    height: turned ? metadata.width : metadata.height,
  };
}

/** A photo's bytes when it is a regular file inside images/ no larger than the limit, else why not. */
function readPhoto(folder: string, name: string): Buffer | string {
  const file = path.join(folder, name);
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return `no such file in ${IMAGES_FOLDER}/ (add the photo there, or fix the name)`;
  }
  if (!real.startsWith(fs.realpathSync(folder) + path.sep)) return `is a symlink to a file outside ${IMAGES_FOLDER}/`;
  const stat = fs.statSync(real);
  if (!stat.isFile()) return 'is not a regular file';
  if (stat.size > MAX_IMAGE_BYTES) return `is ${(stat.size / 1024 / 1024).toFixed(0)} MB; the limit is ${MAX_IMAGE_BYTES / 1024 / 1024} MB (resize it first)`;
  return fs.readFileSync(real);
}

/** The name a photo's copies are stored under: its bytes' SHA-256 (128 bits of it). */
function photoHashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/**
 * The hash of a photo in the content folder's images/ as it is now, read without decoding it: a re-seed compares
 * it with the hash the last seed stored, to tell whether an unchanged article shows a replaced photo. Undefined
 * when the photo cannot be read as a photo file (the article is then parsed again, and inspectImages says why).
 */
export function currentPhotoHash(dir: string, name: string): string | undefined {
  const bytes = readPhoto(path.resolve(dir, IMAGES_FOLDER), name);
  return typeof bytes === 'string' ? undefined : photoHashOf(bytes);
}

function formatOf(metadata: Metadata): ImageFormat | null {
  if (metadata.format === 'heif') return metadata.compression === 'av1' ? 'avif' : null;
  return metadata.format in ACCEPTED_FORMATS ? (metadata.format as ImageFormat) : null;
}

/**
 * The article with its photos' hashes folded into its content hash, so replacing a photo under the same
 * file name counts as a change to every article that shows it.
 */
export function withImageHashes(article: ArticleRecord, images: ImageSet): ArticleRecord {
  const hashes = article.imageRefs.map((ref) => images.get(localImageName(ref.src) ?? '')?.hash ?? '');
  if (hashes.length === 0) return article;
  return { ...article, contentHash: createHash('sha256').update(article.contentHash).update(hashes.join(' ')).digest('hex') };
}

/**
 * The copies the database lacks (`existing`: hash → the variants it holds), ready to store. A photo stored by
 * an older version of the seed gets just the copies that version did not make. Runs two photos at a time.
 */
export async function makeCopies(images: Iterable<InspectedImage>, existing: Map<string, Set<string>>): Promise<NewMedia[]> {
  const todo = [...new Map([...images].map((image) => [image.hash, image])).values()]
    .map((image) => ({ image, missing: variantNames(image.width).filter((name) => !existing.get(image.hash)?.has(name)) }))
    .filter((job) => job.missing.length > 0);
  const rows: NewMedia[] = [];
  let next = 0;
  const worker = async () => {
    for (let job = todo[next++]; job; job = todo[next++]) rows.push(...(await copiesOf(job.image, new Set(job.missing))));
  };
  await Promise.all([worker(), worker()]);
  return rows;
}

async function copiesOf(image: InspectedImage, wanted: Set<string>): Promise<NewMedia[]> {
  const upright = () => sharp(image.bytes).rotate();
  const rows: NewMedia[] = [];
  for (const width of resizedWidths(image.width)) {
    if (!wanted.has(variantName.resized(width))) continue;
    const { data, info } = await upright().resize({ width }).webp({ quality: 78 }).toBuffer({ resolveWithObject: true });
    rows.push({ hash: image.hash, variant: variantName.resized(width), contentType: 'image/webp', width: info.width, height: info.height, bytes: data });
  }
  // Crops keep the most interesting part of the photo (sharp's attention strategy).
  for (const crop of [{ name: variantName.share, ...SHARE_SIZE }, ...CROPS]) {
    if (!wanted.has(crop.name)) continue;
    const { data, info } = await upright()
      .resize({ width: crop.width, height: crop.height, fit: 'cover', position: sharp.strategy.attention })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    rows.push({ hash: image.hash, variant: crop.name, contentType: 'image/jpeg', width: info.width, height: info.height, bytes: data });
  }
  return rows;
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { resizedWidths } from '@/lib/images';
import { article, author, BODY, makeContentFolder } from '@/test/content-fixture';
import { readRows, seedProblems } from '@/test/database';
import { seedDatabase } from './index';

/** A real photo-like PNG of the given size (a gradient, so encoders have something to do). */
async function photo(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'avif' = 'png', tint = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g"><stop offset="0" stop-color="rgb(${tint},80,160)"/><stop offset="1" stop-color="#f5b041"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="#fff"/></svg>`;
  return sharp(Buffer.from(svg)).toFormat(format).toBuffer();
}

function folderWithImages() {
  const folder = makeContentFolder();
  fs.mkdirSync(path.join(folder.dir, 'images'));
  folder.write('authors/ada.md', author);
  return { ...folder, image: (name: string, bytes: Buffer | string) => fs.writeFileSync(path.join(folder.dir, 'images', name), bytes) };
}

const tempDatabase = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'news-images-')), 'news.db');

describe("editors' photos", () => {
  it('refuses missing, fake, SVG and foreign images at once, naming file, field and line, and writes nothing', async () => {
    const folder = folderWithImages();
    folder.image('good.png', await photo(800, 450));
    folder.image('fake.jpg', 'this is a text file with a .jpg name\n');
    folder.image('drawing.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    folder.write('articles/fine.md', article({ title: 'Fine', image: { src: '/images/good.png', alt: 'A good photo' } }), BODY);
    folder.write('articles/missing.md', article({ title: 'Missing', image: { src: '/images/nowhere.jpg', alt: 'Gone' } }), BODY);
    folder.write('articles/fake.md', article({ title: 'Fake', video: { title: 'A video', url: 'https://youtu.be/dQw4w9WgXcQ', poster: '/images/fake.jpg' } }), BODY);
    folder.write('articles/body.md', article({ title: 'Body' }), 'First paragraph.\n\n![A drawing](/images/drawing.svg)\n\n![Hotlinked](https://example.com/photo.jpg)\n');
    const file = tempDatabase();
    await seedDatabase({ dir: folder.dir, databaseFile: file }).catch(() => undefined);
    const before = fs.existsSync(file) ? fs.readFileSync(file) : null;

    expect(await seedProblems(seedDatabase({ dir: folder.dir, databaseFile: file }))).toEqual([
      'articles/body.md: body: line 9: /images/drawing.svg: is an SVG drawing; use a JPEG, PNG, WebP or AVIF photo',
      'articles/body.md: body: line 11: "https://example.com/photo.jpg" must name a photo in content/images/, like /images/photo.jpg (pages need its size and resized copies, so photos from other sites cannot be used)',
      'articles/fake.md: video.poster: /images/fake.jpg: is not an image (use a JPEG, PNG, WebP or AVIF photo)',
      'articles/missing.md: image.src: /images/nowhere.jpg: no such file in images/ (add the photo there, or fix the name)',
    ]);
    expect(before).toBeNull();
    expect(fs.existsSync(file)).toBe(false);
  });

  it('stores each photo with its size, resized WebP copies and a 1200×630 share crop, and reuses them on the next seed', async () => {
    const folder = folderWithImages();
    folder.image('wide.png', await photo(1400, 800));
    folder.image('small.webp', await photo(500, 500, 'webp'));
    folder.image('poster.avif', await photo(1000, 562, 'avif'));
    folder.write('articles/one.md', article({ title: 'One', image: { src: '/images/wide.png', alt: 'Wide' } }), 'Text.\n\n![Small](/images/small.webp)\n');
    folder.write('articles/two.md', article({ title: 'Two', video: { title: 'A video', url: 'https://youtu.be/dQw4w9WgXcQ', poster: '/images/poster.avif' } }), BODY);
    const file = tempDatabase();
    await seedDatabase({ dir: folder.dir, databaseFile: file });

    const [one] = readRows<{ image_hash: string; image_width: number; image_height: number; body_images: string }>(file, "SELECT image_hash, image_width, image_height, body_images FROM articles WHERE slug = 'one'");
    expect(one).toMatchObject({ image_width: 1400, image_height: 800 });
    const small = Object.values(JSON.parse(one!.body_images) as Record<string, { hash: string; width: number; height: number }>)[0]!;
    expect(small).toMatchObject({ width: 500, height: 500 });

    const media = readRows<{ hash: string; variant: string; content_type: string; width: number; height: number; bytes: Buffer }>(file, 'SELECT * FROM media ORDER BY hash, variant');
    const of = (hash: string) => media.filter((row) => row.hash === hash);
    expect(of(one!.image_hash).map((row) => row.variant).sort()).toEqual([...resizedWidths(1400).map((width) => `${width}.webp`), 'share.jpg', '16x9.jpg', '4x3.jpg', '1x1.jpg'].sort());
    expect(of(small.hash).map((row) => row.variant).sort()).toEqual(['16x9.jpg', '1x1.jpg', '320.webp', '480.webp', '4x3.jpg', '500.webp', 'share.jpg']);
    for (const row of media) {
      // What a browser would get: the bytes really are that format and that size.
      const meta = await sharp(row.bytes).metadata();
      expect(`${meta.format} ${meta.width}×${meta.height}`).toBe(`${row.content_type === 'image/webp' ? 'webp' : 'jpeg'} ${row.width}×${row.height}`);
      const crops: Record<string, [number, number]> = { 'share.jpg': [1200, 630], '16x9.jpg': [1200, 675], '4x3.jpg': [1200, 900], '1x1.jpg': [1200, 1200] };
      if (crops[row.variant]) expect([row.width, row.height], row.variant).toEqual(crops[row.variant]);
      else expect(row.width).toBe(Number(row.variant.split('.')[0]));
    }

    const again = await seedDatabase({ dir: folder.dir, databaseFile: file });
    expect(again.articles.unchanged).toBe(2);
    expect(readRows(file, 'SELECT hash, variant FROM media ORDER BY hash, variant')).toEqual(media.map(({ hash, variant }) => ({ hash, variant })));

    // A database from an older seed that made fewer copies (its files were loaded under another format) gets just
    // the missing ones, and keeps the rest as they are.
    const db = new Database(file);
    db.prepare("DELETE FROM media WHERE variant = '1x1.jpg'").run();
    db.prepare("UPDATE content_files SET format = 'an older seed'").run();
    const kept = db.prepare("SELECT rowid, hash, variant FROM media ORDER BY rowid").all();
    db.close();
    await seedDatabase({ dir: folder.dir, databaseFile: file });
    expect(readRows(file, 'SELECT hash, variant FROM media ORDER BY hash, variant')).toEqual(media.map(({ hash, variant }) => ({ hash, variant })));
    expect(readRows(file, "SELECT rowid, hash, variant FROM media WHERE variant != '1x1.jpg' ORDER BY rowid")).toEqual(kept);
  });

  it('a photo replaced under the same name updates every story showing it and expires their cards', async () => {
    const folder = folderWithImages();
    folder.image('lead.jpg', await photo(900, 600, 'jpeg', 0));
    folder.write('articles/one.md', article({ title: 'One', image: { src: '/images/lead.jpg', alt: 'Lead' } }), BODY);
    folder.write('articles/two.md', article({ title: 'Two' }), BODY);
    const file = tempDatabase();
    await seedDatabase({ dir: folder.dir, databaseFile: file });
    const [before] = readRows<{ id: number; image_hash: string }>(file, "SELECT id, image_hash FROM articles WHERE slug = 'one'");

    folder.image('lead.jpg', await photo(900, 600, 'jpeg', 200));
    const result = await seedDatabase({ dir: folder.dir, databaseFile: file });
    expect(result.articles).toMatchObject({ updated: 1, unchanged: 1 });
    expect(result.expiredKeys).toContain(`a:${before!.id}`);
    const [after] = readRows<{ image_hash: string }>(file, "SELECT image_hash FROM articles WHERE slug = 'one'");
    expect(after!.image_hash).not.toBe(before!.image_hash);
    // The old copies stay a while for pages still cached somewhere, marked as no longer shown.
    const orphaned = readRows<{ orphaned_at: string | null }>(file, `SELECT orphaned_at FROM media WHERE hash = '${before!.image_hash}'`);
    expect(orphaned.length).toBeGreaterThan(0);
    expect(orphaned.every((row) => row.orphaned_at !== null)).toBe(true);
    expect(readRows<{ n: number }>(file, `SELECT count(*) AS n FROM media WHERE hash = '${after!.image_hash}' AND orphaned_at IS NULL`)[0]!.n).toBeGreaterThan(0);
  });
});

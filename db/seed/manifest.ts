import fs from 'node:fs';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import { articleFacts, authorFacts } from '@/lib/content/facts';
import type { ArticleFacts, ArticleRecord, AuthorFacts, AuthorRecord, LoadOptions } from '@/lib/content';
import { collectSources, fingerprintOf } from '@/lib/fingerprint';
import { localImageName } from '@/lib/images';
import { type AppDatabase, openReadOnlyDatabase } from '../client';
import { MIGRATIONS_FOLDER } from '../migrate';
import { contentFiles, type NewContentFile } from '../schema';
import { currentPhotoHash, type ImageSet } from './images';

/**
 * What the last seed loaded (table content_files): a re-seed parses only the files whose bytes changed, and
 * checks the rest of the folder through the facts kept of each unchanged file. An article also counts as changed
 * when a photo it shows was replaced under the same name (its photos' hashes are kept with its facts).
 */

/** An article's facts as the seed keeps them: with the hash of each photo it showed ("x.jpg" → hash). */
export type KeptArticleFacts = ArticleFacts & { photos: Record<string, string> };

export type Manifest = {
  articles: Map<string, { sha256: string; facts: KeptArticleFacts }>;
  authors: Map<string, { sha256: string; facts: AuthorFacts }>;
  /** The newest seed when it was read (db/seed/write.ts refuses to write if another seed came since). */
  seedId: number | null;
};

export const emptyManifest = (): Manifest => ({ articles: new Map(), authors: new Map(), seedId: null });

/**
 * The code that turns files into records: lib/ (the loader, Markdown, slugs, photos' copies), the seed itself, the
 * schema, and the packages they use (package-lock.json). Tests and other folders are left out.
 */
const LOADER_SOURCES = ['lib', 'db/seed', 'db/schema.ts', 'package-lock.json'];
const root = path.resolve(__dirname, '..', '..');

/**
 * What the manifest's rows were written under: a fingerprint of the loader's code and the newest migration. A row
 * written under another is ignored, so a new version of the site (a changed excerpt rule, another crop of every
 * photo, an upgraded Markdown parser, a new column) reads every file again, once, without anyone remembering to
 * ask for it. A change elsewhere in lib/ costs that one full read too: correct records matter more.
 */
export function contentFormat(): string {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const files: string[] = [];
  for (const source of LOADER_SOURCES) {
    if (fs.statSync(path.join(root, source)).isDirectory()) collectSources(root, source, files);
    else files.push(source);
  }
  files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `code ${fingerprintOf(root, files).slice(0, 16)}, schema ${journal.entries.at(-1)?.tag ?? 'none'}`;
}

/**
 * The manifest of the database at `file`, read-only (nothing when it does not exist or predates the table). A row
 * counts only if the record it describes is still in the database with the hash it loaded, so a database changed
 * behind the seed's back (a restored table, a hand edit) is read again rather than trusted.
 */
export function readManifest(file: string): Manifest {
  if (!fs.existsSync(file)) return emptyManifest();
  try {
    return readManifestRows(file);
  } catch {
    // Not a database, or one this version cannot read: every file is parsed, and the write says what is wrong.
    return emptyManifest();
  }
}

function readManifestRows(file: string): Manifest {
  const manifest = emptyManifest();
  const { sqlite } = openReadOnlyDatabase(file);
  try {
    const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'content_files'`).get();
    if (!table) return manifest;
    manifest.seedId = (sqlite.prepare('SELECT max(id) AS id FROM seeds').get() as { id: number | null }).id;
    const rows = sqlite
      .prepare(
        `SELECT f.path, f.kind, f.sha256, f.facts FROM content_files f
         WHERE f.format = ? AND CASE f.kind
           WHEN 'article' THEN EXISTS (SELECT 1 FROM articles a WHERE a.slug = f.slug AND a.content_hash = f.content_hash)
           ELSE EXISTS (SELECT 1 FROM authors w WHERE w.slug = f.slug AND w.content_hash = f.content_hash) END`,
      )
      .all(contentFormat()) as { path: string; kind: 'article' | 'author'; sha256: string; facts: string }[];
    for (const row of rows) {
      if (row.kind === 'article') manifest.articles.set(row.path, { sha256: row.sha256, facts: JSON.parse(row.facts) as KeptArticleFacts });
      else manifest.authors.set(row.path, { sha256: row.sha256, facts: JSON.parse(row.facts) as AuthorFacts });
    }
    return manifest;
  } finally {
    sqlite.close();
  }
}

/** The loader's questions answered from the manifest: same bytes and, for an article, the same photos. */
export function unchangedFrom(manifest: Manifest, dir: string): LoadOptions {
  const photoHashes = new Map<string, string | undefined>();
  const photoHash = (name: string) => {
    if (!photoHashes.has(name)) photoHashes.set(name, currentPhotoHash(dir, name));
    return photoHashes.get(name);
  };
  return {
    unchangedArticle: (file, sha256) => {
      const kept = manifest.articles.get(file);
      if (kept?.sha256 !== sha256) return undefined;
      for (const [name, hash] of Object.entries(kept.facts.photos)) if (photoHash(name) !== hash) return undefined;
      return kept.facts;
    },
    unchangedAuthor: (file, sha256) => {
      const kept = manifest.authors.get(file);
      return kept?.sha256 === sha256 ? kept.facts : undefined;
    },
  };
}

/** The rows to remember for the files this seed parsed (`contentHash` as written, photos' hashes included). */
export function manifestRows(content: { authors: AuthorRecord[]; articles: ArticleRecord[]; images: ImageSet }, fileHashes: Map<string, string>): NewContentFile[] {
  const format = contentFormat();
  const row = (kind: 'article' | 'author', record: { slug: string; sourceFile: string; contentHash: string }, facts: object): NewContentFile => ({
    path: record.sourceFile,
    kind,
    sha256: fileHashes.get(record.sourceFile)!,
    format,
    slug: record.slug,
    contentHash: record.contentHash,
    facts: JSON.stringify(facts),
  });
  return [
    ...content.authors.map((author) => row('author', author, authorFacts(author))),
    ...content.articles.map((article) => {
      const photos: Record<string, string> = {};
      for (const ref of article.imageRefs) {
        const name = localImageName(ref.src);
        const image = name === null ? undefined : content.images.get(name);
        if (name !== null && image) photos[name] = image.hash;
      }
      const facts: KeptArticleFacts = { ...articleFacts(article), photos };
      return row('article', article, facts);
    }),
  ];
}

/** Forget files no longer in the folder and remember the parsed ones, inside the seed's transaction. */
export function writeManifest(tx: Pick<AppDatabase, 'select' | 'delete' | 'insert'>, rows: NewContentFile[], present: ReadonlySet<string>): void {
  const gone = tx.select({ path: contentFiles.path }).from(contentFiles).all().filter((row) => !present.has(row.path));
  const replaced = [...gone.map((row) => row.path), ...rows.map((row) => row.path)];
  for (let start = 0; start < replaced.length; start += 500) {
    tx.delete(contentFiles).where(inArray(contentFiles.path, replaced.slice(start, start + 500))).run();
  }
  // 100 rows a statement: far fewer statements on a first seed, well under SQLite's limit on parameters.
  for (let start = 0; start < rows.length; start += 100) tx.insert(contentFiles).values(rows.slice(start, start + 100)).run();
}

import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { articleFacts, authorFacts } from '@/lib/content/facts';
import { lookAhead, readContent, type ArticleFacts, type ArticleRecord, type AuthorFacts, type AuthorRecord, type LoadedContent, type LoadOptions } from '@/lib/content';
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

/** One file as the last seed loaded it: the hash of its bytes, its stat then (lib/content/load.ts fileStat), its facts. */
export type Kept<Facts> = { sha256: string; stat: string | null; facts: Facts };

export type Manifest = {
  articles: Map<string, Kept<KeptArticleFacts>>;
  authors: Map<string, Kept<AuthorFacts>>;
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
    // The records as the database holds them (covering indexes), then the rows: one pass each, matched here.
    const written = { article: hashesOf(sqlite, 'articles'), author: hashesOf(sqlite, 'authors') };
    const rows = sqlite.prepare('SELECT path, kind, sha256, stat, facts, slug, content_hash FROM content_files WHERE format = ?').raw();
    for (const [source, kind, sha256, stat, facts, slug, contentHash] of rows.iterate(contentFormat()) as Iterable<
      [string, 'article' | 'author', string, string | null, string, string, string]
    >) {
      if (written[kind].get(slug) !== contentHash) continue;
      if (kind === 'article') manifest.articles.set(source, { sha256, stat, facts: JSON.parse(facts) as KeptArticleFacts });
      else manifest.authors.set(source, { sha256, stat, facts: JSON.parse(facts) as AuthorFacts });
    }
    return manifest;
  } finally {
    sqlite.close();
  }
}

/** slug → content hash of every row of `table`. */
function hashesOf(sqlite: ReturnType<typeof openReadOnlyDatabase>['sqlite'], table: 'articles' | 'authors'): Map<string, string> {
  return new Map(sqlite.prepare(`SELECT slug, content_hash FROM ${table}`).raw().all() as [string, string][]);
}

/** What the last seed kept of one file, article or author. */
function keptFile(manifest: Manifest, file: string): Kept<object> | undefined {
  return manifest.articles.get(file) ?? manifest.authors.get(file);
}

/**
 * The folder as a seed (or its dry run) reads it: what the last seed kept (nothing with `full`), then every file,
 * parsing the changed ones. The folder's stats are taken in a worker thread while this one reads the manifest.
 */
export async function readChangedContent(dir: string, databaseFile: string, full = false): Promise<{ manifest: Manifest; content: LoadedContent }> {
  const look = lookAhead(dir);
  const manifest = full ? emptyManifest() : readManifest(databaseFile);
  const content = readContent(dir, { ...unchangedFrom(manifest, dir), look: await look });
  return { manifest, content };
}

/** The loader's questions answered from the manifest: same bytes and, for an article, the same photos. */
export function unchangedFrom(manifest: Manifest, dir: string): LoadOptions {
  const photoHashes = new Map<string, string | undefined>();
  const photoHash = (name: string) => {
    if (!photoHashes.has(name)) photoHashes.set(name, currentPhotoHash(dir, name));
    return photoHashes.get(name);
  };
  return {
    kept: (file) => keptFile(manifest, file),
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

/** What the loader found of the folder's files (lib/content/load.ts LoadedContent). */
type FilesFound = { fileHashes: ReadonlyMap<string, string>; fileStats: ReadonlyMap<string, string | null> };

/** The rows to remember for the files this seed parsed (`contentHash` as written, photos' hashes included). */
export function manifestRows(content: { authors: AuthorRecord[]; articles: ArticleRecord[]; images: ImageSet }, files: FilesFound): NewContentFile[] {
  const format = contentFormat();
  const row = (kind: 'article' | 'author', record: { slug: string; sourceFile: string; contentHash: string }, facts: object): NewContentFile => ({
    path: record.sourceFile,
    kind,
    sha256: files.fileHashes.get(record.sourceFile)!,
    stat: files.fileStats.get(record.sourceFile) ?? null,
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

/** A file not parsed (its bytes were as kept) whose stat is not the one kept: touched, copied, checked out again. */
export type MovedStat = { path: string; stat: string | null };

/**
 * The files this seed did not parse whose stat moved since the last seed (or was too fresh to keep then): their rows
 * get the new stat, so the next seed need not read them again.
 */
export function movedStats(manifest: Manifest, files: FilesFound, parsed: ReadonlySet<string>): MovedStat[] {
  const moved: MovedStat[] = [];
  for (const [file, stat] of files.fileStats) {
    if (parsed.has(file)) continue;
    const kept = keptFile(manifest, file);
    if (kept && kept.stat !== stat) moved.push({ path: file, stat });
  }
  return moved;
}

/**
 * Forget files no longer in the folder, remember the parsed ones and the new stats of unparsed ones, inside the
 * seed's transaction.
 */
export function writeManifest(
  tx: Pick<AppDatabase, 'select' | 'delete' | 'insert' | 'update'>,
  rows: NewContentFile[],
  present: ReadonlySet<string>,
  moved: MovedStat[] = [],
): void {
  const gone = tx.select({ path: contentFiles.path }).from(contentFiles).all().filter((row) => !present.has(row.path));
  const replaced = [...gone.map((row) => row.path), ...rows.map((row) => row.path)];
  for (let start = 0; start < replaced.length; start += 500) {
    tx.delete(contentFiles).where(inArray(contentFiles.path, replaced.slice(start, start + 500))).run();
  }
  // 100 rows a statement: far fewer statements on a first seed, well under SQLite's limit on parameters.
  for (let start = 0; start < rows.length; start += 100) tx.insert(contentFiles).values(rows.slice(start, start + 100)).run();
  for (const { path: file, stat } of moved) tx.update(contentFiles).set({ stat }).where(eq(contentFiles.path, file)).run();
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { VFile } from 'vfile';
import { matter } from 'vfile-matter';
import type { z } from 'zod';
import { forbiddenCharacterAt } from '@/lib/characters';
import { excerptOf } from '@/lib/description';
import { analyzeBody } from '@/lib/markdown/body';
import { nameToSlug } from '@/lib/slug';
import type { ArticleFacts, AuthorFacts } from './facts';
import { fieldName, listField, type Problem } from './problems';
import {
  articleFrontMatterSchema,
  authorFrontMatterSchema,
  forbiddenMessage,
  relatedSchema,
  slugSchema,
  type ArticleFrontMatter,
  type RelatedEntry,
} from './schema';

export type AuthorRecord = {
  slug: string;
  name: string;
  title: string | null;
  organization: string | null;
  /** A person, or a desk writing as one (an organization). */
  type: 'person' | 'organization';
  bio: string | null;
  sourceFile: string;
  contentHash: string;
};

/** A photo an article shows, where the editor named it: `field` is "image.src", "video.poster" or "body" (with its line). */
export type ImageRef = { field: string; line?: number; src: string };

export type ArticleRecord = {
  slug: string;
  title: string;
  dek: string | null;
  /** The byline, in order: front matter `author` (one) or `authors` (a list). The first is the lead author. */
  authorSlugs: string[];
  /** Which field named them, for messages: "author" (one slug) or "authors" (a list). */
  bylineField: 'author' | 'authors';
  section: string;
  sectionSlug: string;
  /** In the editor's order; slugs derived from the names (lib/slug.ts). */
  tags: { name: string; slug: string }[];
  /** Old slugs that redirect here. */
  redirectFrom: string[];
  publishedAt: string;
  /** The last change: front matter `updatedAt`, or the newest correction's date when that is later. */
  updatedAt: string | null;
  /** Correction notices, in the editor's order. */
  corrections: ArticleFrontMatter['corrections'];
  /** Structured credits ("Video producer: Jen Kucsak"), in the editor's order. */
  credits: ArticleFrontMatter['credits'];
  /** Off the site until it is not a draft any more (and its publishedAt has come). */
  draft: boolean;
  source: string | null;
  image: ArticleFrontMatter['image'] | null;
  video: ArticleFrontMatter['video'] | null;
  related: RelatedEntry[];
  body: string;
  /** The body as plain text, for the search index. */
  bodyText: string;
  /** Its opening words: the description of a story without a dek (null with a dek, so a body edit changes no card). */
  excerpt: string | null;
  wordCount: number;
  /** Every photo it shows (hero, poster, body), for the seed to check and resize. */
  imageRefs: ImageRef[];
  sourceFile: string;
  contentHash: string;
};

export type LoadedContent = {
  authors: AuthorRecord[];
  articles: ArticleRecord[];
  problems: Problem[];
  /** Slugs of article files that exist but failed validation: links to them are not "dangling". */
  invalidArticleSlugs: Set<string>;
  /** What could be read of those files, for the whole-set rules. */
  partialArticles: PartialArticle[];
  /** Slugs of author files that exist but failed validation: bylines naming them are not "unknown". */
  invalidAuthorSlugs: Set<string>;
  /** Files not parsed because the last seed loaded the same bytes (LoadOptions): what the whole-set rules need of them. */
  unchangedArticles: ArticleFacts[];
  unchangedAuthors: AuthorFacts[];
  /** The SHA-256 of every readable content file's bytes ("articles/x.md" → hex), for the seed to remember. */
  fileHashes: Map<string, string>;
  /** The stat of each of those files (fileStat; null when too fresh to trust), for the seed to remember. */
  fileStats: Map<string, string | null>;
};

/**
 * A file changed within this long before the seed looked is read again next time whatever its stat says: a second
 * write in the same tick of a coarse file system clock (FAT's is 2 s) could leave the stat as it was (git's "racily
 * clean" rule).
 */
export const STAT_SETTLE_MS = 2000;

/**
 * What the seed remembers of a file on disk to know, next time, that its bytes cannot have changed:
 * "dev:ino:size:mtimeNs:ctimeNs". Every write moves ctime, which no tool can set back (`touch -r` restores mtime
 * only); a file replaced by another (git checkout, a copy) has a new inode or ctime. Null when the file changed
 * within STAT_SETTLE_MS of `now`.
 */
export function fileStat(stat: FileStat, now = Date.now()): string | null {
  const settled = BigInt(now - STAT_SETTLE_MS) * 1_000_000n;
  if (stat.mtimeNs >= settled || stat.ctimeNs >= settled) return null;
  return `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
}

/** What the last seed kept of a file: the SHA-256 of the bytes it loaded, and the file's stat then (fileStat). */
export type KeptFile = { sha256: string; stat: string | null };

/**
 * How a re-seed skips what it loaded before. `kept` says what the last seed found of a file: when the file's stat
 * is the one kept, its bytes are not read at all (a write to a file always moves its ctime) and its hash is the kept
 * one. Then, asked for each readable file with the SHA-256 of its bytes, `unchangedArticle` and `unchangedAuthor`
 * return the facts the last seed kept of that file when those bytes (and anything else the record depends on, like
 * its photos) are unchanged; the file is then not parsed. Without them every file is read and parsed.
 */
export type LoadOptions = {
  kept?: (file: string) => KeptFile | undefined;
  /** The folder's listing and stats taken ahead (lookAhead); what it lacks the loader looks at itself. */
  look?: LookAhead;
  unchangedArticle?: (file: string, sha256: string) => ArticleFacts | undefined;
  unchangedAuthor?: (file: string, sha256: string) => AuthorFacts | undefined;
};

/**
 * Issues carry the value they refused, so a missing field ("is required") is told apart from a wrong one ("title: 42",
 * a credit written as one line of text): zodProblems reads it.
 */
const PARSE_OPTIONS = { reportInput: true } as const;

/** A content file larger than this is refused before it is read (a long feature is ~100 KB). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** What fileStat reads of a file's stat. */
type FileStat = Pick<fs.BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>;

/** A file as lookAhead found it: a regular file with its stat, or something else. */
type Looked = (FileStat & { isFile: true }) | { isFile: false };

/** The folder's Markdown files and the stat of each plain one, as lookAhead found them at `takenAt` (ms). */
export type LookAhead = { root: string; takenAt: number; listed: Map<string, ListedFile[]>; stats: Map<string, Looked> };

const SUBFOLDERS = ['authors', 'articles'] as const;

/**
 * Lists the folder and takes the stat of each plain Markdown file in a worker thread (lib/content/stat-worker.cjs),
 * so the caller does other work meanwhile: a re-seed of 100,000 files reads what it kept in the same second. Resolves
 * to undefined when the folder cannot be read or the worker fails: the loader then does it all itself.
 */
export async function lookAhead(dir: string): Promise<LookAhead | undefined> {
  const takenAt = Date.now();
  let root: string;
  const listed = new Map<string, ListedFile[]>();
  try {
    root = fs.realpathSync(path.resolve(dir));
    for (const subfolder of SUBFOLDERS) {
      // A folder with a problem (missing) is left to the loader, which reports it.
      const problems: Problem[] = [];
      const files = listMarkdown(root, subfolder, problems);
      if (problems.length === 0) listed.set(subfolder, files);
    }
  } catch {
    return undefined;
  }
  const plain = [...listed.values()].flat().filter((entry) => entry.plain);
  const found = await new Promise<BigUint64Array | undefined>((resolve) => {
    const worker = new Worker(path.join(__dirname, 'stat-worker.cjs'), { workerData: { files: plain.map((entry) => path.join(root, entry.file)) } });
    worker.once('message', (message: BigUint64Array) => resolve(message));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  if (!found) return undefined;
  const stats = new Map<string, Looked>();
  plain.forEach((entry, index) => {
    const at = index * 6;
    if (found[at] === 1n) stats.set(entry.file, { isFile: true, dev: found[at + 1]!, ino: found[at + 2]!, size: found[at + 3]!, mtimeNs: found[at + 4]!, ctimeNs: found[at + 5]! });
    else if (found[at] === 2n) stats.set(entry.file, { isFile: false });
  });
  return { root, takenAt, listed, stats };
}

/**
 * Reads content/authors/*.md and content/articles/*.md. Never throws for bad
 * content: every problem is collected so an editor sees them all at once.
 */
export function loadContentFolder(dir: string, options: LoadOptions = {}): LoadedContent {
  const problems: Problem[] = [];
  const root = path.resolve(dir);
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
    if (!fs.statSync(realRoot).isDirectory()) throw new Error('not a directory');
  } catch {
    return {
      authors: [],
      articles: [],
      problems: [{ file: dir, field: 'folder', message: 'is not a readable content folder' }],
      invalidArticleSlugs: new Set(),
      invalidAuthorSlugs: new Set(),
      partialArticles: [],
      unchangedArticles: [],
      unchangedAuthors: [],
      fileHashes: new Map(),
      fileStats: new Map(),
    };
  }
  const fileHashes = new Map<string, string>();
  const fileStats = new Map<string, string | null>();
  // Stats taken ahead were taken after `takenAt`: the files changed within STAT_SETTLE_MS of it are not trusted.
  const look = options.look?.root === realRoot ? options.look : undefined;
  const now = look?.takenAt ?? Date.now();
  /**
   * The hash of the file's bytes and a way to its bytes, or undefined (with a problem) when it cannot be used as a
   * text file. A file whose stat is the one the last seed kept is not read unless it must be parsed.
   */
  const read = ({ file, plain }: ListedFile) => {
    const found = inspectFile(realRoot, file, plain, problems, look?.stats.get(file));
    if (!found) return undefined;
    const stat = fileStat(found.stat, now);
    const kept = options.kept?.(file);
    const hashed = (bytes: Buffer | undefined) => {
      if (!bytes) return undefined;
      fileHashes.set(file, createHash('sha256').update(bytes).digest('hex'));
      fileStats.set(file, stat);
      return bytes;
    };
    if (stat !== null && kept?.stat === stat) {
      fileHashes.set(file, kept.sha256);
      fileStats.set(file, stat);
      // Its bytes only if it must be parsed after all (a photo it shows was replaced): read, and hashed again.
      return { sha256: kept.sha256, bytes: () => hashed(readContentBytes(found.real, file, problems)) };
    }
    const bytes = hashed(readContentBytes(found.real, file, problems));
    return bytes && { sha256: fileHashes.get(file)!, bytes: () => bytes };
  };

  const authors: AuthorRecord[] = [];
  const unchangedAuthors: AuthorFacts[] = [];
  const invalidAuthorSlugs = new Set<string>();
  const list = (subfolder: (typeof SUBFOLDERS)[number]) => look?.listed.get(subfolder) ?? listMarkdown(realRoot, subfolder, problems);
  for (const listed of list('authors')) {
    const file = listed.file;
    const bytes = read(listed);
    const unchanged = bytes && options.unchangedAuthor?.(file, bytes.sha256);
    if (unchanged) {
      unchangedAuthors.push(unchanged);
      continue;
    }
    const text = bytes?.bytes();
    const parsed = text && parseFile(file, text, problems);
    if (!parsed) {
      invalidAuthorSlugs.add(path.basename(file, '.md'));
      continue;
    }
    const result = authorFrontMatterSchema.safeParse(parsed.data, PARSE_OPTIONS);
    if (!result.success) {
      problems.push(...zodProblems(file, result.error));
      const claimed = (parsed.data as { slug?: unknown }).slug;
      invalidAuthorSlugs.add(typeof claimed === 'string' ? claimed : path.basename(file, '.md'));
      continue;
    }
    const slug = slugFor(file, result.data.slug, problems);
    if (!slug) continue;
    problems.push(...bodyCharacterProblems(file, parsed));
    const bio = parsed.body.trim() || null;
    authors.push(
      withHash({
        slug,
        name: result.data.name,
        title: result.data.title ?? null,
        organization: result.data.organization ?? null,
        type: result.data.type,
        bio,
        sourceFile: file,
      }),
    );
  }

  const articles: ArticleRecord[] = [];
  const unchangedArticles: ArticleFacts[] = [];
  const invalidArticleSlugs = new Set<string>();
  const partialArticles: PartialArticle[] = [];
  for (const listed of list('articles')) {
    const file = listed.file;
    const bytes = read(listed);
    const unchanged = bytes && options.unchangedArticle?.(file, bytes.sha256);
    if (unchanged) {
      unchangedArticles.push(unchanged);
      continue;
    }
    const text = bytes?.bytes();
    const parsed = text && parseFile(file, text, problems);
    if (!parsed) {
      invalidArticleSlugs.add(path.basename(file, '.md'));
      continue;
    }
    const result = articleFrontMatterSchema.safeParse(parsed.data, PARSE_OPTIONS);
    const body = parsed.body.trim();
    const analysis = analyzeBody(body);
    // Lines trimmed off the top of the body still count for the line numbers we report.
    const trimmedLines = (parsed.body.slice(0, parsed.body.length - parsed.body.trimStart().length).match(/\n/g) ?? []).length;
    if (body === '') problems.push({ file, field: 'body', message: 'is empty: write the article below the front matter' });
    problems.push(...bodyCharacterProblems(file, parsed));
    for (const problem of analysis.problems) {
      const line = problem.line === undefined ? '' : `line ${problem.line + parsed.bodyLineOffset + trimmedLines}: `;
      problems.push({ file, field: 'body', message: `${line}${problem.message}` });
    }
    if (!result.success) {
      problems.push(...zodProblems(file, result.error));
      const claimed = (parsed.data as { slug?: unknown }).slug;
      const slug = typeof claimed === 'string' ? claimed : path.basename(file, '.md');
      invalidArticleSlugs.add(slug);
      // The fields that are valid on their own still go through the whole-set rules, so an editor sees an unknown
      // author or a dangling link in the same run as a bad date.
      partialArticles.push(partialArticle(file, slug, parsed.data));
      continue;
    }
    const slug = slugFor(file, result.data.slug, problems);
    if (!slug) continue;
    const frontMatter = result.data;
    articles.push(
      withHash({
        slug,
        title: frontMatter.title,
        dek: frontMatter.dek ?? null,
        authorSlugs: frontMatter.authors ?? [frontMatter.author!],
        bylineField: frontMatter.authors ? 'authors' : 'author',
        section: frontMatter.section,
        sectionSlug: nameToSlug(frontMatter.section),
        tags: frontMatter.tags.map((name) => ({ name, slug: nameToSlug(name) })),
        redirectFrom: frontMatter.redirectFrom,
        publishedAt: frontMatter.publishedAt,
        updatedAt: lastChange(frontMatter.updatedAt, frontMatter.corrections),
        corrections: frontMatter.corrections,
        credits: frontMatter.credits,
        draft: frontMatter.draft,
        source: frontMatter.source ?? null,
        image: frontMatter.image ?? null,
        video: frontMatter.video ?? null,
        related: frontMatter.related,
        body,
        bodyText: analysis.text,
        excerpt: frontMatter.dek ? null : excerptOf(analysis.text),
        wordCount: analysis.wordCount,
        imageRefs: [
          ...(frontMatter.image ? [{ field: 'image.src', src: frontMatter.image.src }] : []),
          ...(frontMatter.video?.poster ? [{ field: 'video.poster', src: frontMatter.video.poster }] : []),
          ...analysis.images.map((image) => ({ field: 'body', src: image.src, line: image.line === undefined ? undefined : image.line + parsed.bodyLineOffset + trimmedLines })),
        ],
        sourceFile: file,
      }),
    );
  }

  return { authors, articles, problems, invalidArticleSlugs, invalidAuthorSlugs, partialArticles, unchangedArticles, unchangedAuthors, fileHashes, fileStats };
}

/**
 * An article whose front matter failed validation, as far as its fields are valid on their own: its author and the
 * "Read more" entries that parse (null where an entry does not), for the rules across the whole folder.
 */
export type PartialArticle = {
  slug: string;
  sourceFile: string;
  /** The byline's slugs that parse, with the field that names each ("author", "authors.2"). */
  authorSlugs: { slug: string; field: string }[];
  related: (RelatedEntry | null)[];
};

function partialArticle(file: string, slug: string, data: unknown): PartialArticle {
  const raw = data as Record<string, unknown>;
  const author = slugSchema.safeParse(raw.author);
  const listed = Array.isArray(raw.authors)
    ? raw.authors.flatMap((entry, index) => {
        const parsed = slugSchema.safeParse(entry);
        return parsed.success ? [{ slug: parsed.data, field: listField('authors', index) }] : [];
      })
    : [];
  const related = Array.isArray(raw.related) ? raw.related.map((entry) => relatedSchema.safeParse(entry)).map((entry) => (entry.success ? entry.data : null)) : [];
  return { slug, sourceFile: file, authorSlugs: [...(author.success ? [{ slug: author.data, field: 'author' }] : []), ...listed], related };
}

/** An article's last change: its `updatedAt`, or the date of its newest correction when that is later. */
function lastChange(updatedAt: string | undefined, corrections: { date: string }[]): string | null {
  const dates = [updatedAt, ...corrections.map((correction) => correction.date)].filter((date): date is string => date !== undefined);
  return dates.length > 0 ? dates.reduce((latest, date) => (date > latest ? date : latest)) : null;
}

function withHash<T extends object>(record: T): T & { contentHash: string } {
  const contentHash = createHash('sha256').update(JSON.stringify(record)).digest('hex');
  return { ...record, contentHash };
}

/**
 * A Markdown file in one subfolder: its relative path ("articles/x.md"), and whether it is `plain`, a regular file
 * (not a symlink) in a subfolder that is not a symlink either, so its path inside the content folder is its real one.
 */
type ListedFile = { file: string; plain: boolean };

/** The Markdown files in one subfolder, sorted by path. */
function listMarkdown(root: string, subfolder: string, problems: Problem[]): ListedFile[] {
  const folder = path.join(root, subfolder);
  let folderIsLink: boolean;
  try {
    folderIsLink = fs.lstatSync(folder).isSymbolicLink();
  } catch {
    problems.push({ file: `${subfolder}/`, field: 'folder', message: `is missing: the content folder needs ${subfolder}/` });
    return [];
  }
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.name.endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => ({ file: `${subfolder}/${entry.name}`, plain: !folderIsLink && entry.isFile() }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

type ParsedFile = { data: unknown; body: string; bodyLineOffset: number };

/**
 * Where a content file really is and its stat, when it is a regular file inside the folder and small enough; else
 * undefined, with the problem. A plain file (listMarkdown) is its own real path; any other is resolved.
 */
function inspectFile(root: string, file: string, plain: boolean, problems: Problem[], looked?: Looked): { real: string; stat: FileStat } | undefined {
  const fail = (message: string) => {
    problems.push({ file, field: 'file', message });
    return undefined;
  };
  const absolute = path.join(root, file);
  let real = absolute;
  if (!plain) {
    try {
      // The system's realpath (one call; Node's own resolves each folder of the path in JavaScript).
      real = fs.realpathSync.native(absolute);
    } catch {
      return fail('cannot be read (a broken symlink?)');
    }
    if (real !== absolute && !real.startsWith(root + path.sep)) return fail('is a symlink to a file outside the content folder');
  }
  let stat: FileStat;
  if (plain && looked) {
    if (!looked.isFile) return fail('is not a regular file');
    stat = looked;
  } else {
    let found: fs.BigIntStats;
    try {
      found = fs.statSync(real, { bigint: true });
    } catch {
      return fail('cannot be read (was it removed while the seed ran?)');
    }
    if (!found.isFile()) return fail('is not a regular file');
    stat = found;
  }
  if (stat.size > MAX_FILE_BYTES) return fail(`is ${(Number(stat.size) / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  return { real, stat };
}

/** A content file's bytes, when they are small enough and not binary; else undefined, with the problem. */
function readContentBytes(real: string, file: string, problems: Problem[]): Buffer | undefined {
  const fail = (message: string) => {
    problems.push({ file, field: 'file', message });
    return undefined;
  };
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(real);
  } catch {
    return fail('cannot be read (was it removed while the seed ran?)');
  }
  // Checked again: the file may have grown since it was looked at.
  if (bytes.length > MAX_FILE_BYTES) return fail(`is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  if (bytes.includes(0)) return fail('is binary, not a Markdown text file');
  return bytes;
}

/** The front matter and body of a file's bytes, or undefined with the problem that stops it being read. */
function parseFile(file: string, bytes: Buffer, problems: Problem[]): ParsedFile | undefined {
  const fail = (message: string) => {
    problems.push({ file, field: 'file', message });
    return undefined;
  };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('is not valid UTF-8 text: save it as UTF-8');
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.startsWith('---\n')) {
    problems.push({ file, field: 'front matter', message: 'is missing: the file must start with YAML front matter between "---" lines' });
    return undefined;
  }

  const vfile = new VFile({ value: text, path: file });
  try {
    matter(vfile, { strip: true, yaml: { maxAliasCount: 50, prettyErrors: true, uniqueKeys: true } });
  } catch (error) {
    problems.push({ file, field: 'front matter', message: `is not valid YAML: ${yamlErrorMessage(error, frontMatterSource(text))}` });
    return undefined;
  }
  const data = (vfile.data as { matter?: unknown }).matter;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, field: 'front matter', message: 'must be a YAML mapping of fields (name: value)' });
    return undefined;
  }
  const body = String(vfile.value);
  const bodyLineOffset = text.split('\n').length - body.split('\n').length;
  return { data, body, bodyLineOffset };
}

/** The YAML between the opening "---" line and the closing one (what the YAML parser read, offsets and all). */
function frontMatterSource(text: string): string {
  const end = text.indexOf('\n---', 3);
  return text.slice(4, end === -1 ? undefined : end + 1);
}

type YamlError = { code?: string; message: string; pos?: [number, number] };

/**
 * yaml's first message line, located as the editor sees the file: line and column from the top of the file
 * (the opening --- is line 1), pointing where the problem starts. The parser notices an unclosed quote or
 * bracket only where the text runs out, so those point back to the character that opened them.
 */
function yamlErrorMessage(error: unknown, source: string): string {
  if (!(error instanceof Error)) return String(error);
  const { message, pos, code } = error as YamlError;
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
  if (!pos) return first;
  const at = (code === 'MISSING_CHAR' || code === 'BAD_INDENT' || code === 'UNEXPECTED_TOKEN' ? unclosedOpener(source, pos[0]) : undefined) ?? pos[0];
  const before = source.slice(0, at);
  const line = before.split('\n').length + 1;
  const column = at - before.lastIndexOf('\n');
  return `${first} (line ${line}, column ${column})`;
}

/** Where the quote or bracket still open at `end` was opened, if one is: scanning as YAML flow text does. */
function unclosedOpener(source: string, end: number): number | undefined {
  const open: number[] = [];
  let quote: { char: string; at: number } | undefined;
  for (let index = 0; index < end && index < source.length; index++) {
    const char = source[index]!;
    if (quote) {
      if (char === '\\' && quote.char === '"') index++;
      else if (char === quote.char && !(quote.char === "'" && source[index + 1] === "'")) quote = undefined;
      else if (char === "'" && quote.char === "'") index++;
      continue;
    }
    if (char === '#' && (index === 0 || /\s/.test(source[index - 1]!))) {
      // A comment runs to the end of its line.
      const newline = source.indexOf('\n', index);
      index = newline === -1 ? source.length : newline;
    } else if ((char === '"' || char === "'") && /(^|[\s:[{,-])$/.test(source.slice(Math.max(0, index - 1), index))) {
      quote = { char, at: index };
    } else if (char === '[' || char === '{') open.push(index);
    else if ((char === ']' || char === '}') && open.length > 0) open.pop();
  }
  return quote?.at ?? open[0];
}

/** The first character of a body (article or bio) that pages and feeds cannot carry, with its line in the file. */
function bodyCharacterProblems(file: string, parsed: ParsedFile): Problem[] {
  const found = forbiddenCharacterAt(parsed.body);
  if (!found) return [];
  return [{ file, field: 'body', message: `line ${found.line + parsed.bodyLineOffset}, column ${found.column}: ${forbiddenMessage(found.character)}` }];
}

function slugFor(file: string, explicit: string | undefined, problems: Problem[]): string | undefined {
  if (explicit) return explicit;
  const fromName = path.basename(file, '.md');
  if (slugSchema.safeParse(fromName).success) return fromName;
  problems.push({
    file,
    field: 'slug',
    message: `file name "${fromName}" is not a valid slug (lowercase letters, digits and single hyphens): rename the file or set slug`,
  });
  return undefined;
}

function zodProblems(file: string, error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue) => {
    const where = fieldName(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ file, field: where ? `${where}.${key}` : key, message: 'is not a known field (check the spelling in content/README.md)' }));
    }
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return [{ file, field: where || 'front matter', message }];
  });
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
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
};

/**
 * How a re-seed skips what it loaded before: asked for each readable file with the SHA-256 of its bytes, each
 * returns the facts the last seed kept of that file when those bytes (and anything else the record depends on,
 * like its photos) are unchanged; the file is then not parsed. Without them every file is parsed.
 */
export type LoadOptions = {
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
    };
  }
  const fileHashes = new Map<string, string>();
  /** The file's bytes and their hash, or undefined (with a problem) when it cannot be used as a text file. */
  const read = (file: string) => {
    const bytes = readBytes(realRoot, file, problems);
    if (!bytes) return undefined;
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    fileHashes.set(file, sha256);
    return { bytes, sha256 };
  };

  const authors: AuthorRecord[] = [];
  const unchangedAuthors: AuthorFacts[] = [];
  const invalidAuthorSlugs = new Set<string>();
  for (const file of listMarkdown(realRoot, 'authors', problems)) {
    const bytes = read(file);
    const unchanged = bytes && options.unchangedAuthor?.(file, bytes.sha256);
    if (unchanged) {
      unchangedAuthors.push(unchanged);
      continue;
    }
    const parsed = bytes && parseFile(file, bytes.bytes, problems);
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
  for (const file of listMarkdown(realRoot, 'articles', problems)) {
    const bytes = read(file);
    const unchanged = bytes && options.unchangedArticle?.(file, bytes.sha256);
    if (unchanged) {
      unchangedArticles.push(unchanged);
      continue;
    }
    const parsed = bytes && parseFile(file, bytes.bytes, problems);
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

  return { authors, articles, problems, invalidArticleSlugs, invalidAuthorSlugs, partialArticles, unchangedArticles, unchangedAuthors, fileHashes };
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

/** Relative paths ("articles/x.md") of the Markdown files in one subfolder, sorted. */
function listMarkdown(root: string, subfolder: string, problems: Problem[]): string[] {
  const folder = path.join(root, subfolder);
  if (!fs.existsSync(folder)) {
    problems.push({ file: `${subfolder}/`, field: 'folder', message: `is missing: the content folder needs ${subfolder}/` });
    return [];
  }
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.name.endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => `${subfolder}/${entry.name}`)
    .sort();
}

type ParsedFile = { data: unknown; body: string; bodyLineOffset: number };

/** A content file's bytes, when it is a regular file inside the folder, small enough and not binary. */
function readBytes(root: string, file: string, problems: Problem[]): Buffer | undefined {
  const fail = (message: string) => {
    problems.push({ file, field: 'file', message });
    return undefined;
  };
  const absolute = path.join(root, file);
  let real: string;
  try {
    // The system's realpath (one call; Node's own resolves each folder of the path in JavaScript, a quarter of a
    // re-seed of 100,000 files that changed nothing).
    real = fs.realpathSync.native(absolute);
  } catch {
    return fail('cannot be read (a broken symlink?)');
  }
  if (real !== absolute && !real.startsWith(root + path.sep)) return fail('is a symlink to a file outside the content folder');
  const stat = fs.statSync(real);
  if (!stat.isFile()) return fail('is not a regular file');
  if (stat.size > MAX_FILE_BYTES) return fail(`is ${(stat.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`);

  const bytes = fs.readFileSync(real);
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

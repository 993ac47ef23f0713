import type { ArticleFacts, AuthorFacts } from './facts';
import type { PartialArticle } from './load';
import { listField, type Problem } from './problems';

/**
 * Rules that need the whole set: unique slugs, authors that exist, and a
 * "Read more" graph with no dangling, self or repeated edges.
 */
export function checkContentSet({
  authors,
  articles,
  invalidArticleSlugs = new Set(),
  invalidAuthorSlugs = new Set(),
  partialArticles = [],
}: {
  /** Every author and article of the folder (parsed records, or the facts kept of unchanged files), articles by file name. */
  authors: AuthorFacts[];
  articles: ArticleFacts[];
  /** Files that exist but failed validation (their own problems are reported): links and bylines to them are not dangling. */
  invalidArticleSlugs?: ReadonlySet<string>;
  invalidAuthorSlugs?: ReadonlySet<string>;
  partialArticles?: PartialArticle[];
}): Problem[] {
  const problems: Problem[] = [];
  problems.push(...duplicateSlugs(authors, 'author'), ...duplicateSlugs(articles, 'article'));

  const authorSlugs = new Set(authors.map((author) => author.slug));
  const articleSlugs = new Set(articles.map((article) => article.slug));
  const movedTo = new Map(articles.flatMap((article) => article.redirectFrom.map((old) => [old, article.slug] as const)));

  // Articles that failed validation are checked too, as far as they could be read.
  for (const article of [...articles, ...partialArticles]) {
    const file = article.sourceFile;
    // Every author of the byline: `author`, or each of `authors` (named as the editor counts them, "authors.2").
    const byline = 'bylineField' in article ? bylineOf(article) : article.authorSlugs;
    for (const { slug, field } of byline) {
      if (!authorSlugs.has(slug) && !invalidAuthorSlugs.has(slug)) {
        problems.push({ file, field, message: `no author "${slug}" (expected authors/${slug}.md)` });
      }
    }
    const seen = new Map<string, number>();
    article.related.forEach((entry, index) => {
      if (entry === null) return;
      // URLs compare in their normal form: "https://A.example" and "https://a.example/" are one entry.
      const key = entry.kind === 'article' ? `slug:${entry.slug}` : `url:${new URL(entry.url).href}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({ file, field: listField('related', index), message: `repeats ${listField('related', earlier)}` });
      }
      seen.set(key, earlier ?? index);
      if (entry.kind !== 'article') return;
      if (entry.slug === article.slug) {
        problems.push({ file, field: `${listField('related', index)}.slug`, message: 'an article cannot list itself' });
      } else if (!articleSlugs.has(entry.slug) && !invalidArticleSlugs.has(entry.slug)) {
        const current = movedTo.get(entry.slug);
        const hint = current ? ` (it is an old slug of "${current}": link to that)` : '';
        problems.push({ file, field: `${listField('related', index)}.slug`, message: `no article has slug "${entry.slug}"${hint}` });
      }
    });
  }
  problems.push(...redirectProblems(articles), ...spellingProblems(articles));
  return problems;
}

/** A valid article's byline with the field naming each author: "author" for one, "authors.<n>" for a list. */
function bylineOf(article: ArticleFacts): { slug: string; field: string }[] {
  return article.bylineField === 'author'
    ? article.authorSlugs.map((slug) => ({ slug, field: 'author' }))
    : article.authorSlugs.map((slug, index) => ({ slug, field: listField('authors', index) }));
}

/** An old slug must not be a live article's slug, and only one article may claim it. */
function redirectProblems(articles: ArticleFacts[]): Problem[] {
  const live = new Map(articles.map((article) => [article.slug, article.sourceFile]));
  const claimed = new Map<string, string>();
  const problems: Problem[] = [];
  for (const article of articles) {
    article.redirectFrom.forEach((old, index) => {
      const field = listField('redirectFrom', index);
      const owner = live.get(old);
      if (owner !== undefined) {
        const who = owner === article.sourceFile ? 'this article' : owner;
        problems.push({ file: article.sourceFile, field, message: `"${old}" is the live slug of ${who}` });
        return;
      }
      const earlier = claimed.get(old);
      if (earlier !== undefined) {
        const where = earlier === article.sourceFile ? 'earlier in this list' : `by ${earlier}`;
        problems.push({ file: article.sourceFile, field, message: `"${old}" is already claimed ${where}` });
      } else claimed.set(old, article.sourceFile);
    });
  }
  return problems;
}

/**
 * Two spellings that make the same URL ("Food & Drink", "Food and Drink") would
 * share one page under two names: the first spelling (by file name) wins and
 * the others are errors.
 */
function spellingProblems(articles: ArticleFacts[]): Problem[] {
  const first = new Map<string, { name: string; file: string }>();
  const problems: Problem[] = [];
  const check = (kind: string, slug: string, name: string, file: string, field: string) => {
    const key = `${kind}/${slug}`;
    const seen = first.get(key);
    if (!seen) first.set(key, { name, file });
    else if (seen.name !== name) {
      problems.push({ file, field, message: `"${name}" and "${seen.name}" (${seen.file}) are both /${kind}/${slug}: use one spelling` });
    }
  };
  for (const article of articles) {
    check('sections', article.sectionSlug, article.section, article.sourceFile, 'section');
    article.tags.forEach((tag, index) => check('tags', tag.slug, tag.name, article.sourceFile, listField('tags', index)));
  }
  return problems;
}

function duplicateSlugs(records: { slug: string; sourceFile: string }[], kind: string): Problem[] {
  const bySlug = new Map<string, string[]>();
  for (const record of records) bySlug.set(record.slug, [...(bySlug.get(record.slug) ?? []), record.sourceFile]);
  const problems: Problem[] = [];
  for (const [slug, files] of bySlug) {
    if (files.length < 2) continue;
    for (const file of files) {
      const others = files.filter((other) => other !== file).join(', ');
      problems.push({ file, field: 'slug', message: `${kind} slug "${slug}" is also used by ${others}` });
    }
  }
  return problems;
}

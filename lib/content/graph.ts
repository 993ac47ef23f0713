import type { ArticleRecord, AuthorRecord } from './load';
import type { Problem } from './problems';

/**
 * Rules that need the whole set: unique slugs, authors that exist, and a
 * "Read more" graph with no dangling, self or repeated edges.
 */
export function checkContentSet(
  authors: AuthorRecord[],
  articles: ArticleRecord[],
  invalidArticleSlugs: ReadonlySet<string> = new Set(),
): Problem[] {
  const problems: Problem[] = [];
  problems.push(...duplicateSlugs(authors, 'author'), ...duplicateSlugs(articles, 'article'));

  const authorSlugs = new Set(authors.map((author) => author.slug));
  const articleSlugs = new Set(articles.map((article) => article.slug));

  for (const article of articles) {
    const file = article.sourceFile;
    if (!authorSlugs.has(article.authorSlug)) {
      problems.push({ file, field: 'author', message: `no author "${article.authorSlug}" (expected authors/${article.authorSlug}.md)` });
    }
    const seen = new Map<string, number>();
    article.related.forEach((entry, index) => {
      const key = entry.kind === 'article' ? `slug:${entry.slug}` : `url:${entry.url}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        problems.push({ file, field: `related.${index}`, message: `repeats related.${earlier}` });
      }
      seen.set(key, earlier ?? index);
      if (entry.kind !== 'article') return;
      if (entry.slug === article.slug) {
        problems.push({ file, field: `related.${index}.slug`, message: 'an article cannot list itself' });
      } else if (!articleSlugs.has(entry.slug) && !invalidArticleSlugs.has(entry.slug)) {
        problems.push({ file, field: `related.${index}.slug`, message: `no article has slug "${entry.slug}"` });
      }
    });
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

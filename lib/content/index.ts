import { checkContentSet } from './graph';
import { loadContentFolder, type LoadedContent, type LoadOptions } from './load';
import { sortProblems } from './problems';

export type { ArticleFacts, AuthorFacts } from './facts';
export type { ArticleRecord, AuthorRecord, LoadedContent, LoadOptions, LookAhead } from './load';
export { lookAhead } from './load';
export { ContentError, formatProblem, type Problem } from './problems';

/**
 * Everything in a content folder, with every problem the seed would refuse it for. Files `options` says are
 * unchanged are not parsed, but the rules across the folder still check every file, through their facts.
 */
export function readContent(dir: string, options: LoadOptions = {}): LoadedContent {
  const loaded = loadContentFolder(dir, options);
  const bySourceFile = (a: { sourceFile: string }, b: { sourceFile: string }) => (a.sourceFile < b.sourceFile ? -1 : a.sourceFile > b.sourceFile ? 1 : 0);
  const whole = {
    ...loaded,
    // In file-name order, as if every file had been parsed ("the first spelling by file name wins").
    authors: [...loaded.authors, ...loaded.unchangedAuthors].sort(bySourceFile),
    articles: [...loaded.articles, ...loaded.unchangedArticles].sort(bySourceFile),
  };
  const problems = [...loaded.problems, ...checkContentSet(whole)];
  return { ...loaded, problems: sortProblems(problems) };
}

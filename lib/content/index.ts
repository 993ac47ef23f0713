import { checkContentSet } from './graph';
import { loadContentFolder, type LoadedContent } from './load';
import { sortProblems } from './problems';

export type { ArticleRecord, AuthorRecord } from './load';
export { ContentError, formatProblem, type Problem } from './problems';

/** Everything in a content folder, with every problem the seed would refuse it for. */
export function readContent(dir: string): LoadedContent {
  const loaded = loadContentFolder(dir);
  const problems = [...loaded.problems, ...checkContentSet(loaded)];
  return { ...loaded, problems: sortProblems(problems) };
}

/** One thing wrong with the content, located as precisely as we can. */
export type Problem = {
  /** Path of the file relative to the content folder, e.g. "articles/we-can-be-heroes.md". */
  file: string;
  /** The front matter field ("related.2.slug"), or "body", or "file" for the file as a whole. */
  field: string;
  message: string;
};

/** The format every tool prints: `<file>: <field>: <what is wrong>`. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}: ${problem.field}: ${problem.message}`;
}

export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.field.localeCompare(b.field, 'en', { numeric: true }));
}

/** Thrown by the seed when content is invalid; carries every problem found. */
export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the content:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
  }
}

/** One thing wrong with the content, located as precisely as we can. */
export type Problem = {
  /** Path of the file relative to the content folder, e.g. "articles/we-can-be-heroes.md". */
  file: string;
  /**
   * The front matter field ("related.2.slug": list items counted as an editor counts them, the first is 1), or
   * "body", or "file" for the file as a whole.
   */
  field: string;
  message: string;
};

/** A list item's field name, counting as an editor does: item 0 of `related` is "related.1". */
export function listField(list: string, index: number): string {
  return `${list}.${index + 1}`;
}

/** A path from a validator (zero-based list indexes) as field name an editor reads: "related.0.slug" → "related.1.slug". */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.map((segment) => (typeof segment === 'number' ? String(segment + 1) : String(segment))).join('.');
}

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

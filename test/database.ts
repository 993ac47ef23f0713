import Database from 'better-sqlite3';
import { ContentError, formatProblem } from '@/lib/content';

/** The rows of one query on an SQLite file, opened read-only for just this query: what a reader of the file sees now. */
export function readRows<T>(file: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** Every problem a seed refused its folder for, as the seed prints them; throws if the seed accepted the folder. */
export async function seedProblems(seed: Promise<unknown>): Promise<string[]> {
  try {
    await seed;
  } catch (error) {
    if (error instanceof ContentError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the seed accepted content it should have refused');
}

import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

/**
 * `npm run db:seed` as one process (`node --import tsx`, so a signal reaches the seed itself), against
 * `databaseFile`.
 */
export function seedCommand(databaseFile: string, dir: string, env: Record<string, string> = {}, extraArgs: string[] = []) {
  return {
    args: ['--import', 'tsx', path.join(root, 'db', 'seed', 'cli.ts'), '--dir', dir, ...extraArgs],
    options: { cwd: root, env: { ...process.env, ...env, DATABASE_PATH: databaseFile } },
  };
}

/** Runs `npm run db:seed` as an editor would, against `databaseFile`. */
export function runSeed(databaseFile: string, dir = 'content', env: Record<string, string> = {}, extraArgs: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const { args, options } = seedCommand(databaseFile, dir, env, extraArgs);
  const result = spawnSync(process.execPath, args, { ...options, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without blocking the event loop (for tests that also serve or load a server). */
export function runSeedAsync(databaseFile: string, dir = 'content', env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { args, options } = seedCommand(databaseFile, dir, env);
    const child = spawn(process.execPath, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

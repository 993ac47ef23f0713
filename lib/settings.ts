import { z } from 'zod';

/**
 * Every environment variable the site reads, in one place: its type, its default, the values it allows. The README's
 * "Settings" table and .env.example list the same variables and defaults (lib/settings.test.ts holds them to it).
 *
 *   setting('PORT')   // 3000 while PORT is unset or blank; the port when it is valid; otherwise a SettingError
 *   readSettings()    // every variable at once, every problem in one error: what a command calls at start-up
 *
 * Unset or blank means the default. A value that is set but wrong is an error naming the variable and what is
 * wrong ("CACHE_MAX_MB: must be a whole number of megabytes (MiB) from 1 to 999999, got 'lots'"), never the default.
 * Values are read from the environment when asked, never when this module loads: tests set DATABASE_PATH after
 * importing the database client, and the commands that read `.env` load it (loadEnvFile) after their imports.
 *
 * Not here: NODE_ENV and NEXT_* (NEXT_PHASE, NEXT_TELEMETRY_DISABLED) belong to Next.js, which sets and reads them;
 * our code reads them only where Next's own behaviour depends on them, and says so there.
 *
 * cache-handler.js is CommonJS that Next loads at run time, uncompiled; it requires this file as it is, and Node
 * strips the types. So this file stays plain erasable TypeScript (no enums, namespaces or parameter properties)
 * and imports packages only (no `@/` or relative paths); and, for lib/site.ts, nothing from Next or the database.
 */

/** The server's port when PORT is unset, and the port of the default SITE_URL. */
const DEFAULT_PORT = 3000;

type Definition<T> = {
  /** The value while the variable is unset or blank. */
  fallback: T;
  /** What an unset variable means, for the README, when the default is no value at all. */
  unset?: string;
  /** Checks the variable's trimmed text and turns it into the value; an issue's message says what is wrong. */
  schema: z.ZodType<T, string>;
};

const define = <T>(definition: Definition<T>): Definition<T> => definition;

/** `what`: "a port number", "a whole number of processes"… */
function wholeNumber(min: number, max: number, what: string): z.ZodType<number, string> {
  const rule = `must be ${what} from ${min} to ${max}`;
  return z.string().regex(/^\d+$/, rule).transform(Number).pipe(z.number().min(min, rule).max(max, rule));
}

/** The origin (scheme, host, port) of an http(s) URL; undefined for anything else. */
function httpOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export const SETTINGS = {
  /** The SQLite file the site reads and the seed writes, relative to the working directory (db/client.ts databasePath()). */
  DATABASE_PATH: define<string>({
    fallback: 'data/news.db',
    schema: z.string().refine((value) => !value.includes('\0'), 'must be a file path'),
  }),
  /** The port the server listens on (server/index.ts). */
  PORT: define<number>({ fallback: DEFAULT_PORT, schema: wholeNumber(1, 65_535, 'a port number') }),
  /** The address the server listens on. HOST, not HOSTNAME: Docker sets HOSTNAME to the container's name. */
  HOST: define<string | undefined>({
    fallback: undefined,
    unset: 'every interface',
    schema: z.string().regex(/^[\w.:%-]+$/, 'must be a host name or IP address to listen on, like 127.0.0.1 or ::'),
  }),
  /** Server processes sharing the port (node:cluster). */
  WEB_CONCURRENCY: define<number>({ fallback: 1, schema: wholeNumber(1, 99, 'a whole number of processes') }),
  /** MiB for each server process's page cache (cache-handler.js), and as much again for the front door's copies. */
  CACHE_MAX_MB: define<number>({ fallback: 150, schema: wholeNumber(1, 999_999, 'a whole number of megabytes (MiB)') }),
  /** The public origin for absolute URLs (lib/site.ts); a path, query or trailing slash is dropped. */
  SITE_URL: define<string>({
    fallback: `http://localhost:${DEFAULT_PORT}`,
    schema: z.string().transform((value, context) => {
      const origin = httpOrigin(value);
      if (origin !== undefined) return origin;
      context.issues.push({ code: 'custom', input: value, message: 'must be an http(s) origin like https://news.example.com' });
      return z.NEVER;
    }),
  }),
  /** The key preview links are signed with (db/preview-secret.ts); unset, a random key is kept beside the database. */
  PREVIEW_SECRET: define<string | undefined>({
    fallback: undefined,
    unset: 'a key kept beside the database',
    schema: z.string().min(16, 'must be at least 16 characters: a random key, e.g. from `openssl rand -base64 32`'),
  }),
  /** The HTTP caches a seed purges after it commits (db/seed/purge.ts): their origins. */
  PURGE_URLS: define<readonly string[]>({
    fallback: [],
    unset: 'none',
    schema: z.string().transform((value, context) => {
      const origins: string[] = [];
      for (const entry of value.split(',').map((part) => part.trim())) {
        const origin = httpOrigin(entry);
        if (origin === undefined) {
          context.issues.push({ code: 'custom', input: value, message: `must be comma-separated http(s) URLs like http://127.0.0.1:8080 ('${entry}' is not one)` });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return origins;
    }),
  }),
};

export type SettingName = keyof typeof SETTINGS;
export type Settings = { [N in SettingName]: (typeof SETTINGS)[N]['fallback'] };

/** Where settings come from: process.env, or in tests any record of strings. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A variable that is set but wrong: its message names the variable, what is wrong and the value given. */
export class SettingError extends Error {
  readonly variable: SettingName;
  constructor(variable: SettingName, problem: string, value: string) {
    super(`${variable}: ${problem}, got '${value}'`);
    this.name = 'SettingError';
    this.variable = variable;
  }
}

/** The last valid text of each variable and its value: absoluteUrl() reads SITE_URL for every URL of a sitemap. */
const lastParsed = new Map<SettingName, { text: string; value: unknown }>();

/** One variable's value, read now: its default while unset or blank; throws a SettingError when set but wrong. */
export function setting<N extends SettingName>(name: N, environment: Environment = process.env): Settings[N] {
  const definition = SETTINGS[name] as Definition<Settings[N]>;
  const raw = environment[name];
  const text = raw?.trim();
  if (!text) return definition.fallback;
  const last = lastParsed.get(name);
  if (last?.text === text) return last.value as Settings[N];
  const parsed = definition.schema.safeParse(text);
  if (!parsed.success) throw new SettingError(name, parsed.error.issues[0]?.message ?? 'is not valid', raw ?? '');
  lastParsed.set(name, { text, value: parsed.data });
  return parsed.data;
}

/** Every variable, read now; when any is wrong, one error naming each (a line apiece). */
export function readSettings(environment: Environment = process.env): Settings {
  const values: Partial<Record<SettingName, unknown>> = {};
  const problems: string[] = [];
  for (const name of Object.keys(SETTINGS) as SettingName[]) {
    try {
      values[name] = setting(name, environment);
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return values as Settings;
}

/** Loads a `.env` file into process.env if there is one (variables already set win); each command's entry point calls it. */
export function loadEnvFile(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

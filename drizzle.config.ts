import { defineConfig } from 'drizzle-kit';
import { setting } from './lib/settings';

export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: setting('DATABASE_PATH') },
  strict: true,
  verbose: true,
});

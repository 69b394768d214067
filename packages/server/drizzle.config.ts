import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new forward-only SQL migration from the schema.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/server/src/db/schema.ts',
  out: './packages/server/migrations',
});

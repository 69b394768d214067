import { defineConfig } from 'vitest/config';

// Projects: pure unit tests, the documents' renderers, the server suite once on PGlite and once on PostgreSQL, and the
// register program against a real in-process server (PGlite in memory).
const resolve = { conditions: ['source', 'module', 'import', 'node', 'default'] };

export default defineConfig({
  resolve,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/test-kit/test/**/*.test.ts'],
          setupFiles: ['packages/test-kit/setup/fast-check-seed.ts'],
          exclude: ['**/dist/**', '**/node_modules/**'],
        },
      },
      {
        resolve,
        test: {
          // The pure renderers of @kassa/documents, read back with pdftotext and xmllint (one
          // process per query: slower than a unit test).
          name: 'documents',
          include: ['packages/documents/test/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: 'server-pglite',
          include: ['packages/server/test/**/*.test.ts'],
          // *.postgres.test.ts need real PostgreSQL (several server processes on one database).
          exclude: [
            '**/node_modules/**',
            '**/dist/**',
            'packages/server/test/**/*.postgres.test.ts',
          ],
          env: { KASSA_TEST_DB: 'pglite', TZ: 'UTC' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve,
        test: {
          name: 'server-postgres',
          include: ['packages/server/test/**/*.test.ts'],
          env: { KASSA_TEST_DB: 'postgres', TZ: 'UTC' },
          globalSetup: ['packages/server/test/setup/postgres-global.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve,
        test: {
          name: 'register',
          include: ['packages/register/test/**/*.test.ts'],
          env: { TZ: 'UTC' },
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});

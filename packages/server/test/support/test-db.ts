/**
 * Test databases: the same suite runs on PGlite (in memory) and on real PostgreSQL (a fresh
 * database per test file, created through the superuser URL from the global setup).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

export type TestDbKind = 'pglite' | 'postgres';

export const TEST_DB_KIND: TestDbKind =
  process.env.KASSA_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

function adminUrl(): string | null {
  return TEST_DB_KIND === 'postgres' ? inject('postgresAdminUrl') : null;
}

/** describe() that is skipped (with the global setup's notice) only when PostgreSQL is absent outside CI. */
export function describeDb(name: string, fn: () => void): void {
  const skip = TEST_DB_KIND === 'postgres' && adminUrl() === null;
  describe.skipIf(skip)(`${name} [${TEST_DB_KIND}]`, fn);
}

export interface TestDatabase {
  database: Database;
  /** A connection string for the database (PostgreSQL only; null on PGlite). */
  url: string | null;
  /** Opens another, independent connection to the same database (PostgreSQL only). */
  reopen(): Promise<Database>;
  drop(): Promise<void>;
}

/**
 * Creates a fresh database for one test file, migrated unless `migrated: false` (a test of the
 * migrations themselves then applies them).
 */
export async function createTestDatabase(
  options: { migrated?: boolean } = {},
): Promise<TestDatabase> {
  const migrated = options.migrated ?? true;
  if (TEST_DB_KIND === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    if (migrated) await migrate(database);
    return {
      database,
      url: null,
      reopen: () => Promise.reject(new Error('PGlite in memory cannot be reopened')),
      drop: () => database.close(),
    };
  }
  const admin = adminUrl();
  if (admin === null) throw new Error('no PostgreSQL for this suite');
  const name = `kassa_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl, maxConnections: 5 });
  if (migrated) await migrate(database);
  const opened: Database[] = [database];
  return {
    database,
    url: databaseUrl,
    reopen: async () => {
      const another = await openDatabase({ kind: 'postgres', url: databaseUrl, maxConnections: 5 });
      opened.push(another);
      return another;
    },
    drop: async () => {
      for (const db of opened) await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

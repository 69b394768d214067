/**
 * Opens the server's database: PGlite (embedded, the zero-config default) or PostgreSQL.
 * Both are driven through Drizzle's native drivers behind one `Db` type, and both run the same
 * SQL migrations. PGlite survives a killed process but does not fsync: it is not power-loss safe.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.js';

type Schema = typeof schema;
/** The query interface every command and query uses, whatever the engine. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; commands take it from the request context. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseOptions =
  | { kind: 'pglite'; dataDir: string | null /* null: in memory */ }
  | { kind: 'postgres'; url: string; maxConnections?: number };

/** Runs raw SQL for migrations, inside one transaction. */
interface RawTransaction {
  exec(sqlText: string): Promise<void>;
  query<R>(sqlText: string, params?: unknown[]): Promise<R[]>;
}

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Runs `fn` in one raw SQL transaction (used by the migration runner). */
  rawTransaction<T>(fn: (tx: RawTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens a database as configured. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === 'pglite') return openPglite(options.dataDir);
  return Promise.resolve(openPostgres(options.url, options.maxConnections ?? 10));
}

/** The extensions the migrations create (0012: pg_trgm for the catalogue search). */
const PGLITE_EXTENSIONS = { pg_trgm };

async function openPglite(dataDir: string | null): Promise<Database> {
  let client: PGlite;
  if (dataDir === null) {
    client = new PGlite({ extensions: PGLITE_EXTENSIONS });
  } else {
    mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    client = new PGlite(dataDir, { extensions: PGLITE_EXTENSIONS });
  }
  await client.waitReady;
  const db: Db = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    db,
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (sqlText) => {
            await tx.exec(sqlText);
          },
          query: async <R>(sqlText: string, params?: unknown[]) =>
            (await tx.query<R>(sqlText, params)).rows,
        }),
      ),
    close: () => client.close(),
  };
}

function openPostgres(url: string, maxConnections: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections });
  // An idle client's error (e.g. the server restarting) must not crash the process.
  pool.on('error', () => undefined);
  const db: Db = drizzlePg({ client: pool, schema });
  return {
    kind: 'postgres',
    db,
    rawTransaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({
          exec: async (sqlText) => {
            await client.query(sqlText);
          },
          query: async <R>(sqlText: string, params?: unknown[]) =>
            (await client.query(sqlText, params)).rows as R[],
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Runs a raw SQL query and returns its rows (both drivers answer with `{ rows }`). */
export async function selectRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  // Drizzle types `execute` per driver; on the shared `Db` type the result kind is unresolved.
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Converts an int8/numeric from either driver (string, bigint or number) to a safe integer. */
export function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint') {
    throw new TypeError(`not a number: ${typeof value}`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${String(value)}`);
  return n;
}

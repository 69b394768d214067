/**
 * The real backoffice server as a child process (packages/server/src/main.ts through tsx) on a
 * PostgreSQL database, for tests that kill it (SIGKILL) and start it again; and a database of
 * its own on a PostgreSQL server: DATABASE_URL when set (CI), otherwise a throwaway cluster.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { migrate, openDatabase, type Database } from '@kassa/server';
import {
  type ServerProcess,
  startServerProcess as startProcess,
  startThrowawayPostgres,
} from '@kassa/test-kit';
import { REPO_ROOT } from './register-cli.js';

export type { ServerProcess } from '@kassa/test-kit';

const SERVER_MAIN = path.join(REPO_ROOT, 'packages', 'server', 'src', 'main.ts');

/** Starts the server and waits until it says it is listening (or fails with its output). */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return startProcess(SERVER_MAIN, { cwd: REPO_ROOT, env });
}

export interface TestPostgres {
  /** The test's own database. */
  readonly url: string;
  /** The database, opened through the server's own layer (for the test's queries). */
  readonly database: Database;
  /** Runs one statement in its own transaction. */
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  /** Drops the database (and stops a throwaway cluster). */
  drop(): Promise<void>;
}

/** A fresh, migrated database: on DATABASE_URL (a superuser URL, as CI sets it) or a throwaway cluster. */
export async function createTestPostgres(): Promise<TestPostgres> {
  const fromEnvironment = process.env.DATABASE_URL?.trim() ?? '';
  const cluster = fromEnvironment === '' ? await startThrowawayPostgres() : null;
  const adminUrl = cluster?.url ?? fromEnvironment;
  const name = `kassa_reg_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: adminUrl, maxConnections: 1 });
  await admin.db.execute(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), maxConnections: 4 });
  await migrate(database);
  return {
    url: url.toString(),
    database,
    query: <R>(text: string, params?: unknown[]) =>
      database.rawTransaction((tx) => tx.query<R>(text, params)),
    async drop() {
      await database.close();
      await admin.db.execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
      await cluster?.stop();
    },
  };
}

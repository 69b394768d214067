/**
 * The real backoffice server as a child process (packages/server/src/main.ts through tsx) on a
 * PostgreSQL database, for tests that kill it (SIGKILL) and start it again; and a database of
 * its own on a PostgreSQL server: DATABASE_URL when set (CI), otherwise a throwaway cluster.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { migrate, openDatabase, type Database } from '@kassa/server';
import { startThrowawayPostgres } from '@kassa/test-kit';
import { REPO_ROOT } from './register-cli.js';

const SERVER_MAIN = path.join(REPO_ROOT, 'packages', 'server', 'src', 'main.ts');

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  output(): string;
  /** SIGKILL: no shutdown, no goodbye; resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop); resolves when the process is gone. */
  stop(): Promise<void>;
}

/** Starts the server and waits until it says it is listening (or fails with its output). */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', SERVER_MAIN],
    {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        PORT: '0',
        HOST: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${output}`)),
      90_000,
    );
    const check = () => {
      const match = /är igång: http:\/\/localhost:(\d+)\//.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before starting:\n${output}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('no pid');
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
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

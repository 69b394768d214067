/**
 * SQLite for the register: Node's built-in `node:sqlite` (Node ≥ 22.13), the same driver on
 * Linux and Windows, with no native addon to build or ship (docs/adr/0009-journal-on-node-sqlite.md).
 *
 * Node still marks the module experimental and prints an ExperimentalWarning when it is first
 * loaded; a till's console (and `kassa status` output) should not show that to a cashier, so
 * that one warning is held back while the module loads. Every other warning goes through.
 */
import type * as NodeSqlite from 'node:sqlite';

export type Database = NodeSqlite.DatabaseSync;
export type Statement = NodeSqlite.StatementSync;

let loaded: typeof NodeSqlite | undefined;

function sqlite(): typeof NodeSqlite {
  if (loaded !== undefined) return loaded;
  const original = Object.getOwnPropertyDescriptor(process, 'emitWarning');
  const emitWarning = original?.value as (...args: unknown[]) => void;
  process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
    const type =
      typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const text = typeof warning === 'string' ? warning : warning.message;
    if (type === 'ExperimentalWarning' && text.includes('SQLite')) return;
    Reflect.apply(emitWarning, process, [warning, ...rest]);
  };
  try {
    loaded = process.getBuiltinModule('node:sqlite');
  } finally {
    if (original !== undefined) Object.defineProperty(process, 'emitWarning', original);
  }
  if (loaded === undefined) {
    throw new Error(
      `node:sqlite is missing: the register needs Node 22.13 or later (${process.version})`,
    );
  }
  return loaded;
}

/** Opens a database file; `readonly` also requires the file to exist. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): Database {
  const { DatabaseSync } = sqlite();
  return new DatabaseSync(file, { readOnly: options.readonly === true });
}

/** A pragma's single value (`PRAGMA journal_mode` → 'wal'). */
export function pragmaValue(db: Database, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).get() as Record<string, unknown> | undefined;
  return row === undefined ? undefined : Object.values(row)[0];
}

/**
 * Runs `body` in one transaction: BEGIN IMMEDIATE (the write lock is taken at once, so the
 * chain read inside is exact even with a second writer) or BEGIN, COMMIT on return, ROLLBACK on
 * a throw (and the error is rethrown).
 */
export function inTransaction<T>(db: Database, body: () => T, immediate = true): T {
  db.exec(immediate ? 'BEGIN IMMEDIATE' : 'BEGIN');
  let result: T;
  try {
    result = body();
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
  db.exec('COMMIT');
  return result;
}

/** A prepared statement with the types of its parameters and rows. */
export interface Query<P extends unknown[], R> {
  get(...params: P): R | undefined;
  all(...params: P): R[];
}

/**
 * Prepares `sql` with typed parameters (positional values, or one object of named ones) and rows.
 * node:sqlite gives rows as null-prototype objects; they are read field by field only.
 */
export function query<P extends unknown[], R>(db: Database, sql: string): Query<P, R> {
  const statement = db.prepare(sql);
  const call = (method: 'get' | 'all', params: unknown[]) =>
    (statement[method] as (...args: unknown[]) => unknown)(...params);
  return {
    get: (...params) => call('get', params) as R | undefined,
    all: (...params) => call('all', params) as R[],
  };
}

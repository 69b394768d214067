/**
 * Forward-only SQL migrations: every `migrations/NNNN_name.sql` not yet applied runs in name order,
 * all in one transaction under an advisory lock, so two servers starting together on one
 * PostgreSQL apply each migration exactly once. A recorded migration is never re-run or edited.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './database.js';
import { SERVER_PACKAGE_DIR } from '../package-info.js';

/** The folder of SQL migrations shipped with the server package. */
export const MIGRATIONS_DIR = path.join(SERVER_PACKAGE_DIR, 'migrations');

const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;
// An arbitrary constant that identifies "Kassa migrations" among advisory locks.
const MIGRATION_LOCK_KEY = 7_318_245_001;

export interface Migration {
  name: string;
  sql: string;
}

/** Reads the migrations in order; refuses a folder with a misnamed file. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const names = readdirSync(dir)
    .filter((n) => n.endsWith('.sql'))
    .sort();
  return names.map((name) => {
    if (!MIGRATION_NAME.test(name)) {
      throw new Error(`Migration file name ${name} must look like 0001_some_change.sql`);
    }
    return { name, sql: readFileSync(path.join(dir, name), 'utf8') };
  });
}

/** What `migrate` applies. */
export interface MigrateOptions {
  /** The folder of migrations (default: the server package's). */
  dir?: string;
  /**
   * Stop after this migration: its name with or without `.sql` (e.g.
   * '0008_register_config_version'). Later migrations stay pending, so a test can fill the
   * tables of an older schema and then run the rest, as an upgrade would. Default: all.
   */
  upTo?: string;
}

/** Applies the pending migrations (up to `options.upTo`, when given); returns the names applied now. */
export async function migrate(database: Database, options: MigrateOptions = {}): Promise<string[]> {
  const all = readMigrations(options.dir);
  const migrations =
    options.upTo === undefined ? all : all.slice(0, positionOf(all, options.upTo) + 1);
  return database.rawTransaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS kassa_migrations (
         name text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = new Set(
      (await tx.query<{ name: string }>('SELECT name FROM kassa_migrations')).map((r) => r.name),
    );
    const known = new Set(all.map((m) => m.name));
    const unknown = [...applied].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new Error(
        `The database has migrations this program does not know (${unknown.join(', ')}): ` +
          'it was migrated by a newer version. Run that version instead.',
      );
    }
    const appliedNow: string[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.name)) continue;
      for (const statement of migration.sql.split('--> statement-breakpoint')) {
        if (statement.trim() !== '') await tx.exec(statement);
      }
      await tx.query('INSERT INTO kassa_migrations (name) VALUES ($1)', [migration.name]);
      appliedNow.push(migration.name);
    }
    return appliedNow;
  });
}

/** The position of the migration named `upTo` (with or without `.sql`); throws when there is none. */
function positionOf(migrations: readonly Migration[], upTo: string): number {
  const name = upTo.endsWith('.sql') ? upTo : `${upTo}.sql`;
  const index = migrations.findIndex((m) => m.name === name);
  if (index < 0) throw new Error(`There is no migration ${name} to stop at`);
  return index;
}

/**
 * The journal file's tables and how a file is brought to them (docs/adr/0015-journal-schema-migrations.md).
 *
 * The schema has a version, kept in the file's header (`PRAGMA user_version`): the number of the
 * last migration applied. Opening a file for writing runs the migrations it lacks, in order and
 * in ONE transaction with the new version, so a file is at one version or the next, never
 * between (a migration that throws leaves it as it was). A file of a newer program (a version
 * beyond the last migration here) is refused before anything is written: an older program
 * cannot know what the newer columns mean, and the journal must stay readable (SKVFS 2014:9).
 *
 * Migration 1 is the schema as it was before it had a version, written with IF NOT EXISTS, so a
 * file made then (user_version 0 with the tables) is recognised as version 1: it creates only
 * what such a file lacks (the state tables of an older format) and never touches a row.
 */
import { STATE_SCHEMA } from './journal-state.js';
import { inTransaction, pragmaValue, type Database } from './sqlite.js';
import { JournalOpenError } from './journal-types.js';

/** One step of the schema: `up` changes the tables (inside the migrations' transaction). */
export interface Migration {
  /** Its place in the order, from 1: the file's user_version once it has run. */
  readonly version: number;
  /** What it changes, for the ADR's list and the logs. */
  readonly describe: string;
  readonly up: (db: Database) => void;
}

const SCHEMA_1 = `
CREATE TABLE IF NOT EXISTS journal (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  by TEXT,
  data TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  receipt_series TEXT,
  receipt_number INTEGER,
  original_number INTEGER
) STRICT;
CREATE UNIQUE INDEX IF NOT EXISTS journal_receipt_number ON journal (receipt_series, receipt_number)
  WHERE receipt_series IS NOT NULL;
CREATE INDEX IF NOT EXISTS journal_original ON journal (original_number) WHERE original_number IS NOT NULL;
CREATE INDEX IF NOT EXISTS journal_at ON journal (at);
CREATE TRIGGER IF NOT EXISTS journal_no_update BEFORE UPDATE ON journal
  BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
CREATE TRIGGER IF NOT EXISTS journal_no_delete BEFORE DELETE ON journal
  BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
CREATE TABLE IF NOT EXISTS working (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
${STATE_SCHEMA}`;

/**
 * The migrations, in order. A change to the tables is a NEW entry at the end (never an edit of
 * one that has shipped: files out there are already past it); journal rows stay immutable, so a
 * migration adds tables, columns or indexes, and derived state it needs is rebuilt from the
 * entries (as the open-day state is: JOURNAL_FORMAT in journal-state.ts).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    describe:
      'the journal (append-only triggers, receipt-number index), working state, the derived state tables',
    up: (db) => db.exec(SCHEMA_1),
  },
];

/** The schema version this program writes: the last migration's. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The file's schema version (`PRAGMA user_version`; 0 for a file never given one). */
function schemaVersionOf(db: Database): number {
  return Number(pragmaValue(db, 'user_version') ?? 0);
}

/** Refuses a file written by a newer program (nothing is written to it). */
export function refuseNewerSchema(db: Database, known: number = SCHEMA_VERSION): void {
  const found = schemaVersionOf(db);
  if (found <= known) return;
  throw new JournalOpenError(
    'journal-schema-newer',
    `schema version ${found}, this program knows versions up to ${known}`,
    { found, known },
  );
}

/**
 * Brings the file to the last of `migrations`: refuses a newer file, then runs the missing
 * migrations and sets user_version in one (immediate) transaction; a throw rolls all of it back
 * and is rethrown. Returns the version the file had (0: new or unversioned) and has now.
 */
export function migrateSchema(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): { readonly from: number; readonly to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i + 1} is numbered ${m.version}`);
  });
  const known = migrations.length;
  refuseNewerSchema(db, known);
  const before = schemaVersionOf(db);
  if (before === known) return { from: before, to: known };
  return inTransaction(db, () => {
    // Read again under the write lock: another process may have migrated the file meanwhile.
    refuseNewerSchema(db, known);
    const from = schemaVersionOf(db);
    for (const migration of migrations.slice(from)) {
      migration.up(db);
      db.exec(`PRAGMA user_version = ${migration.version}`);
    }
    return { from, to: known };
  });
}

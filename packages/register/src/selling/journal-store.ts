/**
 * The journal (journalminne) on disk: one SQLite file per register (`journal.sqlite` in the
 * data folder), through Node's built-in `node:sqlite` (sqlite.ts) with WAL and
 * `synchronous=FULL`, so a committed transaction survives a crash or a power cut.
 *
 * - `journal` is append-only: triggers refuse UPDATE and DELETE; `seq` is gapless from 1; each
 *   row carries the hash chain of @kassa/core (journal.ts), verified when the file opens from a
 *   keyed checkpoint and whole in the background (journal-state.ts, docs/adr/0012-…).
 * - Receipt numbers are columns with a UNIQUE index per series, so a number can never repeat,
 *   even through a bug; they are derived from the journal (the next number is the highest plus
 *   one), so a crash cannot skip one either.
 * - `working` holds mutable working state that is not a fact (the sale under construction,
 *   parked sales); it is changed in the same transactions as the journal entries that record
 *   each step, so after a crash both agree.
 *
 * This file opens the store from its parts: the tables and their migrations (journal-schema.ts),
 * rows and reads (journal-rows.ts), the chain verified at open and in the background
 * (journal-verify.ts), appending with the chain and the checkpoint (journal-append.ts), and the
 * shapes they share (journal-types.ts).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { SHOP_TIME_ZONE, daysNeedingZ } from '@kassa/core';
import { checkpointKeyBeside } from './journal-state.js';
import { rowToEntry, storeContext, storeReads } from './journal-rows.js';
import { migrateSchema, refuseNewerSchema } from './journal-schema.js';
import { JournalOpenError, type JournalStore } from './journal-types.js';
import { storeWrites } from './journal-append.js';
import { verifyAtOpen, verifyWholeChain } from './journal-verify.js';
import { openDatabase, pragmaValue, query, type Database } from './sqlite.js';

export {
  JournalImportError,
  JournalOpenError,
  type JournalStore,
  type PendingEvent,
  type WorkingChange,
} from './journal-types.js';

/** Options of `openJournalStore`. */
export interface JournalStoreOptions {
  readonly readonly?: boolean;
  /** The zone of the business days (Europe/Stockholm); the open days are kept in it. */
  readonly timeZone?: string;
  /**
   * The checkpoint key (journal-state.ts); by default derived from device-key.pem beside the
   * journal. Null: no checkpoint, the whole chain is verified at every open.
   */
  readonly checkpointKey?: Buffer | null;
  /** A journal of at most this many entries is verified whole at open (VERIFY_WHOLE_AT_OPEN). */
  readonly verifyWholeUpTo?: number;
}

/**
 * Opens (creating when absent) the journal file and verifies its chain: the whole chain of a
 * small journal or of one without a checkpoint; else the keyed checkpoint (its MAC, and that the
 * journal still has its hash at its seq) and every entry after it — the rest is verified by
 * `verifyChain` (in the background). Throws JournalOpenError when the chain is broken or does not
 * match the checkpoint: the register must not sell on a damaged journal. A file of an older
 * format gets its state tables built once (docs/adr/0012-journal-checkpoint-and-state.md). The
 * schema is brought to this program's version first, and a file of a newer program is refused
 * with nothing written (journal-schema.ts, docs/adr/0016-journal-schema-migrations.md).
 */
export function openJournalStore(file: string, options: JournalStoreOptions = {}): JournalStore {
  const readonly = options.readonly === true;
  const timeZone = options.timeZone ?? SHOP_TIME_ZONE;
  if (!readonly) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: Database;
  try {
    db = openDatabase(file, { readonly });
  } catch (error) {
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  }
  try {
    // Before any write (the WAL switch included): a newer program's file is left as it is.
    db.exec('PRAGMA busy_timeout = 5000');
    refuseNewerSchema(db);
    if (!readonly) {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      migrateSchema(db);
    }
  } catch (error) {
    db.close();
    if (error instanceof JournalOpenError) throw error;
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  }
  try {
    return openedStore(db, file, readonly, timeZone, options);
  } catch (error) {
    db.close(); // e.g. not an SQLite file, or damaged: leave no handle open on it
    if (error instanceof JournalOpenError) throw error;
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  }
}

function openedStore(
  db: Database,
  file: string,
  readonly: boolean,
  timeZone: string,
  options: JournalStoreOptions,
): JournalStore {
  const key =
    options.checkpointKey === undefined ? checkpointKeyBeside(file) : options.checkpointKey;
  const context = storeContext(db, file, readonly, timeZone, key);
  const { openCheck, stateCurrent } = verifyAtOpen(context, options.verifyWholeUpTo);
  // A read-only look at an older file computes the open days from its entries (as before).
  // (A writable store has just built its state.)
  const legacyOpenDays =
    !readonly || (context.hasState && stateCurrent)
      ? null
      : () => daysNeedingZ(context.bySeq.all({ after: 0, limit: -1 }).map(rowToEntry), timeZone);
  const openDayRows =
    context.hasState || !readonly
      ? query<[], { day: string }>(db, 'SELECT day FROM journal_open_day ORDER BY day')
      : null;
  return {
    file,
    openCheck,
    ...storeReads(context),
    ...storeWrites(context),
    openDays: () =>
      legacyOpenDays !== null ? legacyOpenDays() : (openDayRows?.all() ?? []).map((r) => r.day),
    verifyChain: (verifyOptions) => verifyWholeChain(context, verifyOptions),
    durability: () => ({
      journalMode: String(pragmaValue(db, 'journal_mode')),
      synchronous: Number(pragmaValue(db, 'synchronous')),
    }),
    close: () => db.close(),
  };
}

/**
 * A quick look at a journal file without verifying its chain (that happens when it is opened
 * for selling): whether it has any entry, and one working-state value. Null when there is no
 * file yet; a file without the journal table (never written) has no entries.
 */
export function peekJournal(
  file: string,
  workingKey: string,
): { hasEntries: boolean; working: unknown } | null {
  if (!existsSync(file)) return null;
  let db: Database;
  try {
    db = openDatabase(file, { readonly: true });
  } catch (error) {
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  }
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    const tables = new Set(
      query<[], { name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((t) => t.name),
    );
    const hasEntries =
      tables.has('journal') &&
      query<[], { seq: number }>(db, 'SELECT seq FROM journal LIMIT 1').get() !== undefined;
    const row = tables.has('working')
      ? query<[string], { value: string }>(db, 'SELECT value FROM working WHERE key = ?').get(
          workingKey,
        )
      : undefined;
    return {
      hasEntries,
      working: row === undefined ? undefined : (JSON.parse(row.value) as unknown),
    };
  } catch (error) {
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  } finally {
    db.close();
  }
}

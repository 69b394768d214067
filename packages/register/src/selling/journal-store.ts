/**
 * The journal (journalminne) on disk: one SQLite file per register (`journal.sqlite` in the
 * data folder), through Node's built-in `node:sqlite` (sqlite.ts) with WAL and
 * `synchronous=FULL`, so a committed transaction survives a crash or a power cut.
 *
 * - `journal` is append-only: triggers refuse UPDATE and DELETE; `seq` is gapless from 1; each
 *   row carries the hash chain of @kassa/core (journal.ts), verified in full when the file opens.
 * - Receipt numbers are columns with a UNIQUE index per series, so a number can never repeat,
 *   even through a bug; they are derived from the journal (the next number is the highest plus
 *   one), so a crash cannot skip one either.
 * - `working` holds mutable working state that is not a fact (the sale under construction,
 *   parked sales); it is changed in the same transactions as the journal entries that record
 *   each step, so after a crash both agree.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  type JournalEntry,
  type JournalEvent,
  type JournalHead,
  appendEntry,
  receiptOf,
  receiptSeriesOf,
  verifyJournal,
} from '@kassa/core';
import { inTransaction, openDatabase, pragmaValue, query, type Database } from './sqlite.js';

/** SHA-256 as lowercase hex: the journal's hash function. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** One event to append, with the signed-in user. */
export interface PendingEvent {
  readonly event: JournalEvent;
  readonly by?: string | undefined;
}

/** A change to the working state made in the same transaction as the journal entries. */
export type WorkingChange =
  | { readonly op: 'put'; readonly key: string; readonly value: unknown }
  | { readonly op: 'delete'; readonly key: string };

/** The journal file. All writes are synchronous and each call is one transaction. */
export interface JournalStore {
  readonly file: string;
  /** The last entry's seq and hash, or null when empty. */
  head(): JournalHead | null;
  /** Appends events (one transaction with the working changes); returns the new entries. */
  append(
    events: readonly PendingEvent[],
    at: string,
    working?: readonly WorkingChange[],
  ): JournalEntry[];
  /**
   * Entries in seq order; `from` inclusive and `to` exclusive (ISO instants), `afterSeq`
   * exclusive, at most `limit` (all when absent).
   */
  entries(range?: {
    from?: string;
    to?: string;
    afterSeq?: number;
    limit?: number;
  }): JournalEntry[];
  /** The receipt entry of a series and number, if any. */
  receipt(
    series: 'receipt' | 'copy' | 'training' | 'pro-forma',
    receiptNumber: number,
  ): JournalEntry | undefined;
  /** Receipt entries that refer to `originalNumber` (copies and returns of it). */
  receiptsReferring(originalNumber: number): JournalEntry[];
  /** The latest receipt entries of the sale/return series, newest first. */
  latestReceipts(limit: number): JournalEntry[];
  /** The next free number of a series: the highest journaled plus one. */
  nextNumber(series: 'receipt' | 'copy' | 'training' | 'pro-forma' | 'z'): number;
  /** A working-state value, or undefined. */
  working<T>(key: string): T | undefined;
  /** Working-state keys that start with `prefix`, with their values. */
  workingWithPrefix<T>(prefix: string): { key: string; value: T }[];
  /** Changes working state alone (no journal entry). */
  changeWorking(changes: readonly WorkingChange[]): void;
  /**
   * Inserts entries made elsewhere — this terminal's journal as the server holds it — exactly as
   * they are (seq, at, by, data, hashes), with working changes, in one transaction, and only into
   * an EMPTY journal: the chain must verify from the genesis (and end at `head` when given).
   * Throws JournalImportError otherwise, leaving the journal as it was.
   */
  importEntries(
    entries: readonly JournalEntry[],
    working?: readonly WorkingChange[],
    head?: JournalHead,
    /** Events appended after the imported entries, in the same transaction. */
    then?: { readonly events: readonly PendingEvent[]; readonly at: string },
  ): void;
  /** The durability pragmas of the store's own connection (journal_mode, synchronous). */
  durability(): { journalMode: string; synchronous: number };
  close(): void;
}

/** Why the journal could not be opened. */
export class JournalOpenError extends Error {
  constructor(
    readonly code: 'journal-damaged' | 'journal-unreadable',
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'JournalOpenError';
  }
}

/** Why entries from elsewhere could not be taken into the journal. */
export class JournalImportError extends Error {
  constructor(
    readonly reason: 'journal-not-empty' | 'chain-invalid',
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'JournalImportError';
  }
}

const SCHEMA = `
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
`;

interface Row {
  seq: number;
  at: string;
  kind: string;
  by: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

function rowToEntry(row: Row): JournalEntry {
  return {
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    data: JSON.parse(row.data) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
    ...(row.by === null ? {} : { by: row.by }),
  } as JournalEntry; // rows are only ever written from JournalEntry values by `append`
}

/** The row of an entry: its receipt series and number (or Z number) are columns too. */
function rowOf(entry: JournalEntry) {
  const receipt = receiptOf(entry);
  const zNumber = entry.kind === 'z-report' ? entry.data.report.zNumber : null;
  // A skipped receipt number holds its place in the series' UNIQUE index: never used again.
  const skipped = entry.kind === 'receipt-number-skipped' ? entry.data : null;
  if (skipped !== null) {
    return {
      seq: entry.seq,
      at: entry.at,
      kind: entry.kind,
      by: entry.by ?? null,
      data: JSON.stringify(entry.data),
      prevHash: entry.prevHash,
      hash: entry.hash,
      series: skipped.series,
      number: skipped.receiptNumber,
      original: null,
    };
  }
  return {
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    by: entry.by ?? null,
    data: JSON.stringify(entry.data),
    prevHash: entry.prevHash,
    hash: entry.hash,
    series: receipt ? receiptSeriesOf(receipt.kind) : zNumber !== null ? 'z' : null,
    number: receipt ? receipt.receiptNumber : zNumber,
    original: receipt?.original?.receiptNumber ?? null,
  };
}

/**
 * Opens (creating when absent) the journal file and verifies its whole chain. Throws
 * JournalOpenError when the chain is broken: the register must not sell on a damaged journal.
 */
export function openJournalStore(
  file: string,
  options: { readonly readonly?: boolean } = {},
): JournalStore {
  const readonly = options.readonly === true;
  if (!readonly) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let db: Database;
  try {
    db = openDatabase(file, { readonly });
  } catch (error) {
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  }
  try {
    if (!readonly) {
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = FULL');
      db.exec(SCHEMA);
    }
    db.exec('PRAGMA busy_timeout = 5000');
  } catch (error) {
    db.close();
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  }

  let all: JournalEntry[];
  try {
    all = (db.prepare('SELECT * FROM journal ORDER BY seq').all() as unknown as Row[]).map(
      rowToEntry,
    );
  } catch (error) {
    db.close(); // e.g. not an SQLite file: leave no handle open on it
    throw new JournalOpenError('journal-unreadable', (error as Error).message);
  }
  const verified = verifyJournal(all, sha256Hex);
  if (!verified.ok) {
    db.close();
    const { seq, reason } = verified;
    throw new JournalOpenError('journal-damaged', `entry ${seq}: ${reason}`);
  }

  const insert = readonly
    ? null
    : db.prepare(
        `INSERT INTO journal (seq, at, kind, by, data, prev_hash, hash, receipt_series, receipt_number, original_number)
         VALUES (@seq, @at, @kind, @by, @data, @prevHash, @hash, @series, @number, @original)`,
      );
  const putWorking = readonly
    ? null
    : db.prepare(
        'INSERT INTO working (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      );
  const deleteWorking = readonly ? null : db.prepare('DELETE FROM working WHERE key = ?');

  function applyWorking(changes: readonly WorkingChange[]): void {
    for (const change of changes) {
      if (change.op === 'put') putWorking?.run(change.key, JSON.stringify(change.value));
      else deleteWorking?.run(change.key);
    }
  }

  const lastStatement = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const lastRow = () => lastStatement.get() as { seq: number; hash: string } | undefined;
  const appendTx = (
    events: readonly PendingEvent[],
    at: string,
    working: readonly WorkingChange[],
  ) =>
    inTransaction(db, () => {
      const added: JournalEntry[] = [];
      // The chain continues from the file, not from memory: another process (a second
      // `kassa start` by mistake) may have appended since; inside the transaction this is exact.
      const top = lastRow();
      let last: JournalEntry | null =
        top === undefined ? null : ({ seq: top.seq, hash: top.hash } as JournalEntry);
      for (const { event, by } of events) {
        const entry = appendEntry(last, event, at, sha256Hex, by);
        insert?.run(rowOf(entry));
        added.push(entry);
        last = entry;
      }
      applyWorking(working);
      return added;
    });

  const importTx = (
    entries: readonly JournalEntry[],
    working: readonly WorkingChange[],
    then: { readonly events: readonly PendingEvent[]; readonly at: string } | undefined,
  ) =>
    inTransaction(db, () => {
      // Inside the (immediate) transaction: nothing can have been appended since the check.
      if (lastRow() !== undefined) {
        throw new JournalImportError('journal-not-empty', 'the journal already has entries');
      }
      for (const entry of entries) insert?.run(rowOf(entry));
      let last: JournalEntry | null = entries.at(-1) ?? null;
      for (const { event, by } of then?.events ?? []) {
        const entry = appendEntry(last, event, then?.at ?? '', sha256Hex, by);
        insert?.run(rowOf(entry));
        last = entry;
      }
      applyWorking(working);
    });

  const byRange = query<[{ from: string; to: string; after: number; limit: number }], Row>(
    db,
    'SELECT * FROM journal WHERE at >= @from AND at < @to AND seq > @after ORDER BY seq LIMIT @limit',
  );
  // Without a time range: walk the primary key (the planner would take the `at` index above).
  const bySeq = query<[{ after: number; limit: number }], Row>(
    db,
    'SELECT * FROM journal WHERE seq > @after ORDER BY seq LIMIT @limit',
  );
  const bySeries = query<[string, number], Row>(
    db,
    'SELECT * FROM journal WHERE receipt_series = ? AND receipt_number = ?',
  );
  const referring = query<[number], Row>(
    db,
    "SELECT * FROM journal WHERE original_number = ? AND receipt_series IN ('receipt', 'copy') ORDER BY seq",
  );
  const latest = query<[number], Row>(
    db,
    "SELECT * FROM journal WHERE receipt_series = 'receipt' AND kind != 'receipt-number-skipped' ORDER BY receipt_number DESC LIMIT ?",
  );
  const maxNumber = query<[string], { n: number | null }>(
    db,
    'SELECT MAX(receipt_number) AS n FROM journal WHERE receipt_series = ?',
  );
  const getWorking = query<[string], { value: string }>(
    db,
    'SELECT value FROM working WHERE key = ?',
  );
  const prefixWorking = query<[{ prefix: string }], { key: string; value: string }>(
    db,
    'SELECT key, value FROM working WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key',
  );

  return {
    file,
    head: () => {
      const top = lastRow();
      return top === undefined ? null : { seq: top.seq, hash: top.hash };
    },
    append(events, at, working = []) {
      if (readonly) throw new Error('the journal was opened read-only');
      const added = appendTx(events, at, working);
      return added;
    },
    entries(range = {}) {
      const after = range.afterSeq ?? 0;
      const limit = range.limit ?? -1; // a negative LIMIT is none in SQLite
      const rows =
        range.from === undefined && range.to === undefined
          ? bySeq.all({ after, limit })
          : byRange.all({ from: range.from ?? '', to: range.to ?? '\uffff', after, limit });
      return rows.map(rowToEntry);
    },
    receipt(series, receiptNumber) {
      const row = bySeries.get(series, receiptNumber);
      return row === undefined ? undefined : rowToEntry(row);
    },
    receiptsReferring: (originalNumber) => referring.all(originalNumber).map(rowToEntry),
    latestReceipts: (limit) => latest.all(limit).map(rowToEntry),
    nextNumber: (series) => (maxNumber.get(series)?.n ?? 0) + 1,
    working<T>(key: string): T | undefined {
      const row = getWorking.get(key);
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    workingWithPrefix<T>(prefix: string) {
      return prefixWorking
        .all({ prefix })
        .map((row) => ({ key: row.key, value: JSON.parse(row.value) as T }));
    },
    changeWorking(changes) {
      if (readonly) throw new Error('the journal was opened read-only');
      inTransaction(db, () => applyWorking(changes), false);
    },
    importEntries(entries, working = [], head, then) {
      if (readonly) throw new Error('the journal was opened read-only');
      const verified = verifyJournal(entries, sha256Hex, head === undefined ? {} : { head });
      if (!verified.ok) {
        throw new JournalImportError('chain-invalid', `entry ${verified.seq}: ${verified.reason}`);
      }
      importTx(entries, working, then);
    },
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

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
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import {
  type BusinessDay,
  type JournalEntry,
  type JournalEvent,
  type JournalHead,
  appendEntry,
  daysNeedingZ,
  receiptOf,
  receiptSeriesOf,
  verifyJournal,
} from '@kassa/core';
import {
  type Checkpoint,
  JOURNAL_FORMAT,
  STATE_SCHEMA,
  checkpointKeyBeside,
  dayFinder,
  makeCheckpoint,
  openDayChange,
  readCheckpoint,
} from './journal-state.js';
import { inTransaction, openDatabase, pragmaValue, query, type Database } from './sqlite.js';

/** SHA-256 as lowercase hex: the journal's hash function. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** One event to append, with the signed-in user. */
export interface PendingEvent {
  readonly event: JournalEvent;
  readonly by?: string | undefined;
  /** The entry's own time, when not the call's `at` (only for building journals in bulk). */
  readonly at?: string;
}

/** A series with numbers in the journal's UNIQUE index (receipts and Z-reports). */
export type NumberedSeries = 'receipt' | 'copy' | 'training' | 'pro-forma' | 'z';

/** What the whole-chain verification found. */
export type ChainVerification =
  | { readonly ok: true; readonly head: JournalHead | null; readonly entries: number }
  | { readonly ok: false; readonly seq: number; readonly reason: string };

/** How the chain was checked when the store opened. */
export interface OpenCheck {
  /** 'whole': every entry; 'checkpoint': the keyed checkpoint and the entries after it. */
  readonly verified: 'whole' | 'checkpoint';
  /** Entries whose hash was recomputed at open. */
  readonly entriesVerified: number;
  /** The file was of an older format and its state was built now (once). */
  readonly migrated: boolean;
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
  /** The last entry's seq and time (its row's columns only, no data parsed), or null. */
  lastAt(): { readonly seq: number; readonly at: string } | null;
  /**
   * Appends events (one transaction with the working changes); returns the new entries. The
   * commit waits for its fsync (synchronous=FULL) unless `durable` is 'after': then it is
   * committed (a process crash keeps it) and its fsync runs right after, off the event loop
   * (`flushed()`); only for an entry that records what already happened outside the register
   * (a printout) — docs/adr/0013-pay-path-and-its-commits.md.
   */
  append(
    events: readonly PendingEvent[],
    at: string,
    working?: readonly WorkingChange[],
    durable?: 'now' | 'after',
  ): JournalEntry[];
  /** Resolves when every commit appended with `durable: 'after'` so far is on disk. */
  flushed(): Promise<void>;
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
  /** The receipt (or Z-report, series 'z') entry of a series and number, if any. */
  receipt(series: NumberedSeries, receiptNumber: number): JournalEntry | undefined;
  /** Entries of a series with numbers from `fromNumber` on, in seq order (by index). */
  receiptsFrom(series: NumberedSeries, fromNumber: number): JournalEntry[];
  /** The last entry of a kind (by index), if any. */
  lastOfKind(kind: JournalEntry['kind']): JournalEntry | undefined;
  /**
   * Entries of a kind (by index), in seq order: `afterSeq` exclusive, `from` inclusive (ISO
   * instant), at most `limit`; `newestFirst` reverses the order and takes `beforeSeq`.
   */
  entriesOfKind(
    kind: JournalEntry['kind'],
    range?: {
      afterSeq?: number;
      beforeSeq?: number;
      from?: string;
      limit?: number;
      newestFirst?: boolean;
    },
  ): JournalEntry[];
  /** Control-unit requests of a series, newest first, before `beforeSeq` (by index). */
  controlUnitRequests(
    series: string,
    range?: { afterSeq?: number; beforeSeq?: number; limit?: number },
  ): JournalEntry[];
  /**
   * Business days with sale or return receipts and no Z after them, oldest first — kept in the
   * same transaction as each entry (journal-state.ts), equal to `daysNeedingZ` of every entry.
   */
  openDays(): BusinessDay[];
  /** How the chain was checked at open. */
  readonly openCheck: OpenCheck;
  /**
   * Verifies the whole chain from the genesis to the head as of the call, in slices, yielding to
   * the event loop between them (`kassa start` runs it in the background after open; `kassa
   * doctor --full` waits for it). Progress is reported after each slice.
   */
  verifyChain(options?: {
    readonly sliceSize?: number;
    readonly onProgress?: (done: number, total: number) => void;
    readonly pause?: () => Promise<void>;
  }): Promise<ChainVerification>;
  /** Receipt entries that refer to `originalNumber` (copies and returns of it). */
  receiptsReferring(originalNumber: number): JournalEntry[];
  /** The latest receipt entries of the sale/return series, newest first. */
  latestReceipts(limit: number): JournalEntry[];
  /** The next free number of a series: the highest journaled plus one. */
  nextNumber(series: NumberedSeries): number;
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
${STATE_SCHEMA}`;

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

/** Journals of at most this many entries are verified whole at open (well under 0.1 s). */
export const VERIFY_WHOLE_AT_OPEN = 10_000;

const SLICE = 2_000;

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
 * format gets its state tables built once (docs/adr/0012-journal-checkpoint-and-state.md).
 */
export function openJournalStore(file: string, options: JournalStoreOptions = {}): JournalStore {
  const readonly = options.readonly === true;
  const timeZone = options.timeZone ?? 'Europe/Stockholm';
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
    }
    db.exec('PRAGMA busy_timeout = 5000');
    if (!readonly) db.exec(SCHEMA);
  } catch (error) {
    db.close();
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

function damaged(seq: number, reason: string): JournalOpenError {
  return new JournalOpenError('journal-damaged', `entry ${seq}: ${reason}`);
}

function openedStore(
  db: Database,
  file: string,
  readonly: boolean,
  timeZone: string,
  options: JournalStoreOptions,
): JournalStore {
  const dayOf = dayFinder(timeZone);
  const key =
    options.checkpointKey === undefined ? checkpointKeyBeside(file) : options.checkpointKey;
  const tables = new Set(
    query<[], { name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((t) => t.name),
  );
  // A read-only look at a file of the older format (or one never written) has no state tables.
  const hasState = tables.has('journal_state');
  // A file with no journal table (never written, or not a journal) cannot be read as one.
  if (!tables.has('journal')) throw new JournalOpenError('journal-unreadable', 'no journal table');
  const stateValue = hasState
    ? query<[string], { value: string }>(db, 'SELECT value FROM journal_state WHERE key = ?')
    : null;
  const readState = (k: string): string | undefined => stateValue?.get(k)?.value;
  const putState = readonly
    ? null
    : db.prepare(
        'INSERT INTO journal_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      );
  const bySeq = query<[{ after: number; limit: number }], Row>(
    db,
    'SELECT * FROM journal WHERE seq > @after ORDER BY seq LIMIT @limit',
  );
  const rowAt = query<[number], Row>(db, 'SELECT * FROM journal WHERE seq = ?');
  const lastStatement = query<[], { seq: number; hash: string }>(
    db,
    'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1',
  );
  const lastRow = () => lastStatement.get();
  const lastAtStatement = query<[], { seq: number; at: string }>(
    db,
    'SELECT seq, at FROM journal ORDER BY seq DESC LIMIT 1',
  );

  /** Verifies entries after `after` up to `to` (inclusive) slice by slice; the last head. */
  function verifySlices(
    after: JournalHead | null,
    to: number,
    each?: (entries: readonly JournalEntry[]) => void,
  ): JournalHead | null {
    let previous = after;
    for (;;) {
      const from = previous?.seq ?? 0;
      if (from >= to) return previous;
      const slice = bySeq.all({ after: from, limit: Math.min(SLICE, to - from) }).map(rowToEntry);
      if (slice.length === 0) throw damaged(from + 1, 'truncated');
      const verified = verifyJournal(
        slice,
        sha256Hex,
        previous === null ? {} : { after: previous },
      );
      if (!verified.ok) throw damaged(verified.seq, verified.reason);
      each?.(slice);
      previous = verified.value;
    }
  }

  const top = lastRow();
  const headSeq = top?.seq ?? 0;
  const formatText = readState('format');
  const format =
    formatText === undefined
      ? null
      : (JSON.parse(formatText) as { version: number; timeZone: string });
  const stateCurrent =
    format !== null && format.version === JOURNAL_FORMAT && format.timeZone === timeZone;
  const stored = key === null || !hasState ? null : readCheckpoint(key, readState('checkpoint'));
  if (stored === 'forged')
    throw damaged(0, 'the checkpoint does not match its key (forged or rewritten)');
  const wholeAtOpen =
    stored === null ||
    !stateCurrent ||
    headSeq <= (options.verifyWholeUpTo ?? VERIFY_WHOLE_AT_OPEN);
  if (stored !== null) {
    // A chain rewritten below the checkpoint has another hash at its seq; a cut one lacks it.
    const row = rowAt.get(stored.seq);
    if (row === undefined)
      throw damaged(stored.seq, 'truncated (the checkpoint is beyond the head)');
    if (row.hash !== stored.hash)
      throw damaged(stored.seq, 'rewritten (another hash than the checkpoint)');
  }
  let entriesVerified = 0;
  let openDaysBuilt: Set<BusinessDay> | null = null;
  if (wholeAtOpen) {
    const days = new Set<BusinessDay>();
    verifySlices(null, headSeq, (slice) => {
      entriesVerified += slice.length;
      if (!stateCurrent) {
        for (const entry of slice) {
          const change = openDayChange(entry, timeZone, dayOf);
          if (change === null) continue;
          if ('add' in change) days.add(change.add);
          else days.delete(change.remove);
        }
      }
    });
    if (!stateCurrent) openDaysBuilt = days;
  } else if (stored !== null) {
    const at = rowAt.get(stored.seq);
    if (at !== undefined) {
      // The checkpoint's own entry (its hash recomputed), then every entry after it.
      const own = rowToEntry(at);
      const verified = verifyJournal(
        [own],
        sha256Hex,
        stored.seq === 1 ? {} : { after: { seq: own.seq - 1, hash: own.prevHash } },
      );
      if (!verified.ok) throw damaged(verified.seq, verified.reason);
    }
    verifySlices({ seq: stored.seq, hash: stored.hash }, headSeq, (slice) => {
      entriesVerified += slice.length;
    });
    entriesVerified += 1;
  }
  const migrated = !stateCurrent && !readonly;
  let checkpointText: string | undefined = readState('checkpoint');
  if (!readonly) {
    inTransaction(db, () => {
      if (openDaysBuilt !== null) {
        db.exec('DELETE FROM journal_open_day');
        const add = db.prepare('INSERT INTO journal_open_day (day) VALUES (?)');
        for (const day of openDaysBuilt) add.run(day);
        putState?.run('format', JSON.stringify({ version: JOURNAL_FORMAT, timeZone }));
      }
      const head = lastRow();
      if (key !== null && head !== undefined) {
        checkpointText = JSON.stringify(makeCheckpoint(key, head));
        putState?.run('checkpoint', checkpointText);
      }
    });
  }
  const openCheck: OpenCheck = {
    verified: wholeAtOpen ? 'whole' : 'checkpoint',
    entriesVerified,
    migrated,
  };
  // A read-only look at an older file computes the open days from its entries (as before).
  // (A writable store has just built its state above.)
  const legacyOpenDays =
    !readonly || (hasState && stateCurrent)
      ? null
      : () => daysNeedingZ(bySeq.all({ after: 0, limit: -1 }).map(rowToEntry), timeZone);

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
  const addOpenDay = readonly
    ? null
    : db.prepare('INSERT INTO journal_open_day (day) VALUES (?) ON CONFLICT DO NOTHING');
  const removeOpenDay = readonly ? null : db.prepare('DELETE FROM journal_open_day WHERE day = ?');

  function applyWorking(changes: readonly WorkingChange[]): void {
    for (const change of changes) {
      if (change.op === 'put') putWorking?.run(change.key, JSON.stringify(change.value));
      else deleteWorking?.run(change.key);
    }
  }

  /** Inserts an entry with the state it changes (one transaction is open). */
  function insertEntry(entry: JournalEntry): void {
    insert?.run(rowOf(entry));
    const change = openDayChange(entry, timeZone, dayOf);
    if (change === null) return;
    if ('add' in change) addOpenDay?.run(change.add);
    else removeOpenDay?.run(change.remove);
  }

  /**
   * Inside a write transaction, before chaining on the head: the head must be the checkpoint's
   * (or chain from it: another process of this register appended and moved it). A checkpoint
   * that was changed in the file, or a head that does not chain from it, is damage.
   */
  function checkHead(head: { seq: number; hash: string } | undefined): void {
    if (key === null) return;
    const text = readState('checkpoint');
    if (text !== checkpointText) {
      const moved = readCheckpoint(key, text);
      if (moved === 'forged')
        throw damaged(0, 'the checkpoint does not match its key (forged or rewritten)');
      checkpointText = text;
    }
    const current = text === undefined ? null : (JSON.parse(text) as Checkpoint);
    if (current === null) {
      if (head !== undefined) verifySlices(null, head.seq);
      return;
    }
    if (head === undefined || head.seq < current.seq)
      throw damaged(current.seq, 'truncated (the checkpoint is beyond the head)');
    if (head.seq === current.seq) {
      if (head.hash !== current.hash)
        throw damaged(current.seq, 'rewritten (another hash than the checkpoint)');
      return;
    }
    const row = rowAt.get(current.seq);
    if (row?.hash !== current.hash)
      throw damaged(current.seq, 'rewritten (another hash than the checkpoint)');
    verifySlices({ seq: current.seq, hash: current.hash }, head.seq);
  }

  function moveCheckpoint(head: JournalEntry | null): void {
    if (key === null || head === null) return;
    checkpointText = JSON.stringify(makeCheckpoint(key, head));
    putState?.run('checkpoint', checkpointText);
  }

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
      checkHead(top);
      let last: JournalEntry | null =
        top === undefined ? null : ({ seq: top.seq, hash: top.hash } as JournalEntry);
      for (const { event, by, at: own } of events) {
        const entry = appendEntry(last, event, own ?? at, sha256Hex, by);
        insertEntry(entry);
        added.push(entry);
        last = entry;
      }
      applyWorking(working);
      moveCheckpoint(last);
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
      for (const entry of entries) insertEntry(entry);
      let last: JournalEntry | null = entries.at(-1) ?? null;
      for (const { event, by } of then?.events ?? []) {
        const entry = appendEntry(last, event, then?.at ?? '', sha256Hex, by);
        insertEntry(entry);
        last = entry;
      }
      applyWorking(working);
      moveCheckpoint(last);
    });

  const byRange = query<[{ from: string; to: string; after: number; limit: number }], Row>(
    db,
    // The `at` index finds the range; its rows are in seq order (journal order is time order).
    'SELECT * FROM journal INDEXED BY journal_at WHERE at >= @from AND at < @to AND seq > @after ORDER BY seq LIMIT @limit',
  );
  const bySeries = query<[string, number], Row>(
    db,
    'SELECT * FROM journal WHERE receipt_series = ? AND receipt_number = ?',
  );
  const seriesFrom = query<[string, number], Row>(
    db,
    'SELECT * FROM journal WHERE receipt_series = ? AND receipt_number >= ? ORDER BY seq',
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
  const kindAsc = query<[{ kind: string; after: number; from: string; limit: number }], Row>(
    db,
    'SELECT * FROM journal WHERE kind = @kind AND seq > @after AND at >= @from ORDER BY seq LIMIT @limit',
  );
  const kindDesc = query<[{ kind: string; before: number; from: string; limit: number }], Row>(
    db,
    'SELECT * FROM journal WHERE kind = @kind AND seq < @before AND at >= @from ORDER BY seq DESC LIMIT @limit',
  );
  const requests = query<[{ series: string; after: number; before: number; limit: number }], Row>(
    db,
    "SELECT * FROM journal WHERE kind = 'control-unit-request' AND json_extract(data, '$.series') = @series AND seq > @after AND seq < @before ORDER BY seq DESC LIMIT @limit",
  );
  const openDayRows =
    hasState || !readonly
      ? query<[], { day: string }>(db, 'SELECT day FROM journal_open_day ORDER BY day')
      : null;
  const getWorking = query<[string], { value: string }>(
    db,
    'SELECT value FROM working WHERE key = ?',
  );
  const prefixWorking = query<[{ prefix: string }], { key: string; value: string }>(
    db,
    'SELECT key, value FROM working WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key',
  );
  const MAX_SEQ = Number.MAX_SAFE_INTEGER;

  /**
   * The fsync of a commit made with synchronous=NORMAL, in the thread pool: the WAL file's own
   * data flushed through a handle of ours (fsync and FlushFileBuffers flush the file, whichever
   * handle wrote it). A WAL gone meanwhile (the store closed: SQLite checkpointed it into the
   * file and synced that) needs none.
   */
  let flushing: Promise<void> = Promise.resolve();
  function flushAfter(): void {
    flushing = flushing.then(async () => {
      const handle = await open(`${file}-wal`, 'r+').catch(() => null);
      if (handle === null) return;
      try {
        await handle.sync();
      } catch {
        // The next FULL commit fsyncs the WAL again and fails loudly if the disk does.
      } finally {
        await handle.close();
      }
    });
  }

  return {
    file,
    openCheck,
    head: () => {
      const top = lastRow();
      return top === undefined ? null : { seq: top.seq, hash: top.hash };
    },
    lastAt: () => {
      const top = lastAtStatement.get();
      return top === undefined ? null : { seq: top.seq, at: top.at };
    },
    append(events, at, working = [], durable = 'now') {
      if (readonly) throw new Error('the journal was opened read-only');
      if (durable === 'now') return appendTx(events, at, working);
      // WAL with synchronous=NORMAL: the commit is written to the WAL file but not fsync'd; a
      // power cut before the fsync below (or before the next FULL commit, which fsyncs the WAL
      // with it) rolls this transaction back whole, never part of it (sqlite.org/wal.html).
      db.exec('PRAGMA synchronous = NORMAL');
      let added: JournalEntry[];
      try {
        added = appendTx(events, at, working);
      } finally {
        db.exec('PRAGMA synchronous = FULL');
      }
      flushAfter();
      return added;
    },
    flushed: () => flushing,
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
    receiptsFrom: (series, fromNumber) => seriesFrom.all(series, fromNumber).map(rowToEntry),
    lastOfKind(kind) {
      const row = kindDesc.get({ kind, before: MAX_SEQ, from: '', limit: 1 });
      return row === undefined ? undefined : rowToEntry(row);
    },
    entriesOfKind(kind, range = {}) {
      const limit = range.limit ?? -1;
      const from = range.from ?? '';
      const rows =
        range.newestFirst === true
          ? kindDesc.all({ kind, before: range.beforeSeq ?? MAX_SEQ, from, limit })
          : kindAsc.all({ kind, after: range.afterSeq ?? 0, from, limit });
      return rows.map(rowToEntry);
    },
    controlUnitRequests: (series, range = {}) =>
      requests
        .all({
          series,
          after: range.afterSeq ?? 0,
          before: range.beforeSeq ?? MAX_SEQ,
          limit: range.limit ?? -1,
        })
        .map(rowToEntry),
    openDays: () =>
      legacyOpenDays !== null ? legacyOpenDays() : (openDayRows?.all() ?? []).map((r) => r.day),
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
    async verifyChain(verifyOptions = {}) {
      const size = verifyOptions.sliceSize ?? SLICE;
      const pause =
        verifyOptions.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
      const total = lastRow()?.seq ?? 0;
      let previous: JournalHead | null = null;
      let done = 0;
      while (done < total) {
        if (!db.isOpen) return { ok: false, seq: done + 1, reason: 'closed' };
        const slice = bySeq
          .all({ after: done, limit: Math.min(size, total - done) })
          .map(rowToEntry);
        if (slice.length === 0) return { ok: false, seq: done + 1, reason: 'truncated' };
        const verified = verifyJournal(
          slice,
          sha256Hex,
          previous === null ? {} : { after: previous },
        );
        if (!verified.ok) return { ok: false, seq: verified.seq, reason: verified.reason };
        previous = verified.value;
        done = previous?.seq ?? done;
        verifyOptions.onProgress?.(done, total);
        if (done < total) await pause();
      }
      // The verified chain must still reach the checkpoint it was opened on.
      if (key !== null && checkpointText !== undefined) {
        const checkpoint = JSON.parse(checkpointText) as Checkpoint;
        if (checkpoint.seq <= done) {
          const row = rowAt.get(checkpoint.seq);
          if (row?.hash !== checkpoint.hash) {
            return {
              ok: false,
              seq: checkpoint.seq,
              reason: 'rewritten (another hash than the checkpoint)',
            };
          }
        }
      }
      return { ok: true, head: previous, entries: done };
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

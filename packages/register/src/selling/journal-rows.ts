/**
 * The journal's rows and the store's reads of them (journal-store.ts): an entry as a row (its
 * receipt series and number, or Z number, are columns too, in the UNIQUE index per series) and
 * back, the prepared queries through the indexes, and what the store's parts share of one open
 * file (its state table, the checkpoint as last read or written).
 */
import { type BusinessDay, type JournalEntry, receiptOf, receiptSeriesOf } from '@kassa/core';
import { dayFinder } from './journal-state.js';
import { query, type Database, type Query, type Statement } from './sqlite.js';
import { JournalOpenError, type JournalStore } from './journal-types.js';

interface Row {
  seq: number;
  at: string;
  kind: string;
  by: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export function rowToEntry(row: Row): JournalEntry {
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
export function rowOf(entry: JournalEntry) {
  const receipt = receiptOf(entry);
  const zNumber = entry.kind === 'z-report' ? entry.data.report.zNumber : null;
  // A skipped receipt number holds its place in the series' UNIQUE index: never used again.
  const skipped = entry.kind === 'receipt-number-skipped' ? entry.data : null;
  const numbered =
    skipped !== null
      ? { series: skipped.series, number: skipped.receiptNumber, original: null }
      : {
          series: receipt ? receiptSeriesOf(receipt.kind) : zNumber !== null ? 'z' : null,
          number: receipt ? receipt.receiptNumber : zNumber,
          original: receipt?.original?.receiptNumber ?? null,
        };
  return {
    seq: entry.seq,
    at: entry.at,
    kind: entry.kind,
    by: entry.by ?? null,
    data: JSON.stringify(entry.data),
    prevHash: entry.prevHash,
    hash: entry.hash,
    ...numbered,
  };
}

/** The checkpoint of the open file: its key, and its text as last read or written here. */
interface CheckpointCell {
  readonly key: Buffer | null;
  text: string | undefined;
}

/** What the store's parts share of one open journal file. */
export interface StoreContext {
  readonly db: Database;
  readonly file: string;
  readonly readonly: boolean;
  readonly timeZone: string;
  readonly dayOf: (epochMs: number) => BusinessDay;
  /** The file has the state tables (a read-only look at an older file may not). */
  readonly hasState: boolean;
  readonly readState: (key: string) => string | undefined;
  readonly putState: Statement | null;
  readonly bySeq: Query<[{ after: number; limit: number }], Row>;
  readonly rowAt: Query<[number], Row>;
  readonly lastRow: () => { seq: number; hash: string } | undefined;
  readonly checkpoint: CheckpointCell;
}

/** The context of an open file (a file without the journal table cannot be read as one). */
export function storeContext(
  db: Database,
  file: string,
  readonly: boolean,
  timeZone: string,
  key: Buffer | null,
): StoreContext {
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
  const lastStatement = query<[], { seq: number; hash: string }>(
    db,
    'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1',
  );
  const readState = (k: string): string | undefined => stateValue?.get(k)?.value;
  return {
    db,
    file,
    readonly,
    timeZone,
    dayOf: dayFinder(timeZone),
    hasState,
    readState,
    putState: readonly
      ? null
      : db.prepare(
          'INSERT INTO journal_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        ),
    bySeq: query<[{ after: number; limit: number }], Row>(
      db,
      'SELECT * FROM journal WHERE seq > @after ORDER BY seq LIMIT @limit',
    ),
    rowAt: query<[number], Row>(db, 'SELECT * FROM journal WHERE seq = ?'),
    lastRow: () => lastStatement.get(),
    checkpoint: { key, text: readState('checkpoint') },
  };
}

/** The store's reads (each through an index, or the primary key). */
export type StoreReads = Pick<
  JournalStore,
  | 'head'
  | 'lastAt'
  | 'entries'
  | 'receipt'
  | 'receiptsFrom'
  | 'lastOfKind'
  | 'entriesOfKind'
  | 'controlUnitRequests'
  | 'receiptsReferring'
  | 'latestReceipts'
  | 'nextNumber'
  | 'working'
  | 'workingWithPrefix'
>;

const MAX_SEQ = Number.MAX_SAFE_INTEGER;

export function storeReads(context: StoreContext): StoreReads {
  const { db, bySeq, lastRow } = context;
  const lastAtStatement = query<[], { seq: number; at: string }>(
    db,
    'SELECT seq, at FROM journal ORDER BY seq DESC LIMIT 1',
  );
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
  const getWorking = query<[string], { value: string }>(
    db,
    'SELECT value FROM working WHERE key = ?',
  );
  const prefixWorking = query<[{ prefix: string }], { key: string; value: string }>(
    db,
    'SELECT key, value FROM working WHERE substr(key, 1, length(@prefix)) = @prefix ORDER BY key',
  );

  return {
    head: () => {
      const top = lastRow();
      return top === undefined ? null : { seq: top.seq, hash: top.hash };
    },
    lastAt: () => {
      const top = lastAtStatement.get();
      return top === undefined ? null : { seq: top.seq, at: top.at };
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
  };
}

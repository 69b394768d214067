/**
 * The journal store's shapes (journal-store.ts opens it): what a caller appends, the checks it
 * reports, the store's interface and why an open or an import was refused. A leaf module, so the
 * store's parts (journal-schema.ts, journal-rows.ts, journal-verify.ts, journal-append.ts) share
 * them without importing each other in a circle.
 */
import type { BusinessDay, JournalEntry, JournalEvent, JournalHead } from '@kassa/core';

/** One event to append, with the signed-in user. */
export interface PendingEvent {
  readonly event: JournalEvent;
  readonly by?: string | undefined;
  /** The entry's own time, when not the call's `at` (only for building journals in bulk). */
  readonly at?: string;
}

/** A series with numbers in the journal's UNIQUE index (receipts and Z-reports). */
type NumberedSeries = 'receipt' | 'copy' | 'training' | 'pro-forma' | 'z';

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
   * commit waits for its fsync (synchronous=FULL, `durability` 'now') unless:
   * - 'after': committed (a killed process keeps it) with its fsync started right after, off the
   *   event loop (`flushed()`) — for an entry that records what already happened outside the
   *   register (a printout), or one whose caller awaits `flushed()` before anything leaves the
   *   register (a sale's receipt);
   * - 'with-next': committed, made durable by the next commit's fsync — only for a sale's
   *   control-unit request whose number is reserved on disk (number-reservation.ts).
   * docs/adr/0013-pay-path-and-its-commits.md, docs/adr/0019-one-fsync-per-sale.md.
   */
  append(
    events: readonly PendingEvent[],
    at: string,
    working?: readonly WorkingChange[],
    durability?: 'now' | 'after' | 'with-next',
  ): JournalEntry[];
  /** Resolves when every commit appended with 'after' so far (and all before it) is on disk. */
  flushed(): Promise<void>;
  /**
   * Resolves once everything committed so far is on disk (its fsync started now when needed);
   * rejects with JournalNotDurableError when the disk did not confirm it.
   */
  untilDurable(): Promise<void>;
  /**
   * The last seq known to be on disk (-1 until the first flush after open): what a power cut
   * cannot take back. The uploader sends nothing beyond it.
   */
  durableSeq(): number;
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
    /**
     * 'journal-schema-newer': the file was written by a newer program (its `user_version` is
     * beyond the last migration this program knows, journal-schema.ts); nothing was written.
     */
    readonly code: 'journal-damaged' | 'journal-unreadable' | 'journal-schema-newer',
    readonly detail: string,
    /** The file's schema version and the newest this program knows ('journal-schema-newer'). */
    readonly versions?: { readonly found: number; readonly known: number },
  ) {
    super(`${code}: ${detail}`);
    this.name = 'JournalOpenError';
  }
}

/** The open is refused: an entry of the chain is broken at `seq`. */
export function damaged(seq: number, reason: string): JournalOpenError {
  return new JournalOpenError('journal-damaged', `entry ${seq}: ${reason}`);
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

/** The disk did not confirm an fsync of the journal: what was committed may not survive a cut. */
export class JournalNotDurableError extends Error {
  constructor(readonly seq: number) {
    super(`the journal up to entry ${seq} is not confirmed on disk (fsync failed)`);
    this.name = 'JournalNotDurableError';
  }
}

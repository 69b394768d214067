/**
 * Writing the journal (journal-store.ts): appending entries on the hash chain of @kassa/core, each
 * transaction with the open-day state, the working-state changes and the moved checkpoint
 * (docs/adr/0012-journal-checkpoint-and-state.md); importing a journal made elsewhere into an
 * empty one; and the commit whose fsync runs after it (docs/adr/0013-pay-path-and-its-commits.md).
 */
import { open } from 'node:fs/promises';
import { type JournalEntry, appendEntry, verifyJournal } from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import { makeCheckpoint, openDayChange, readCheckpoint } from './journal-state.js';
import type { Checkpoint } from './journal-state.js';
import { rowOf, type StoreContext } from './journal-rows.js';
import { verifySlices } from './journal-verify.js';
import { inTransaction } from './sqlite.js';
import {
  damaged,
  JournalImportError,
  JournalNotDurableError,
  type JournalStore,
  type PendingEvent,
  type WorkingChange,
} from './journal-types.js';

/** The store's writes. */
export type StoreWrites = Pick<
  JournalStore,
  'append' | 'flushed' | 'untilDurable' | 'durableSeq' | 'changeWorking' | 'importEntries'
>;

export function storeWrites(context: StoreContext): StoreWrites {
  const { db, file, readonly, timeZone, dayOf, readState, putState, rowAt, lastRow } = context;
  const { checkpoint } = context;
  const key = checkpoint.key;
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
    if (text !== checkpoint.text) {
      const moved = readCheckpoint(key, text);
      if (moved === 'forged')
        throw damaged(0, 'the checkpoint does not match its key (forged or rewritten)');
      checkpoint.text = text;
    }
    const current = text === undefined ? null : (JSON.parse(text) as Checkpoint);
    if (current === null) {
      if (head !== undefined) verifySlices(context, null, head.seq);
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
    verifySlices(context, { seq: current.seq, hash: current.hash }, head.seq);
  }

  function moveCheckpoint(head: JournalEntry | null): void {
    if (key === null || head === null) return;
    checkpoint.text = JSON.stringify(makeCheckpoint(key, head));
    putState?.run('checkpoint', checkpoint.text);
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

  /**
   * The fsync of commits made with synchronous=NORMAL, in the thread pool: the WAL file's own
   * data flushed through a handle of ours (fsync and FlushFileBuffers flush the file, whichever
   * handle wrote it). A WAL gone meanwhile (the store closed: SQLite checkpointed it into the
   * file and synced that) needs none. `durable` is the last seq known to be on disk: moved by
   * a FULL commit and by each flush once it is done (for the entries committed before it began).
   */
  let flushing: Promise<void> = Promise.resolve();
  let durable = -1;
  const markDurable = (seq: number) => {
    if (seq > durable) durable = seq;
  };
  function flushAfter(): void {
    const upTo = lastRow()?.seq ?? 0;
    flushing = flushing.then(async () => {
      const handle = await open(`${file}-wal`, 'r+').catch(() => null);
      if (handle === null) {
        markDurable(upTo);
        return;
      }
      try {
        await handle.sync();
        markDurable(upTo);
      } catch {
        // The next FULL commit fsyncs the WAL again and fails loudly if the disk does.
      } finally {
        await handle.close();
      }
    });
  }
  // What the file holds at open may be commits of a process that did not wait for their fsync
  // (killed since): flushed once, before anything here counts it as on disk.
  if (!readonly) flushAfter();
  else markDurable(lastRow()?.seq ?? 0);

  return {
    append(events, at, working = [], durability = 'now') {
      if (readonly) throw new Error('the journal was opened read-only');
      if (durability === 'now') {
        const added = appendTx(events, at, working);
        markDurable(added.at(-1)?.seq ?? durable);
        return added;
      }
      // WAL with synchronous=NORMAL: the commit is written to the WAL file but not fsync'd; a
      // power cut before the fsync (below, or the next one's, or the next FULL commit's, which
      // fsyncs the WAL with it) rolls this transaction back whole, never part of it
      // (sqlite.org/wal.html).
      db.exec('PRAGMA synchronous = NORMAL');
      let added: JournalEntry[];
      try {
        added = appendTx(events, at, working);
      } finally {
        db.exec('PRAGMA synchronous = FULL');
      }
      if (durability === 'after') flushAfter();
      return added;
    },
    flushed: () => flushing,
    untilDurable() {
      const target = lastRow()?.seq ?? 0;
      if (durable >= target) return Promise.resolve();
      flushAfter();
      return flushing.then(() => {
        if (durable < target) throw new JournalNotDurableError(target);
      });
    },
    durableSeq: () => durable,
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
  };
}

/**
 * Verifying the journal's hash chain (docs/adr/0012-journal-checkpoint-and-state.md): at open,
 * the whole chain of a small journal or of one without a checkpoint, else the keyed checkpoint
 * and every entry after it, building the state of a file of an older format once; and the whole
 * chain in slices in the background (`verifyChain`).
 */
import { type BusinessDay, type JournalEntry, type JournalHead, verifyJournal } from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import { JOURNAL_FORMAT, makeCheckpoint, openDayChange, readCheckpoint } from './journal-state.js';
import type { Checkpoint } from './journal-state.js';
import { rowToEntry, type StoreContext } from './journal-rows.js';
import { inTransaction } from './sqlite.js';
import { damaged, type ChainVerification, type OpenCheck } from './journal-types.js';

/** Journals of at most this many entries are verified whole at open (well under 0.1 s). */
const VERIFY_WHOLE_AT_OPEN = 10_000;

const SLICE = 2_000;

/** Verifies entries after `after` up to `to` (inclusive) slice by slice; the last head. */
export function verifySlices(
  context: StoreContext,
  after: JournalHead | null,
  to: number,
  each?: (entries: readonly JournalEntry[]) => void,
): JournalHead | null {
  let previous = after;
  for (;;) {
    const from = previous?.seq ?? 0;
    if (from >= to) return previous;
    const slice = context.bySeq
      .all({ after: from, limit: Math.min(SLICE, to - from) })
      .map(rowToEntry);
    if (slice.length === 0) throw damaged(from + 1, 'truncated');
    const verified = verifyJournal(slice, sha256Hex, previous === null ? {} : { after: previous });
    if (!verified.ok) throw damaged(verified.seq, verified.reason);
    each?.(slice);
    previous = verified.value;
  }
}

/**
 * The check at open: throws JournalOpenError (journal-damaged) when the chain is broken or does
 * not match the checkpoint. A writable store then builds the state of an older format (once) and
 * moves the checkpoint to the head. `stateCurrent`: the file's state is of this format and zone.
 */
export function verifyAtOpen(
  context: StoreContext,
  verifyWholeUpTo: number = VERIFY_WHOLE_AT_OPEN,
): { readonly openCheck: OpenCheck; readonly stateCurrent: boolean } {
  const { db, readonly, timeZone, dayOf, hasState, readState, putState, rowAt, lastRow } = context;
  const { key } = context.checkpoint;
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
  const wholeAtOpen = stored === null || !stateCurrent || headSeq <= verifyWholeUpTo;
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
    verifySlices(context, null, headSeq, (slice) => {
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
    verifySlices(context, { seq: stored.seq, hash: stored.hash }, headSeq, (slice) => {
      entriesVerified += slice.length;
    });
    entriesVerified += 1;
  }
  const migrated = !stateCurrent && !readonly;
  context.checkpoint.text = readState('checkpoint');
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
        context.checkpoint.text = JSON.stringify(makeCheckpoint(key, head));
        putState?.run('checkpoint', context.checkpoint.text);
      }
    });
  }
  return {
    openCheck: { verified: wholeAtOpen ? 'whole' : 'checkpoint', entriesVerified, migrated },
    stateCurrent,
  };
}

/**
 * The whole chain from the genesis to the head as of the call, in slices, yielding to the event
 * loop between them (JournalStore.verifyChain); it must still reach the checkpoint it opened on.
 */
export async function verifyWholeChain(
  context: StoreContext,
  options: {
    readonly sliceSize?: number;
    readonly onProgress?: (done: number, total: number) => void;
    readonly pause?: () => Promise<void>;
  } = {},
): Promise<ChainVerification> {
  const { db, bySeq, rowAt, lastRow, checkpoint } = context;
  const size = options.sliceSize ?? SLICE;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setImmediate(resolve)));
  const total = lastRow()?.seq ?? 0;
  let previous: JournalHead | null = null;
  let done = 0;
  while (done < total) {
    if (!db.isOpen) return { ok: false, seq: done + 1, reason: 'closed' };
    const slice = bySeq.all({ after: done, limit: Math.min(size, total - done) }).map(rowToEntry);
    if (slice.length === 0) return { ok: false, seq: done + 1, reason: 'truncated' };
    const verified = verifyJournal(slice, sha256Hex, previous === null ? {} : { after: previous });
    if (!verified.ok) return { ok: false, seq: verified.seq, reason: verified.reason };
    previous = verified.value;
    done = previous?.seq ?? done;
    options.onProgress?.(done, total);
    if (done < total) await pause();
  }
  // The verified chain must still reach the checkpoint it was opened on.
  if (checkpoint.key !== null && checkpoint.text !== undefined) {
    const stored = JSON.parse(checkpoint.text) as Checkpoint;
    if (stored.seq <= done) {
      const row = rowAt.get(stored.seq);
      if (row?.hash !== stored.hash) {
        return {
          ok: false,
          seq: stored.seq,
          reason: 'rewritten (another hash than the checkpoint)',
        };
      }
    }
  }
  return { ok: true, head: previous, entries: done };
}

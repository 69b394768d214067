/**
 * Anchors of the journal's hash chain (docs/adr/0011-journal-anchors.md). The chain alone
 * (SHA-256, @kassa/core journal.ts) shows a changed entry, but not a journal cut at its tail or
 * rewritten whole with a recomputed chain. What anchors it is what the server has acknowledged:
 * every acknowledged head (seq + hash) is remembered here, in the journal file's working state,
 * as the highest one (`anchor`; it only grows); the server keeps its copy.
 *
 * A journal shorter than its anchor, or with another hash at the anchored seq, is damaged: the
 * register does not sell on it (SKVFS 2014:9 6 kap 1 §: nothing registered may be changed or
 * removed). Someone with the data folder can rewrite this anchor too, so the same comparison is
 * made against the server's head (uploader.ts) and by the server on every heartbeat.
 */
import { existsSync } from 'node:fs';
import { failure, type Failure } from '../failure.js';
import type { JournalStore } from '../selling/journal-store.js';
import { openDatabase, query, type Database } from '../selling/sqlite.js';
import { UPLOAD_KEY } from './upload-mark.js';

/** The working-state key of the highest acknowledged head. */
const ANCHOR_KEY = 'anchor';

export interface JournalAnchor {
  readonly seq: number;
  readonly hash: string;
  /** When the server acknowledged it. */
  readonly at: string;
}

/** Why a journal does not match its anchor. */
export interface AnchorMismatch {
  readonly code: 'journal-anchor-mismatch';
  readonly seq: number;
  readonly localSeq: number;
  readonly reason: 'shorter' | 'differs';
}

function anchorOf(value: unknown): { seq: number; hash: string } | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const seq = v.seq ?? v.acknowledgedSeq;
  const hash = v.hash ?? v.acknowledgedHash;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq <= 0) return null;
  if (typeof hash !== 'string') return null;
  return { seq, hash };
}

/** The highest of the stored anchor and the upload mark (both acknowledged by the server). */
function highest(anchor: unknown, mark: unknown): { seq: number; hash: string } | null {
  const a = anchorOf(anchor);
  const m = anchorOf(mark);
  if (a === null) return m;
  if (m === null) return a;
  return m.seq > a.seq ? m : a;
}

/** The anchor the journal must match, or null when the server never acknowledged anything. */
export function readAnchor(store: JournalStore): { seq: number; hash: string } | null {
  return highest(store.working(ANCHOR_KEY), store.working(UPLOAD_KEY));
}

/** Remembers an acknowledged head (kept when higher than the one stored). */
export function rememberAnchor(store: JournalStore, head: JournalAnchor): void {
  const stored = anchorOf(store.working(ANCHOR_KEY));
  if (stored !== null && stored.seq >= head.seq) return;
  store.changeWorking([{ op: 'put', key: ANCHOR_KEY, value: head }]);
}

/** The comparison of a journal (its head seq and its hash at a seq) with an anchor. */
function compare(
  anchor: { seq: number; hash: string } | null,
  localSeq: number,
  hashAt: (seq: number) => string | null,
): AnchorMismatch | null {
  if (anchor === null) return null;
  if (localSeq < anchor.seq) {
    return { code: 'journal-anchor-mismatch', seq: anchor.seq, localSeq, reason: 'shorter' };
  }
  if (hashAt(anchor.seq) !== anchor.hash) {
    return { code: 'journal-anchor-mismatch', seq: anchor.seq, localSeq, reason: 'differs' };
  }
  return null;
}

/** The journal part of the heartbeat (contracts' heartbeatBodySchema). */
export interface JournalReport {
  readonly headSeq: number;
  readonly headHash: string | null;
  readonly checkSeq: number;
  readonly checkHash: string | null;
  readonly lastReceiptNumber: number;
}

/**
 * Reads the journal file read-only (another process may hold it: waits up to 5 s for a lock).
 * Null when the file is absent or unreadable, or `read` fails: opening the journal for selling
 * says why (journal-unreadable).
 */
function readFileQuietly<T>(file: string, read: (db: Database) => T | null): T | null {
  if (!existsSync(file)) return null;
  let db: Database;
  try {
    db = openDatabase(file, { readonly: true });
  } catch {
    return null;
  }
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    return read(db);
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** The tables of a journal file, and a reader of its working state by key. */
function fileParts(db: Database): { tables: Set<string>; value: (key: string) => unknown } {
  const tables = new Set(
    query<[], { name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((t) => t.name),
  );
  const working = tables.has('working')
    ? query<[string], { value: string }>(db, 'SELECT value FROM working WHERE key = ?')
    : null;
  const value = (key: string): unknown => {
    const row = working?.get(key);
    return row === undefined ? undefined : (JSON.parse(row.value) as unknown);
  };
  return { tables, value };
}

/**
 * The heartbeat's journal report read from the file (when no journal is open, e.g. because it
 * does not match its anchor): null when there is no journal table.
 */
export function journalReportOfFile(file: string): JournalReport | null {
  return readFileQuietly(file, (db) => {
    const { tables, value } = fileParts(db);
    if (!tables.has('journal') || !tables.has('working')) return null;
    const top = query<[], { seq: number; hash: string }>(
      db,
      'SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1',
    ).get();
    const checkSeq = highest(value(ANCHOR_KEY), value(UPLOAD_KEY))?.seq ?? 0;
    // An empty journal never acknowledged is one still to be restored: nothing to compare.
    if (top === undefined && checkSeq === 0) return null;
    const at = query<[number], { hash: string }>(db, 'SELECT hash FROM journal WHERE seq = ?');
    const lastReceipt = query<[], { n: number | null }>(
      db,
      "SELECT MAX(receipt_number) AS n FROM journal WHERE receipt_series = 'receipt'",
    ).get();
    return {
      headSeq: top?.seq ?? 0,
      headHash: top?.hash ?? null,
      checkSeq,
      checkHash: checkSeq > 0 ? (at.get(checkSeq)?.hash ?? null) : null,
      lastReceiptNumber: lastReceipt?.n ?? 0,
    };
  });
}

/**
 * Checks the journal file against its anchor without verifying the whole chain (that happens
 * when it is opened for selling): a few indexed reads, so it can run before every start. Null
 * when there is no file, no journal table or no anchor.
 */
export function checkAnchorsOfFile(file: string): AnchorMismatch | null {
  return readFileQuietly(file, (db) => {
    const { tables, value } = fileParts(db);
    if (!tables.has('working')) return null;
    const anchor = highest(value(ANCHOR_KEY), value(UPLOAD_KEY));
    if (anchor === null) return null;
    if (!tables.has('journal')) return compare(anchor, 0, () => null);
    const top =
      query<[], { seq: number | null }>(db, 'SELECT MAX(seq) AS seq FROM journal').get()?.seq ?? 0;
    const at = query<[number], { hash: string }>(db, 'SELECT hash FROM journal WHERE seq = ?');
    return compare(anchor, top, (seq) => at.get(seq)?.hash ?? null);
  });
}

/** The refusal of a journal that does not match its anchor, with what to do. */
export function anchorFailure(mismatch: AnchorMismatch): Failure {
  const { seq, localSeq, reason } = mismatch;
  return failure('journal-anchor-mismatch', {
    seq,
    localSeq,
    reason,
    problem:
      reason === 'shorter'
        ? `servern har kvitterat post ${seq}, men journalen här slutar vid post ${localSeq}`
        : `journalpost ${seq} har en annan kontrollsumma än den servern kvitterade`,
    problemEn:
      reason === 'shorter'
        ? `the server acknowledged entry ${seq}, but the journal here ends at entry ${localSeq}`
        : `journal entry ${seq} has another checksum than the one the server acknowledged`,
  });
}

/** The hash of the journal file's entry at `seq` (read-only), or null. */
export function journalHashAt(file: string, seq: number): string | null {
  return readFileQuietly(
    file,
    (db) =>
      query<[number], { hash: string }>(db, 'SELECT hash FROM journal WHERE seq = ?').get(seq)
        ?.hash ?? null,
  );
}

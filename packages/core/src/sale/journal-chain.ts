/**
 * The journal's hash chain (SKVFS 2014:9 6 kap 1 §: nothing registered may be deleted, changed or
 * added to): each entry carries the hash of the one before, so any edit breaks the chain.
 *
 * hash = H(prevHash + canonicalJson({ seq, at, kind, data, prevHash, by })), with H injected (the
 * caller passes SHA-256 as lowercase hex); the first entry's prevHash is 64 zeros. `seq` is
 * gapless per register from 1.
 */
import { type Failure, type Result, fail, ok } from '../result.js';
import { canonicalJson } from './canonical-json.js';
import type { ChainedEntry, JournalEntry, JournalEvent } from './journal.js';
import { isIsoInstant } from './receipt.js';

/** The prevHash of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** A hash function over text returning lowercase hex (the caller passes SHA-256). */
export type HashFunction = (text: string) => string;

/** Computes an entry's hash from everything in it except the hash itself. */
export function hashEntry(entry: Omit<ChainedEntry, 'hash'>, hash: HashFunction): string {
  const { seq, at, kind, data, prevHash, by } = entry;
  return hash(prevHash + canonicalJson({ seq, at, kind, data, prevHash, by }));
}

/**
 * Returns the entry that follows `chainTail` (null for an empty journal) for `event` at the
 * instant `at`. Throws on a malformed `at` or data that cannot be serialised canonically.
 */
export function appendEntry(
  chainTail: JournalEntry | null,
  event: JournalEvent,
  at: string,
  hash: HashFunction,
  by?: string,
): JournalEntry {
  if (!isIsoInstant(at)) {
    throw new RangeError(`journal time must be an ISO instant, got ${JSON.stringify(at)}`);
  }
  const unhashed = {
    ...event,
    seq: chainTail === null ? 1 : chainTail.seq + 1,
    at,
    ...(by === undefined ? {} : { by }),
    prevHash: chainTail === null ? GENESIS_HASH : chainTail.hash,
  } as Omit<JournalEntry, 'hash'>; // spreading a union member keeps its kind/data pairing
  return { ...unhashed, hash: hashEntry(unhashed, hash) } as JournalEntry;
}

/** Why an entry broke the journal. */
export type JournalDefect =
  'gap' | 'duplicate' | 'broken-link' | 'bad-hash' | 'malformed' | 'truncated';

/** The first bad entry found by `verifyJournal`. */
export type JournalVerifyFailure = Failure<
  'journal-invalid',
  { seq: number; reason: JournalDefect }
>;

/** The last entry of a verified journal: its seq and hash (the chain head). */
export interface JournalHead {
  readonly seq: number;
  readonly hash: string;
}

/**
 * Verifies the chain: seq gapless from 1 (or from `options.after`, the verified entry before a
 * slice), each prevHash equal to the previous hash, each hash recomputed. With `options.head`
 * (a head known from elsewhere, e.g. the server's acknowledged high-water mark) a truncated tail
 * is detected too. Returns the head, or the first bad seq and why.
 */
export function verifyJournal(
  entries: readonly ChainedEntry[],
  hash: HashFunction,
  options: { readonly after?: JournalHead; readonly head?: JournalHead } = {},
): Result<JournalHead | null, JournalVerifyFailure> {
  let previous: JournalHead | null = options.after ?? null;
  for (const entry of entries) {
    const expectedSeq = previous === null ? 1 : previous.seq + 1;
    if (!Number.isSafeInteger(entry.seq) || typeof entry.hash !== 'string') {
      return fail('journal-invalid', { seq: expectedSeq, reason: 'malformed' });
    }
    if (entry.seq > expectedSeq) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'gap' });
    }
    if (entry.seq < expectedSeq) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'duplicate' });
    }
    if (entry.prevHash !== (previous === null ? GENESIS_HASH : previous.hash)) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'broken-link' });
    }
    let recomputed: string;
    try {
      recomputed = hashEntry(entry, hash);
    } catch {
      return fail('journal-invalid', { seq: entry.seq, reason: 'malformed' });
    }
    if (recomputed !== entry.hash || !isIsoInstant(entry.at)) {
      return fail('journal-invalid', { seq: entry.seq, reason: 'bad-hash' });
    }
    previous = { seq: entry.seq, hash: entry.hash };
  }
  const { head } = options;
  if (head !== undefined && (previous?.seq !== head.seq || previous.hash !== head.hash)) {
    const seq = previous === null ? 1 : Math.min(previous.seq + 1, head.seq);
    return fail('journal-invalid', { seq, reason: 'truncated' });
  }
  return ok(previous);
}

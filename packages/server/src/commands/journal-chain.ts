/**
 * Whether an upload continues the server's copy of a terminal's journal exactly: seq = head + 1,
 * prevHash = the head's hash, each hash recomputed (SKVFS 2014:9 6 kap 1 §: nothing registered
 * may be changed, removed or added to). Entries at or below the head must be identical to the
 * stored ones (a retry is idempotent). A refusal names the first entry that breaks the rule.
 */
import { and, asc, between, eq } from 'drizzle-orm';
import {
  type Failure,
  type HashFunction,
  type JournalHead,
  canonicalJson,
  verifyJournal,
} from '@kassa/core';
import type { UploadedEntry } from '@kassa/contracts';
import { journalEntries } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';

export type JournalRefusal =
  | Failure<'journal-gap', { expectedSeq: number; receivedSeq: number }>
  | Failure<'journal-chain-broken', { seq: number; reason: string }>
  | Failure<'journal-conflict', { seq: number }>;

/** The details of a refusal, as the error body and the terminal's flag carry them. */
export function refusalDetails(refusal: JournalRefusal): Record<string, unknown> {
  switch (refusal.code) {
    case 'journal-gap':
      return { expectedSeq: refusal.expectedSeq, receivedSeq: refusal.receivedSeq };
    case 'journal-chain-broken':
      return { seq: refusal.seq, reason: refusal.reason };
    case 'journal-conflict':
      return { seq: refusal.seq };
  }
}

/**
 * The first reason the batch's sequence cannot be taken (not consecutive, a gap after the head,
 * an entry at or below the head that differs from the stored one), or null.
 */
export async function checkSequence(
  ctx: CommandContext,
  terminalId: string,
  head: { seq: number; hash: string | null },
  entries: readonly UploadedEntry[],
): Promise<JournalRefusal | null> {
  const first = entries[0];
  if (first === undefined) return null;
  // The batch itself must be consecutive.
  for (let i = 1; i < entries.length; i += 1) {
    const previous = entries[i - 1] as UploadedEntry;
    const entry = entries[i] as UploadedEntry;
    if (entry.seq > previous.seq + 1) {
      return {
        ok: false,
        code: 'journal-gap',
        expectedSeq: previous.seq + 1,
        receivedSeq: entry.seq,
      };
    }
    if (entry.seq <= previous.seq) {
      return { ok: false, code: 'journal-chain-broken', seq: entry.seq, reason: 'duplicate' };
    }
  }
  if (first.seq > head.seq + 1) {
    return { ok: false, code: 'journal-gap', expectedSeq: head.seq + 1, receivedSeq: first.seq };
  }
  // Entries the server has already: each must be exactly the stored one.
  const overlap = entries.filter((e) => e.seq <= head.seq);
  const lastOverlap = overlap[overlap.length - 1];
  if (lastOverlap !== undefined) {
    const stored = await ctx.tx
      .select()
      .from(journalEntries)
      .where(
        and(
          eq(journalEntries.tenantId, ctx.tenantId),
          eq(journalEntries.terminalId, terminalId),
          between(journalEntries.seq, first.seq, lastOverlap.seq),
        ),
      )
      .orderBy(asc(journalEntries.seq));
    const bySeq = new Map(stored.map((row) => [row.seq, row]));
    for (const entry of overlap) {
      const row = bySeq.get(entry.seq);
      if (!row || !sameEntry(entry, row)) {
        return { ok: false, code: 'journal-conflict', seq: entry.seq };
      }
    }
  }
  return null;
}

/** The new entries' chain continuing from the head, every hash recomputed: a refusal or null. */
export function verifyChain(
  head: { seq: number; hash: string | null },
  fresh: readonly UploadedEntry[],
  hash: HashFunction,
): JournalRefusal | null {
  const after: JournalHead | undefined =
    head.seq > 0 && head.hash !== null ? { seq: head.seq, hash: head.hash } : undefined;
  // An uploaded entry is a ChainedEntry: its kind may be one this server does not know, which
  // the chain check does not depend on.
  const verified = verifyJournal(fresh, hash, { after });
  if (!verified.ok) {
    return verified.reason === 'gap'
      ? {
          ok: false,
          code: 'journal-gap',
          expectedSeq: (after?.seq ?? 0) + 1,
          receivedSeq: verified.seq,
        }
      : { ok: false, code: 'journal-chain-broken', seq: verified.seq, reason: verified.reason };
  }
  return null;
}

/** Whether an uploaded entry is exactly the stored one (every hashed field and the hash). */
function sameEntry(entry: UploadedEntry, row: typeof journalEntries.$inferSelect): boolean {
  try {
    const uploaded = canonicalJson({ ...entry, by: entry.by });
    const stored = canonicalJson({
      seq: row.seq,
      at: row.atText,
      kind: row.kind,
      by: row.by ?? undefined,
      data: row.data,
      prevHash: row.prevHash,
      hash: row.hash,
    });
    return uploaded === stored;
  } catch {
    // Data that cannot be serialised canonically (a float) was never stored.
    return false;
  }
}

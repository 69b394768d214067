/**
 * Ingesting a register's journal upload: the entries must continue the server's copy of the
 * chain exactly (journal-chain.ts). A gap, a broken chain or a conflicting entry stores nothing
 * of the batch and flags the terminal until an admin acknowledges it (sync-problem.ts). The
 * entries (journal-copy.ts) and the read models projected from them (reports/sales-summary.ts)
 * are written in one transaction, so reports never disagree with the journal copy.
 *
 * Concurrency: the terminal's row is locked (SELECT … FOR UPDATE) first, so two server processes
 * receiving the same batch take turns; the second sees the first's head and answers as a retry.
 */
import { and, eq } from 'drizzle-orm';
import type { Failure, HashFunction } from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';
import type { UploadedEntry } from '@kassa/contracts';
import { terminals } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { projectEntries, type Projection } from '../reports/sales-summary.js';
import {
  checkSequence,
  refusalDetails,
  verifyChain,
  type JournalRefusal,
} from './journal-chain.js';
import { storeEntries, writeReadModels } from './journal-copy.js';
import { flagSyncProblem } from './sync-problem.js';
import { lockTerminal } from './terminals.js';

export type IngestResult =
  | {
      ok: true;
      head: { seq: number; hash: string | null };
      /** Entries stored now (0 for a pure retry). */
      stored: number;
      receipts: number;
      zReports: number;
    }
  | JournalRefusal
  | Failure<'terminal-not-found'>;

/**
 * Stores an upload of `entries` (in seq order) for the terminal, with its read models, or refuses
 * it whole and flags the terminal. Run it in a transaction (`ctx.tx`): a refusal commits only the
 * flag, a thrown error rolls everything back.
 */
export async function ingestJournal(
  ctx: CommandContext,
  terminalId: string,
  entries: readonly UploadedEntry[],
  options: {
    hash?: HashFunction;
    /**
     * The upload's JSON text `{"entries":[…]}` that `entries` were parsed from (and checked
     * against the schema), when there is one: the database reads the entries from it, which
     * spares serialising them again. Default: `entries` serialised.
     */
    bodyJson?: string;
    /**
     * The register's own journal head when it sent the batch: the terminal's backlog becomes
     * what is left after the acknowledged head (the next heartbeat says the same, later).
     */
    localHeadSeq?: number;
  } = {},
): Promise<IngestResult> {
  const hash = options.hash ?? sha256Hex;
  const terminal = await lockTerminal(ctx, terminalId);
  if (!terminal) return { ok: false, code: 'terminal-not-found' };
  const deviceCtx: CommandContext = {
    ...ctx,
    actor: { userId: null, name: `kassa ${terminal.registerId}` },
  };
  const head = { seq: terminal.journalHeadSeq, hash: terminal.journalHeadHash };

  const refusal = await checkSequence(ctx, terminalId, head, entries);
  if (refusal) return refuse(deviceCtx, terminal, refusal);

  const fresh = entries.filter((e) => e.seq > head.seq);
  const last = fresh[fresh.length - 1];
  if (last === undefined) {
    return { ok: true, head, stored: 0, receipts: 0, zReports: 0 };
  }
  // The entries are sent to the database first, in a savepoint, and the hash chain is
  // recomputed and the read models summed while the database stores them; a broken chain rolls
  // the savepoint back, so nothing of the batch remains.
  const broken = new BrokenChain();
  let projected: Projection;
  try {
    projected = await ctx.tx.transaction(async (savepoint) => {
      const storing = storeEntries(
        savepoint,
        { tenantId: ctx.tenantId, terminalId, afterSeq: head.seq, count: fresh.length },
        options.bodyJson ?? JSON.stringify({ entries }),
      );
      // Its failure is handled where it is awaited below, not as an unhandled rejection before.
      storing.catch(() => undefined);
      // Let the INSERT go out before the CPU work below (its promise settles after it).
      await new Promise((resolve) => setImmediate(resolve));
      const chain = verifyChain(head, fresh, hash);
      const summed =
        chain === null
          ? projectEntries(
              { tenantId: ctx.tenantId, terminalId, placeOfBusinessId: terminal.placeOfBusinessId },
              fresh,
            )
          : null;
      if (chain !== null || summed === null) {
        await storing;
        broken.refusal = chain;
        throw broken;
      }
      // Queued behind the INSERT on the same connection: sent as soon as it is done.
      await Promise.all([
        storing,
        writeReadModels(savepoint, summed),
        savepoint
          .update(terminals)
          .set({
            journalHeadSeq: last.seq,
            journalHeadHash: last.hash,
            journalSyncedAt: ctx.now,
            lastContactAt: ctx.now,
            ...backlogAfter(options.localHeadSeq, last.seq),
          })
          .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId))),
      ]);
      return summed;
    });
  } catch (error) {
    if (error !== broken || broken.refusal === null) throw error;
    return refuse(deviceCtx, terminal, broken.refusal);
  }
  const newHead = { seq: last.seq, hash: last.hash };
  // A register that stopped selling for its clock: shown on the terminal until acknowledged.
  const clockFault = fresh.findLast((e) => e.kind === 'clock-fault');
  if (clockFault !== undefined) {
    const data = clockFault.data;
    const minutes = Math.round(Math.abs(Number(data.differenceMs) || 0) / 60_000);
    await flagSyncProblem(deviceCtx, terminal, {
      code: 'register-clock-fault',
      seq: clockFault.seq,
      details: {
        seq: clockFault.seq,
        reason: String(data.reason),
        clock: String(data.clock),
        reference: String(data.reference),
        differenceMinutes: minutes,
      },
    });
  }
  const firstUnreadable = projected.unreadable[0];
  if (firstUnreadable !== undefined) {
    await flagSyncProblem(deviceCtx, terminal, {
      code: 'journal-entry-unreadable',
      seq: firstUnreadable.seq,
      details: { seq: firstUnreadable.seq, kind: firstUnreadable.kind },
    });
  }
  return {
    ok: true,
    head: newHead,
    stored: fresh.length,
    receipts: projected.receipts,
    zReports: projected.zReports,
  };
}

/**
 * The terminal's backlog once `acknowledgedSeq` is stored, from the register's head when it sent
 * the batch: nothing left clears the backlog's age too; some left keeps the age the last
 * heartbeat reported (the oldest entry not yet uploaded is not in the batch). Nothing without
 * the register's head, or with one below what it sent.
 */
function backlogAfter(
  localHeadSeq: number | undefined,
  acknowledgedSeq: number,
): Partial<typeof terminals.$inferInsert> {
  if (localHeadSeq === undefined || localHeadSeq < acknowledgedSeq) return {};
  const left = localHeadSeq - acknowledgedSeq;
  return left === 0 ? { unsyncedEntries: 0, oldestUnsyncedAt: null } : { unsyncedEntries: left };
}

/** Thrown inside the savepoint to roll the batch back when its chain does not verify. */
class BrokenChain extends Error {
  refusal: JournalRefusal | null = null;
  constructor() {
    super('the batch does not continue the chain');
  }
}

/** Flags the terminal with the refusal (its row is locked) and answers it. */
async function refuse(
  ctx: CommandContext,
  terminal: typeof terminals.$inferSelect,
  refusal: JournalRefusal,
): Promise<JournalRefusal> {
  const seq = refusal.code === 'journal-gap' ? refusal.receivedSeq : refusal.seq;
  await flagSyncProblem(ctx, terminal, {
    code: refusal.code,
    seq,
    details: refusalDetails(refusal),
  });
  return refusal;
}

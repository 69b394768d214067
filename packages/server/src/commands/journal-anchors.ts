/**
 * The server's copy of a terminal's journal as the anchor of the register's chain
 * (docs/adr/0011-journal-anchors.md). Every entry the server has acknowledged is stored and
 * never changes; a register's journal must contain each of them unchanged (SKVFS 2014:9 6 kap
 * 1 §: nothing registered may be changed or removed). The register reports its journal with
 * every heartbeat (its head, and its own hash at the seq the server acknowledged last), and the
 * server compares:
 *
 * - a register head below the acknowledged head: its journal was cut (journal-behind-server);
 * - another hash at an acknowledged seq: its journal was rewritten (journal-differs-from-server).
 *
 * Both flag the terminal (a sync problem, kept until an admin acknowledges it). A register that
 * restores its journal from the server's copy (a new PC, a lost data folder) while the previous
 * register had reported entries it never uploaded is flagged journal-entries-lost: those entries
 * are unknowable, and the restored register numbers its receipts after the highest number the
 * terminal reported, so no receipt number repeats.
 */
import { and, eq, sql } from 'drizzle-orm';
import { selectRows } from '../db/database.js';
import { journalEntries, terminals } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { flagSyncProblem } from './sync-problem.js';
import { lockTerminal } from './terminals.js';

/** The journal part of a heartbeat (contracts' heartbeatBodySchema). */
export interface ReportedJournal {
  headSeq: number;
  headHash: string | null;
  checkSeq: number;
  checkHash: string | null;
  lastReceiptNumber: number;
}

async function storedHash(
  ctx: CommandContext,
  terminalId: string,
  seq: number,
): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ hash: journalEntries.hash })
    .from(journalEntries)
    .where(
      and(
        eq(journalEntries.tenantId, ctx.tenantId),
        eq(journalEntries.terminalId, terminalId),
        eq(journalEntries.seq, seq),
      ),
    );
  return row?.hash ?? null;
}

/**
 * The highest sale/return receipt number in the server's copy (numbers grow with seq, so the
 * last receipt or skipped number of the series is the highest).
 */
async function highestStoredReceiptNumber(
  ctx: CommandContext,
  terminalId: string,
): Promise<number> {
  const [row] = await selectRows<{ n: unknown }>(
    ctx.tx,
    sql`SELECT CASE WHEN kind = 'receipt-number-skipped' THEN (data->>'receiptNumber')::bigint
        ELSE (data->'receipt'->>'receiptNumber')::bigint END AS n
      FROM journal_entries
      WHERE tenant_id = ${ctx.tenantId}::uuid AND terminal_id = ${terminalId}::uuid
        AND (kind IN ('sale', 'return')
          OR (kind = 'receipt-number-skipped' AND data->>'series' = 'receipt'))
      ORDER BY seq DESC LIMIT 1`,
  );
  const n = Number(row?.n ?? 0);
  return Number.isSafeInteger(n) ? n : 0;
}

/**
 * Compares the journal a register reports with the server's copy and flags the terminal when
 * they disagree; keeps the highest receipt number reported. Run it in a transaction.
 */
export async function checkReportedJournal(
  ctx: CommandContext,
  terminalId: string,
  journal: ReportedJournal,
): Promise<void> {
  const terminal = await lockTerminal(ctx, terminalId);
  if (terminal === null) return;
  const deviceCtx: CommandContext = {
    ...ctx,
    actor: { userId: null, name: `kassa ${terminal.registerId}` },
  };
  if (journal.lastReceiptNumber > (terminal.reportedReceiptNumber ?? 0)) {
    await ctx.tx
      .update(terminals)
      .set({ reportedReceiptNumber: journal.lastReceiptNumber })
      .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
  }
  const serverSeq = terminal.journalHeadSeq;
  if (journal.headSeq < serverSeq) {
    await flagSyncProblem(deviceCtx, terminal, {
      code: 'journal-behind-server',
      seq: journal.headSeq + 1,
      details: { serverSeq, localSeq: journal.headSeq },
    });
    return;
  }
  // The register's own hash at the seq the server acknowledged to it last.
  const seq = journal.checkSeq;
  if (seq <= 0 || seq > serverSeq) return;
  const stored = await storedHash(ctx, terminalId, seq);
  if (stored !== null && stored !== journal.checkHash) {
    await flagSyncProblem(deviceCtx, terminal, {
      code: 'journal-differs-from-server',
      seq,
      details: { seq },
    });
  }
}

/** The head of the server's copy for a register about to restore from it. */
export interface RestoreHead {
  seq: number;
  hash: string | null;
  /** The highest receipt number the terminal's registers reported (0: none). */
  reportedReceiptNumber: number;
  /** Entries the previous register reported but never uploaded. */
  lostEntries: number;
}

/**
 * The head for a restore: when the terminal's last report had entries not uploaded, they are
 * lost (the register restoring has none of them): the terminal is flagged journal-entries-lost
 * and its backlog starts again from the restored copy.
 */
export async function headForRestore(
  ctx: CommandContext,
  terminalId: string,
): Promise<RestoreHead | null> {
  const terminal = await lockTerminal(ctx, terminalId);
  if (terminal === null) return null;
  const lostEntries = terminal.unsyncedEntries ?? 0;
  const reportedReceiptNumber = terminal.reportedReceiptNumber ?? 0;
  const storedReceiptNumber = await highestStoredReceiptNumber(ctx, terminalId);
  if (lostEntries > 0 || reportedReceiptNumber > storedReceiptNumber) {
    await flagSyncProblem(
      { ...ctx, actor: { userId: null, name: `kassa ${terminal.registerId}` } },
      terminal,
      {
        code: 'journal-entries-lost',
        seq: terminal.journalHeadSeq + 1,
        details: {
          lostEntries,
          storedReceiptNumber,
          lastReceiptNumber: Math.max(reportedReceiptNumber, storedReceiptNumber),
          lostReceipts: Math.max(0, reportedReceiptNumber - storedReceiptNumber),
          acknowledgedSeq: terminal.journalHeadSeq,
        },
      },
    );
    await ctx.tx
      .update(terminals)
      .set({ unsyncedEntries: 0, oldestUnsyncedAt: null })
      .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
  }
  return {
    seq: terminal.journalHeadSeq,
    hash: terminal.journalHeadHash,
    reportedReceiptNumber,
    lostEntries,
  };
}

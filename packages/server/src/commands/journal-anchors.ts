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
import { and, eq } from 'drizzle-orm';
import { journalEntries, terminals } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { flagSyncProblem } from './journal-ingest.js';

/** The journal part of a heartbeat (contracts' heartbeatBodySchema). */
export interface ReportedJournal {
  headSeq: number;
  headHash: string | null;
  checkSeq: number;
  checkHash: string | null;
  lastReceiptNumber: number;
}

type TerminalRow = typeof terminals.$inferSelect;

async function lockTerminal(ctx: CommandContext, terminalId: string): Promise<TerminalRow | null> {
  const [row] = await ctx.tx
    .select()
    .from(terminals)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)))
    .for('update');
  return row ?? null;
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
  if (lostEntries > 0) {
    await flagSyncProblem(
      { ...ctx, actor: { userId: null, name: `kassa ${terminal.registerId}` } },
      terminal,
      {
        code: 'journal-entries-lost',
        seq: terminal.journalHeadSeq + 1,
        details: {
          lostEntries,
          lastReceiptNumber: reportedReceiptNumber,
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

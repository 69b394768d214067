/**
 * The server's copy of a terminal's journal (journal_entries) and what is stored with it: the
 * head on the terminal's row (locked while an upload is taken, so two server processes
 * receiving the same batch take turns; the primary key (tenant_id, terminal_id, seq) makes a
 * double insert impossible regardless), the entries exactly as uploaded, and the read models
 * projected from them (reports/sales-summary.ts), written in the same transaction.
 */
import { type SQL, and, asc, between, eq, sql } from 'drizzle-orm';
import type { UploadedEntry } from '@kassa/contracts';
import { bulkInsert } from '../db/bulk-insert.js';
import { selectRows, type Db, type Tx } from '../db/database.js';
import {
  journalEntries,
  salesSummary,
  terminalBindings,
  terminals,
  zReports,
} from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import type { Projection } from '../reports/sales-summary.js';

/** The acknowledged head of a terminal's journal on the server (seq 0: nothing yet). */
export async function readJournalHead(
  db: Db | Tx,
  tenantId: string,
  terminalId: string,
): Promise<{ seq: number; hash: string | null } | null> {
  const [row] = await db
    .select({ seq: terminals.journalHeadSeq, hash: terminals.journalHeadHash })
    .from(terminals)
    .where(and(eq(terminals.tenantId, tenantId), eq(terminals.id, terminalId)));
  return row ?? null;
}

/**
 * Locks the terminal's row and tells whether the device's binding is still its current one.
 * Removing a binding and connecting another PC lock the same row, so an upload that was
 * authenticated just before its binding was removed either commits before the removal (and a
 * new PC then sees its entries) or finds the binding removed here and stores nothing.
 */
export async function lockTerminalOfBinding(
  ctx: CommandContext,
  terminalId: string,
  bindingId: string,
): Promise<boolean> {
  await ctx.tx
    .select({ id: terminals.id })
    .from(terminals)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)))
    .for('update');
  const [binding] = await ctx.tx
    .select({ removedAt: terminalBindings.removedAt })
    .from(terminalBindings)
    .where(
      and(
        eq(terminalBindings.tenantId, ctx.tenantId),
        eq(terminalBindings.id, bindingId),
        eq(terminalBindings.terminalId, terminalId),
      ),
    );
  return binding !== undefined && binding.removedAt === null;
}

/** The entries of one terminal's journal copy. */
export function ofTerminalJournal(tenantId: string, terminalId: string): SQL | undefined {
  return and(eq(journalEntries.tenantId, tenantId), eq(journalEntries.terminalId, terminalId));
}

/**
 * The server's copy of a terminal's journal after `afterSeq`, at most `limit` entries and never
 * beyond `upTo` (the head read before, so a page never runs ahead of the head it is sent with),
 * each exactly as uploaded (`at` as hashed, `by` only when the register set it).
 */
export async function readJournalEntries(
  db: Db | Tx,
  tenantId: string,
  terminalId: string,
  range: { afterSeq: number; upTo: number; limit: number },
): Promise<UploadedEntry[]> {
  if (range.upTo <= range.afterSeq) return [];
  const rows = await db
    .select()
    .from(journalEntries)
    .where(
      and(
        ofTerminalJournal(tenantId, terminalId),
        between(journalEntries.seq, range.afterSeq + 1, range.upTo),
      ),
    )
    .orderBy(asc(journalEntries.seq))
    .limit(range.limit);
  return rows.map(uploadedEntryOf);
}

/** A stored row as the entry the register uploaded (`at` as hashed, `by` only when it was set). */
export function uploadedEntryOf(row: typeof journalEntries.$inferSelect): UploadedEntry {
  return {
    seq: row.seq,
    at: row.atText,
    kind: row.kind,
    ...(row.by === null ? {} : { by: row.by }),
    data: row.data,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/**
 * Inserts the entries after `afterSeq` of an upload's JSON text `{"entries":[…]}` into the
 * journal copy: PostgreSQL parses the text once and takes each entry's fields from it (`data`
 * as the register sent it, `at` also as its exact text). The caller has checked the entries
 * (parsed from the same text) and verifies their chain.
 */
export async function storeEntries(
  tx: Tx,
  terminal: { tenantId: string; terminalId: string; afterSeq: number; count: number },
  bodyJson: string,
): Promise<void> {
  const [stored] = await selectRows<{ n: unknown }>(
    tx,
    sql`WITH stored AS (
      INSERT INTO journal_entries
        (tenant_id, terminal_id, seq, at, at_text, kind, by, data, prev_hash, hash)
      SELECT ${terminal.tenantId}::uuid, ${terminal.terminalId}::uuid, (e->>'seq')::bigint,
        (e->>'at')::timestamptz, e->>'at', e->>'kind', e->>'by', e->'data', e->>'prevHash',
        e->>'hash'
      FROM jsonb_array_elements(${bodyJson}::jsonb->'entries') AS e
      WHERE (e->>'seq')::bigint > ${terminal.afterSeq}
      RETURNING 1)
    SELECT count(*) AS n FROM stored`,
  );
  // The text must hold exactly the entries checked: anything else is a bug, rolled back.
  if (Number(stored?.n) !== terminal.count) {
    throw new Error(`journal insert stored ${String(stored?.n)} of ${terminal.count} entries`);
  }
}

/** Adds a batch's sums to the stored ones (rows are per terminal: one writer at a time). */
const ADD_TO_SUMMARY = sql`ON CONFLICT ON CONSTRAINT sales_summary_pk DO UPDATE SET
  count = sales_summary.count + EXCLUDED.count,
  return_count = sales_summary.return_count + EXCLUDED.return_count,
  gross = sales_summary.gross + EXCLUDED.gross,
  vat = sales_summary.vat + EXCLUDED.vat,
  returns_gross = sales_summary.returns_gross + EXCLUDED.returns_gross,
  discounts = sales_summary.discounts + EXCLUDED.discounts,
  rounding = sales_summary.rounding + EXCLUDED.rounding,
  quantity = sales_summary.quantity + EXCLUDED.quantity,
  grams = sales_summary.grams OR EXCLUDED.grams,
  label = CASE WHEN EXCLUDED.label_seq > sales_summary.label_seq OR sales_summary.label_seq IS NULL
    THEN EXCLUDED.label ELSE sales_summary.label END,
  label_seq = GREATEST(sales_summary.label_seq, EXCLUDED.label_seq)`;

/** Adds a batch's summary to the stored one and archives its Z-reports. */
export async function writeReadModels(tx: Tx, projection: Projection): Promise<void> {
  await bulkInsert(tx, salesSummary, projection.summary, ADD_TO_SUMMARY);
  await bulkInsert(tx, zReports, projection.zRows);
}

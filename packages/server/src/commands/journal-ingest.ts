/**
 * Ingesting a register's journal upload: entries must continue the
 * server's copy of the chain exactly — seq = head + 1, prevHash = the head's hash, each hash
 * recomputed (SKVFS 2014:9 6 kap 1 §: nothing registered may be changed, removed or added to).
 * Entries at or below the head must be identical to what is stored (a retry is idempotent).
 * A gap, a broken chain or a conflicting entry stores nothing of the batch and flags the
 * terminal until an admin acknowledges it. The sales read models and the Z archive are written in
 * the same transaction as the entries, so reports never disagree with the journal copy.
 *
 * Concurrency: the terminal's row is locked (SELECT … FOR UPDATE) first, so two server processes
 * receiving the same batch take turns; the second sees the first's head and answers as a retry.
 * The primary key (tenant_id, terminal_id, seq) makes a double insert impossible regardless.
 */
import { createHash } from 'node:crypto';
import { and, between, eq, asc, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  type HashFunction,
  type JournalEntry,
  type JournalHead,
  canonicalJson,
  isIsoInstant,
  isValidBusinessDay,
  isVatRate,
  ore,
  vatOfGross,
  verifyJournal,
  type Failure,
} from '@kassa/core';
import type { SyncProblemCode, UploadedEntry } from '@kassa/contracts';
import { selectRows, type Tx, type Db } from '../db/database.js';
import { bulkInsert } from '../db/bulk-insert.js';
import {
  journalEntries,
  salesSummary,
  type SummaryDimension,
  type SummaryGrain,
  terminalBindings,
  terminals,
  zReports,
} from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { audit } from './audit.js';

/** SHA-256 as lowercase hex of the UTF-8 text: the journal's hash (as the register computes it). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The shop's time zone: business days and hours of day are Stockholm's. */
export const REPORT_TIME_ZONE = 'Europe/Stockholm';

export type JournalRefusal =
  | Failure<'journal-gap', { expectedSeq: number; receivedSeq: number }>
  | Failure<'journal-chain-broken', { seq: number; reason: string }>
  | Failure<'journal-conflict', { seq: number }>;

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
        eq(journalEntries.tenantId, tenantId),
        eq(journalEntries.terminalId, terminalId),
        between(journalEntries.seq, range.afterSeq + 1, range.upTo),
      ),
    )
    .orderBy(asc(journalEntries.seq))
    .limit(range.limit);
  return rows.map((row) => ({
    seq: row.seq,
    at: row.atText,
    kind: row.kind,
    ...(row.by === null ? {} : { by: row.by }),
    data: row.data,
    prevHash: row.prevHash,
    hash: row.hash,
  }));
}

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
  const [terminal] = await ctx.tx
    .select()
    .from(terminals)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)))
    .for('update');
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
      const summed = chain === null ? sumReadModels(ctx, terminal, fresh) : null;
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
 * Inserts the entries after `afterSeq` of an upload's JSON text `{"entries":[…]}` into the
 * journal copy: PostgreSQL parses the text once and takes each entry's fields from it (`data`
 * as the register sent it, `at` also as its exact text). The caller has checked the entries
 * (parsed from the same text) and verifies their chain.
 */
async function storeEntries(
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
async function checkSequence(
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
function verifyChain(
  head: { seq: number; hash: string | null },
  fresh: readonly UploadedEntry[],
  hash: HashFunction,
): JournalRefusal | null {
  const after: JournalHead | undefined =
    head.seq > 0 && head.hash !== null ? { seq: head.seq, hash: head.hash } : undefined;
  // An uploaded entry has the shape of a JournalEntry (contracts mirror core); its kind may be
  // one this server does not know, which the chain check does not depend on.
  const verified = verifyJournal(fresh as unknown as readonly JournalEntry[], hash, { after });
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

/**
 * Records a sync problem on the terminal (its row is locked by the caller). The same problem
 * again (the register retrying) counts up; a new one replaces it and is audit-logged.
 */
export async function flagSyncProblem(
  ctx: CommandContext,
  terminal: typeof terminals.$inferSelect,
  problem: { code: SyncProblemCode; seq: number; details: Record<string, unknown> },
): Promise<void> {
  const where = and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminal.id));
  if (terminal.syncProblemCode === problem.code && terminal.syncProblemSeq === problem.seq) {
    await ctx.tx
      .update(terminals)
      .set({
        lastContactAt: ctx.now,
        syncProblemLastAt: ctx.now,
        syncProblemCount: (terminal.syncProblemCount ?? 0) + 1,
        syncProblemDetails: problem.details,
      })
      .where(where);
    return;
  }
  await ctx.tx
    .update(terminals)
    .set({
      lastContactAt: ctx.now,
      syncProblemCode: problem.code,
      syncProblemSeq: problem.seq,
      syncProblemDetails: problem.details,
      syncProblemFirstAt: ctx.now,
      syncProblemLastAt: ctx.now,
      syncProblemCount: 1,
    })
    .where(where);
  await audit(ctx, {
    action: 'terminal.sync-problem',
    targetType: 'terminal',
    targetId: terminal.id,
    details: {
      registerId: terminal.registerId,
      code: problem.code,
      seq: problem.seq,
      ...problem.details,
    },
  });
}

// ---- Read models ----

const int = z.number().int().refine(Number.isSafeInteger);
const instant = z.string().refine(isIsoInstant);
const day = z.string().refine(isValidBusinessDay);

/** The parts of a receipt (@kassa/core Receipt) the read models take. */
const receiptSchema = z.object({
  kind: z.enum(['sale', 'return', 'copy', 'training', 'pro-forma']),
  issuedAt: instant,
  receiptNumber: int.min(1).max(2_147_483_647),
  businessDay: day,
  lines: z
    .array(
      z.object({
        lineNo: int.min(0).max(2_147_483_647),
        articleNumber: z.string(),
        text: z.string(),
        itemType: z.enum(['good', 'service']),
        group: z.string().optional(),
        unit: z.enum(['piece', 'gram']),
        quantity: int,
        unitPrice: int,
        vatRate: int.refine(isVatRate),
        discount: int,
        amount: int,
      }),
    )
    .refine((lines) => new Set(lines.map((l) => l.lineNo)).size === lines.length),
  discountTotal: int,
  total: int,
  vat: z
    .array(z.object({ rate: int.refine(isVatRate), gross: int, vat: int, net: int }))
    .refine((rows) => new Set(rows.map((r) => r.rate)).size === rows.length),
  payments: z.array(z.object({ method: z.string().min(1), amount: int })),
  rounding: int,
  controlUnitSerial: z.string().nullable(),
  controlCode: z.string().nullable(),
});

const zReportSchema = z
  .object({ zNumber: int.min(1).max(2_147_483_647), businessDay: day, producedAt: instant })
  .loose();

const HOUR_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: REPORT_TIME_ZONE,
  hour: '2-digit',
  hourCycle: 'h23',
});

const hourCache = new Map<string, number>();

/**
 * The hour of day (0–23) of an instant in Stockholm. Stockholm's offset from UTC is a whole
 * number of hours, so the answer depends only on the UTC hour, which is remembered.
 */
export function stockholmHour(date: Date): number {
  const utcHour = date.toISOString().slice(0, 13);
  let hour = hourCache.get(utcHour);
  if (hour === undefined) {
    const part = HOUR_FORMAT.formatToParts(date).find((p) => p.type === 'hour');
    hour = Number(part?.value ?? 0) % 24;
    if (hourCache.size >= 10_000) hourCache.clear();
    hourCache.set(utcHour, hour);
  }
  return hour;
}

type SummaryRow = typeof salesSummary.$inferInsert;

/**
 * A batch's sums per (dimension, grain, period, key) for one terminal and place: each receipt is
 * added to its business day's row; the month rows are summed from the day rows at the end.
 */
class SummaryBatch {
  private readonly days = new Map<string, SummaryRow>();
  constructor(
    private readonly base: { tenantId: string; terminalId: string; placeOfBusinessId: string },
  ) {}

  /** Adds one receipt's (or line's, payment's) sums to its business day's row of the key. */
  add(
    dimension: SummaryDimension,
    businessDay: string,
    key: string,
    kind: 'sale' | 'return',
    sums: Partial<
      Pick<
        SummaryRow,
        'gross' | 'vat' | 'returnsGross' | 'discounts' | 'rounding' | 'quantity' | 'grams'
      >
    >,
    label?: { text: string; seq: number },
  ): void {
    addInto(this.rowOf(this.days, dimension, 'day', businessDay, key), {
      count: kind === 'sale' ? 1 : 0,
      returnCount: kind === 'return' ? 1 : 0,
      ...sums,
      label: label?.text ?? null,
      labelSeq: label?.seq ?? null,
    });
  }

  /** The day rows, and the month rows summed from them. */
  rows(): SummaryRow[] {
    const months = new Map<string, SummaryRow>();
    for (const day of this.days.values()) {
      const month = `${day.period.slice(0, 8)}01`;
      addInto(this.rowOf(months, day.dimension, 'month', month, day.key), day);
    }
    return [...this.days.values(), ...months.values()];
  }

  private rowOf(
    rows: Map<string, SummaryRow>,
    dimension: SummaryDimension,
    grain: SummaryGrain,
    period: string,
    key: string,
  ): SummaryRow {
    const id = `${dimension}\u0000${period}\u0000${key}`;
    let row = rows.get(id);
    if (row === undefined) {
      row = {
        ...this.base,
        dimension,
        grain,
        period,
        key,
        count: 0,
        returnCount: 0,
        gross: 0,
        vat: 0,
        returnsGross: 0,
        discounts: 0,
        rounding: 0,
        quantity: 0,
        grams: false,
        label: null,
        labelSeq: null,
      };
      rows.set(id, row);
    }
    return row;
  }
}

/** Adds `sums` into `row`; the label of the later journal entry (greater seq) wins. */
function addInto(row: SummaryRow, sums: Partial<SummaryRow>): void {
  row.count += sums.count ?? 0;
  row.returnCount += sums.returnCount ?? 0;
  row.gross += sums.gross ?? 0;
  row.vat += sums.vat ?? 0;
  row.returnsGross += sums.returnsGross ?? 0;
  row.discounts += sums.discounts ?? 0;
  row.rounding += sums.rounding ?? 0;
  row.quantity += sums.quantity ?? 0;
  row.grams = row.grams || sums.grams === true;
  const seq = sums.labelSeq;
  if (
    seq !== null &&
    seq !== undefined &&
    (row.labelSeq === null || row.labelSeq === undefined || seq > row.labelSeq)
  ) {
    row.label = sums.label ?? null;
    row.labelSeq = seq;
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

/** The read models of a batch, summed in memory (sumReadModels), to be written (writeReadModels). */
interface Projection {
  readonly summary: readonly SummaryRow[];
  readonly zRows: readonly (typeof zReports.$inferInsert)[];
  readonly receipts: number;
  readonly zReports: number;
  /** Entries stored in the journal whose content the read models could not take. */
  readonly unreadable: readonly { seq: number; kind: string }[];
}

/**
 * The read models of new entries: the sales summary of sale and return receipts (training,
 * copies and pro forma are not sales), and Z-reports. An entry whose content cannot be read is
 * stored in the journal but left out here, and reported to the caller.
 */
function sumReadModels(
  ctx: CommandContext,
  terminal: { id: string; placeOfBusinessId: string },
  entries: readonly UploadedEntry[],
): Projection {
  const terminalId = terminal.id;
  const placeOfBusinessId = terminal.placeOfBusinessId;
  const summary = new SummaryBatch({ tenantId: ctx.tenantId, terminalId, placeOfBusinessId });
  const zRows: (typeof zReports.$inferInsert)[] = [];
  const unreadable: { seq: number; kind: string }[] = [];
  let receipts = 0;
  for (const entry of entries) {
    if (entry.kind === 'sale' || entry.kind === 'return') {
      const parsed = receiptSchema.safeParse(entry.data.receipt);
      if (!parsed.success || parsed.data.kind !== entry.kind) {
        unreadable.push({ seq: entry.seq, kind: entry.kind });
        continue;
      }
      receipts += 1;
      const r = parsed.data;
      const kind = entry.kind === 'sale' ? ('sale' as const) : ('return' as const);
      const day = r.businessDay;
      const gross = r.total;
      const vat = r.vat.reduce((acc, row) => acc + row.vat, 0);
      summary.add('total', day, '', kind, {
        gross,
        vat,
        returnsGross: kind === 'return' ? gross : 0,
        discounts: r.discountTotal,
        rounding: r.rounding,
      });
      const hour = String(stockholmHour(new Date(r.issuedAt))).padStart(2, '0');
      summary.add('hour', day, hour, kind, { gross, vat });
      summary.add('cashier', day, entry.by ?? '', kind, { gross, vat });
      for (const payment of r.payments) {
        summary.add('payment', day, payment.method, kind, { gross: payment.amount });
      }
      for (const row of r.vat) {
        summary.add('vat', day, String(row.rate), kind, { gross: row.gross, vat: row.vat });
      }
      for (const line of r.lines) {
        summary.add(
          'product',
          day,
          line.articleNumber,
          kind,
          {
            gross: line.amount,
            vat: vatOfGross(ore(line.amount), line.vatRate),
            quantity: line.quantity,
            grams: line.unit === 'gram',
          },
          { text: line.text, seq: entry.seq },
        );
      }
    } else if (entry.kind === 'z-report') {
      const parsed = zReportSchema.safeParse(entry.data.report);
      if (!parsed.success) {
        unreadable.push({ seq: entry.seq, kind: entry.kind });
        continue;
      }
      zRows.push({
        tenantId: ctx.tenantId,
        terminalId,
        seq: entry.seq,
        zNumber: parsed.data.zNumber,
        businessDay: parsed.data.businessDay,
        producedAt: new Date(parsed.data.producedAt),
        report: entry.data.report as Record<string, unknown>, // checked to be an object above
      });
    }
  }
  return {
    summary: summary.rows(),
    zRows,
    receipts,
    zReports: zRows.length,
    unreadable,
  };
}

/** Adds a batch's summary to the stored one and archives its Z-reports. */
async function writeReadModels(tx: Tx, projection: Projection): Promise<void> {
  await bulkInsert(tx, salesSummary, projection.summary, ADD_TO_SUMMARY);
  await bulkInsert(tx, zReports, projection.zRows);
}

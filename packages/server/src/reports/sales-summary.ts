/**
 * The read models of a terminal's journal, projected from uploaded entries without I/O: the sales
 * summary (ADR 0008: sums per dimension, business day and month, which the dashboard and the Z
 * archive queries read) and the Z-reports to archive. Sale and return receipts are sales;
 * training, copies and pro forma are not (docs/spec/sweden-regulation.md §0 item 9). The ingest
 * (commands/journal-ingest.ts) writes the projection in the transaction that stores the entries.
 */
import { isIsoInstant, isValidBusinessDay, ore, vatOfGross } from '@kassa/core';
import { journalReceiptFiguresSchema, type UploadedEntry } from '@kassa/contracts';
import { z } from 'zod';
import type { salesSummary, SummaryDimension, SummaryGrain, zReports } from '../db/schema.js';
import { stockholmHour } from './stockholm-hour.js';

export type SummaryRow = typeof salesSummary.$inferInsert;
type ZReportRow = typeof zReports.$inferInsert;

/** The terminal a batch of entries belongs to, and where it stands. */
export interface SummaryOwner {
  readonly tenantId: string;
  readonly terminalId: string;
  readonly placeOfBusinessId: string;
}

/** The read models of a batch, summed in memory, to be written by the ingest. */
export interface Projection {
  readonly summary: readonly SummaryRow[];
  readonly zRows: readonly ZReportRow[];
  readonly receipts: number;
  readonly zReports: number;
  /** Entries stored in the journal whose content the read models could not take. */
  readonly unreadable: readonly { seq: number; kind: string }[];
}

const zReportSchema = z
  .object({
    zNumber: z.number().int().refine(Number.isSafeInteger).min(1).max(2_147_483_647),
    businessDay: z.string().refine(isValidBusinessDay),
    producedAt: z.string().refine(isIsoInstant),
  })
  .loose();

/**
 * A batch's sums per (dimension, grain, period, key) for one terminal and place: each receipt is
 * added to its business day's row; the month rows are summed from the day rows at the end.
 */
class SummaryBatch {
  private readonly days = new Map<string, SummaryRow>();
  constructor(private readonly base: SummaryOwner) {}

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
        tenantId: this.base.tenantId,
        terminalId: this.base.terminalId,
        placeOfBusinessId: this.base.placeOfBusinessId,
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

/**
 * The read models of new entries: the sales summary of sale and return receipts, and Z-reports.
 * An entry whose content cannot be read is left out here and reported in `unreadable` (the
 * ingest stores it in the journal all the same and flags the terminal).
 */
export function projectEntries(owner: SummaryOwner, entries: readonly UploadedEntry[]): Projection {
  const summary = new SummaryBatch(owner);
  const zRows: ZReportRow[] = [];
  const unreadable: { seq: number; kind: string }[] = [];
  let receipts = 0;
  for (const entry of entries) {
    if (entry.kind === 'sale' || entry.kind === 'return') {
      const parsed = journalReceiptFiguresSchema.safeParse(entry.data.receipt);
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
        tenantId: owner.tenantId,
        terminalId: owner.terminalId,
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

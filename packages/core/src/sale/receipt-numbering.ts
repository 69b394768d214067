/**
 * Receipt and Z-report numbering from the journal (SKVFS 2014:9 6 kap 3 §, 7 kap 1 § d, 7 kap
 * 3 § c): numbers are never stored apart from the journal, so a crash cannot skip or repeat one.
 */
import { type Failure, type Result, fail, ok } from '../result.js';
import { type JournalEntry, type JournalEvent, receiptOf } from './journal.js';
import { type ReceiptSeries, receiptSeriesOf } from './receipt.js';

/**
 * The next number in `series`: the last receipt number of that series in the journal plus one,
 * or 1. Numbers are never stored apart from the journal, so a crash cannot skip or repeat one.
 */
export function nextReceiptNumber(entries: readonly JournalEvent[], series: ReceiptSeries): number {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i] as JournalEvent;
    if (entry.kind === 'receipt-number-skipped' && entry.data.series === series) {
      return entry.data.receiptNumber + 1;
    }
    const receipt = receiptOf(entry);
    if (receipt !== undefined && receiptSeriesOf(receipt.kind) === series) {
      return receipt.receiptNumber + 1;
    }
  }
  return 1;
}

/** The next Z-report number (löpnummer of the Z-dagrapport, 7 kap 3 § c). */
export function nextZNumber(entries: readonly JournalEvent[]): number {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const entry = entries[i] as JournalEvent;
    if (entry.kind === 'z-report') {
      return entry.data.report.zNumber + 1;
    }
  }
  return 1;
}

/** A numbering break, or a second copy of one receipt, found by `verifyNumbering`. */
export type NumberingFailure =
  | Failure<
      'numbering-broken',
      { seq: number; series: ReceiptSeries | 'z-report'; expected: number; found: number }
    >
  | Failure<'copy-repeated', { seq: number; receiptNumber: number }>;

/**
 * Checks that every receipt series and the Z series run 1, 2, 3 … without a gap or repeat,
 * and that no receipt has more than one copy (6 kap 3 §).
 */
export function verifyNumbering(entries: readonly JournalEntry[]): Result<null, NumberingFailure> {
  const last = new Map<ReceiptSeries | 'z-report', number>();
  const copied = new Set<number>();
  for (const entry of entries) {
    const receipt = receiptOf(entry);
    // A skipped number takes its place in the series (journaled gap, never reused).
    const skipped = entry.kind === 'receipt-number-skipped' ? entry.data : undefined;
    const series =
      skipped !== undefined
        ? skipped.series
        : receipt === undefined
          ? entry.kind === 'z-report'
            ? 'z-report'
            : undefined
          : receiptSeriesOf(receipt.kind);
    if (series === undefined) {
      continue;
    }
    const found =
      skipped !== undefined
        ? skipped.receiptNumber
        : entry.kind === 'z-report'
          ? entry.data.report.zNumber
          : (receipt?.receiptNumber ?? 0);
    const expected = (last.get(series) ?? 0) + 1;
    if (found !== expected) {
      return fail('numbering-broken', { seq: entry.seq, series, expected, found });
    }
    last.set(series, found);
    if (receipt?.kind === 'copy' && receipt.original !== null) {
      if (copied.has(receipt.original.receiptNumber)) {
        return fail('copy-repeated', {
          seq: entry.seq,
          receiptNumber: receipt.original.receiptNumber,
        });
      }
      copied.add(receipt.original.receiptNumber);
    }
  }
  return ok(null);
}

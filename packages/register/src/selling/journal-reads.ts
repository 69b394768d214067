/**
 * The engine's reads of the journal through its indexes (docs/adr/0012-journal-checkpoint-and-state.md):
 * what the X/Z of one business day, the days needing a Z and the control-unit ledger need,
 * without reading the whole journal. Each gives what the same function of @kassa/core computes
 * over every entry (packages/register/test/journal-state.test.ts compares them).
 */
import {
  type BusinessDay,
  type DayReportState,
  type JournalEntry,
  businessDayBounds,
  foldDayReport,
  startDayReport,
} from '@kassa/core';
import type { JournalStore } from './journal-store.js';

/**
 * The state of the X/Z of `day` (foldDayReport over the whole journal): the day's entries (by
 * the `at` index) and the Z-reports journaled since the day began (one of them may close it),
 * with the last Z (grand totals u–w, its number) and the open days from the kept state.
 */
export function dayReportState(
  store: JournalStore,
  day: BusinessDay,
  timeZone: string,
): DayReportState {
  const bounds = businessDayBounds(day, timeZone);
  const from = new Date(bounds.startMs).toISOString();
  const to = new Date(bounds.endMs).toISOString();
  const bySeq = new Map<number, JournalEntry>();
  for (const entry of store.entries({ from, to })) bySeq.set(entry.seq, entry);
  // A Z of the day is produced on it or later (entries are dated in journal order).
  for (const entry of store.entriesOfKind('z-report', { from })) bySeq.set(entry.seq, entry);
  const entries = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const folded = foldDayReport(startDayReport(day, timeZone), entries);
  const lastZ = store.receipt('z', store.nextNumber('z') - 1);
  return {
    ...folded,
    lastZ:
      lastZ?.kind === 'z-report'
        ? {
            zNumber: lastZ.data.report.zNumber,
            businessDay: lastZ.data.report.businessDay,
            grandTotals: lastZ.data.report.grandTotals,
          }
        : null,
    openDays: store.openDays(),
  };
}

const SERIES = ['receipt', 'copy', 'training', 'pro-forma'] as const;

/**
 * The entries the control-unit ledger (control-unit-request.ts) needs, in journal order: per
 * series, from the first request of the number requested last (a resend repeats the number),
 * the requests, answers and skipped numbers after it, the series' receipts from that number on,
 * and the first Z after it. Folding these gives the ledger that folding every entry gives: an
 * earlier number's doubt is settled (its receipt, or skipped) before another number is requested.
 */
export function controlUnitLedgerEntries(store: JournalStore): JournalEntry[] {
  const bySeq = new Map<number, JournalEntry>();
  const add = (entries: readonly JournalEntry[]) => {
    for (const entry of entries) bySeq.set(entry.seq, entry);
  };
  for (const series of SERIES) {
    const [latest] = store.controlUnitRequests(series, { limit: 1 });
    if (latest?.kind !== 'control-unit-request') continue;
    const number = latest.data.receiptNumber;
    let first = latest;
    for (;;) {
      const [before] = store.controlUnitRequests(series, { beforeSeq: first.seq, limit: 1 });
      if (before?.kind !== 'control-unit-request' || before.data.receiptNumber !== number) break;
      first = before;
    }
    const after = first.seq - 1;
    add(store.controlUnitRequests(series, { afterSeq: after }));
    const answers = store.entriesOfKind('control-unit-answer', { afterSeq: after });
    add(answers);
    add(store.entriesOfKind('receipt-number-skipped', { afterSeq: after }));
    add(store.receiptsFrom(series, number).filter((e) => e.seq > after));
    // A Z after a number fell in doubt closes its day (the doubt can no longer be resent).
    for (const answer of answers) {
      if (answer.kind === 'control-unit-answer' && answer.data.outcome === 'unknown') {
        add(store.entriesOfKind('z-report', { afterSeq: answer.seq, limit: 1 }));
      }
    }
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

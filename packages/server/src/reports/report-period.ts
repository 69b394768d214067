/**
 * The period of a report: business days `from`–`to`, both included, at most MAX_REPORT_DAYS, and
 * how it is read from `sales_summary` (docs/adr/0008): the whole calendar months in it from month
 * rows, the days around them from day rows.
 */
import { MAX_REPORT_DAYS, type SalesReportFilter } from '@kassa/contracts';
import { type Failure, addDays, fail } from '@kassa/core';

export type ReportPeriodFailure = Failure<'report-period-invalid', { maxDays: number }>;

/** The number of days from `from` to `to`, both included (0 or less when `to` is before `from`). */
export function daysIn(from: string, to: string): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** Checks a filter's period; a place or terminal that is not a UUID matches nothing. */
export function checkPeriod(filter: SalesReportFilter): ReportPeriodFailure | null {
  const days = daysIn(filter.from, filter.to);
  if (!(days >= 1 && days <= MAX_REPORT_DAYS)) {
    return fail('report-period-invalid', { maxDays: MAX_REPORT_DAYS });
  }
  return null;
}

/** A run of summary rows of one grain: periods `from`–`to` (month rows: their first days). */
export interface PeriodRange {
  readonly grain: 'day' | 'month';
  readonly from: string;
  readonly to: string;
}

const firstOfMonth = (day: string) => `${day.slice(0, 8)}01`;
const firstOfNextMonth = (day: string) => addDays(`${day.slice(0, 8)}28`, 4).slice(0, 8) + '01';

/**
 * The period `from`–`to` as summary rows: the whole calendar months in it from month rows, the
 * days before and after them from day rows.
 */
export function periodRanges(from: string, to: string): PeriodRange[] {
  const firstMonth = from.endsWith('-01') ? from : firstOfNextMonth(from);
  // The first day after the last whole month.
  const afterMonths = addDays(to, 1).endsWith('-01') ? addDays(to, 1) : firstOfMonth(to);
  if (firstMonth >= afterMonths) return [{ grain: 'day', from, to }];
  const ranges: PeriodRange[] = [];
  if (from < firstMonth) ranges.push({ grain: 'day', from, to: addDays(firstMonth, -1) });
  ranges.push({ grain: 'month', from: firstMonth, to: firstOfMonth(addDays(afterMonths, -1)) });
  if (afterMonths <= to) ranges.push({ grain: 'day', from: afterMonths, to });
  return ranges;
}

/**
 * What every query over `sales_summary s` shares: the WHERE clause of a report's filter (its
 * period's day and month rows, a place or terminal), the sums of a group and the report row they
 * make. Amounts are integer öre incl. VAT; returns are negative, so every `gross` is net of
 * returns.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { SalesReportFilter, SalesReportRow } from '@kassa/contracts';
import { SIMULATED_SERIAL_PREFIX } from '@kassa/core';
import { toInt } from '../db/database.js';
import type { SummaryDimension } from '../db/schema.js';
import { isUuid } from '../ids.js';
import { type PeriodRange, periodRanges } from './report-period.js';

/**
 * The WHERE clause of a filter over `sales_summary s` rows of one dimension: the period's day
 * and month rows (or only day rows with `days`), and the place or terminal if given.
 */
export function whereOf(
  tenantId: string,
  filter: ReportFilter,
  dimension: SummaryDimension,
  options: { days?: boolean } = {},
): SQL {
  const ranges: readonly PeriodRange[] =
    options.days === true || filter.excludeSimulated === true
      ? [{ grain: 'day', from: filter.from, to: filter.to }]
      : periodRanges(filter.from, filter.to);
  const periods = ranges.map(
    (r) => sql`(s.grain = ${r.grain} AND s.period BETWEEN ${r.from}::date AND ${r.to}::date)`,
  );
  const parts: SQL[] = [
    sql`s.tenant_id = ${tenantId}`,
    sql`s.dimension = ${dimension}`,
    sql`(${sql.join(periods, sql` OR `)})`,
  ];
  // An id that is not a UUID names nothing: compare with NULL, which matches no row.
  if (filter.placeId !== undefined) {
    const placeId = isUuid(filter.placeId) ? filter.placeId : null;
    parts.push(sql`s.place_of_business_id = ${placeId}::uuid`);
  }
  if (filter.terminalId !== undefined) {
    const terminalId = isUuid(filter.terminalId) ? filter.terminalId : null;
    parts.push(sql`s.terminal_id = ${terminalId}::uuid`);
  }
  if (filter.excludeSimulated === true) {
    // Without the terminal-days that hold receipts a simulated control unit signed (as SIE
    // leaves their Z out: docs/domain/sie-export.md); day rows only, so a day is left out whole.
    parts.push(sql`NOT EXISTS (SELECT 1 FROM journal_entries j
      WHERE j.tenant_id = s.tenant_id AND j.terminal_id = s.terminal_id
        AND j.kind IN ('sale', 'return')
        AND j.at >= (s.period::timestamp AT TIME ZONE 'Europe/Stockholm')
        AND j.at < ((s.period + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')
        AND j.data->'receipt'->>'controlUnitSerial' LIKE ${`${SIMULATED_SERIAL_PREFIX}%`})`);
  }
  return sql.join(parts, sql` AND `);
}

/** A report's filter; `excludeSimulated` (the CSV export) leaves simulated terminal-days out. */
export type ReportFilter = SalesReportFilter & { readonly excludeSimulated?: boolean };

export interface RawRow {
  key: string | number | null;
  label: string | null;
  count: unknown;
  return_count: unknown;
  gross: unknown;
  vat: unknown;
  quantity?: unknown;
  grams?: boolean | null;
}

export function rowOf(raw: RawRow, withVat: boolean): SalesReportRow {
  const gross = toInt(raw.gross);
  const vat = toInt(raw.vat);
  const key = raw.key === null ? '' : String(raw.key);
  return {
    key,
    label: raw.label ?? key,
    count: toInt(raw.count),
    returnCount: toInt(raw.return_count),
    gross,
    vat: withVat ? vat : null,
    net: withVat ? gross - vat : null,
  };
}

export const SUMS = sql`
  coalesce(sum(s.count), 0) AS count,
  coalesce(sum(s.return_count), 0) AS return_count,
  coalesce(sum(s.gross), 0) AS gross,
  coalesce(sum(s.vat), 0) AS vat`;

export function emptyRow(key: string, label: string): SalesReportRow {
  return { key, label, count: 0, returnCount: 0, gross: 0, vat: 0, net: 0 };
}

/**
 * Sales reports and the Z-report archive over the read models that journal ingest writes
 *. Every function is scoped to one environment (tenant) and reads
 * nothing else; the dashboard routes and the CSV exports call these.
 *
 * Amounts are integer öre incl. VAT; returns are negative, so every `gross` is net of returns.
 * Filters are business days (Europe/Stockholm) `from`–`to`, both included, and optionally one
 * place of business or one terminal. The figures come from `sales_summary` (docs/adr/0008):
 * whole calendar months of the period from its month rows, the days around them from its day
 * rows, so a year is read as a few thousand rows.
 */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import {
  MAX_REPORT_DAYS,
  type SalesGrouping,
  type SalesReport,
  type SalesReportFilter,
  type SalesReportRow,
  type SalesTotals,
  type ZReportAnswer,
  type ZReportSummary,
} from '@kassa/contracts';
import {
  SHOP_TIME_ZONE,
  SIMULATED_SERIAL_PREFIX,
  addDays,
  businessDayBounds,
  type Failure,
  type Result,
  fail,
  ok,
} from '@kassa/core';
import { selectRows, type Db, type Tx } from '../db/database.js';
import { type SummaryDimension, terminals, zReports } from '../db/schema.js';
import { isUuid } from '../ids.js';

export type ReportPeriodFailure = Failure<'report-period-invalid', { maxDays: number }>;

/** Labels of payment methods (the web app may translate by key). */
const PAYMENT_LABELS: Record<string, string> = { cash: 'Kontant', card: 'Kort', swish: 'Swish' };

/** Converts an int8/numeric from either driver (string, bigint or number) to a safe integer. */
function toInt(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'bigint') {
    throw new TypeError(`not a number: ${typeof value}`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a safe integer: ${String(value)}`);
  return n;
}

/** The number of days from `from` to `to`, both included (0 or less when `to` is before `from`). */
function daysIn(from: string, to: string): number {
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
interface PeriodRange {
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

/**
 * The WHERE clause of a filter over `sales_summary s` rows of one dimension: the period's day
 * and month rows (or only day rows with `days`), and the place or terminal if given.
 */
function whereOf(
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
type ReportFilter = SalesReportFilter & { readonly excludeSimulated?: boolean };

interface RawRow {
  key: string | number | null;
  label: string | null;
  count: unknown;
  return_count: unknown;
  gross: unknown;
  vat: unknown;
  quantity?: unknown;
  grams?: boolean | null;
}

function rowOf(raw: RawRow, withVat: boolean): SalesReportRow {
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

const SUMS = sql`
  coalesce(sum(s.count), 0) AS count,
  coalesce(sum(s.return_count), 0) AS return_count,
  coalesce(sum(s.gross), 0) AS gross,
  coalesce(sum(s.vat), 0) AS vat`;

/** The period's totals over sale and return receipts. */
export async function salesTotals(
  db: Db | Tx,
  tenantId: string,
  filter: ReportFilter,
): Promise<SalesTotals> {
  const [row] = await selectRows<Record<string, unknown>>(
    db,
    sql`SELECT
      coalesce(sum(s.count), 0) AS receipts,
      coalesce(sum(s.return_count), 0) AS returns,
      coalesce(sum(s.gross), 0) AS gross,
      coalesce(sum(s.vat), 0) AS vat,
      coalesce(sum(s.returns_gross), 0) AS returns_gross,
      coalesce(sum(s.discounts), 0) AS discounts,
      coalesce(sum(s.rounding), 0) AS rounding
    FROM sales_summary s WHERE ${whereOf(tenantId, filter, 'total')}`,
  );
  const gross = toInt(row?.gross);
  const vat = toInt(row?.vat);
  return {
    receipts: toInt(row?.receipts),
    returns: toInt(row?.returns),
    gross,
    vat,
    net: gross - vat,
    returnsGross: -toInt(row?.returns_gross),
    discounts: toInt(row?.discounts),
    rounding: toInt(row?.rounding),
  };
}

/** Every day of the period, with zeros where nothing was sold, oldest first. */
async function byDay(db: Db | Tx, tenantId: string, filter: ReportFilter) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT s.period::text AS key, ${SUMS}
    FROM sales_summary s WHERE ${whereOf(tenantId, filter, 'total', { days: true })}
    GROUP BY s.period`,
  );
  const found = new Map(rows.map((r) => [String(r.key), rowOf(r, true)]));
  const out: SalesReportRow[] = [];
  for (let day = filter.from; day <= filter.to; day = addDays(day, 1)) {
    out.push(found.get(day) ?? emptyRow(day, day));
  }
  return out;
}

/** Hours 00–23 of the day in Stockholm, with zeros where nothing was sold. */
async function byHour(db: Db | Tx, tenantId: string, filter: ReportFilter) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT s.key, ${SUMS}
    FROM sales_summary s WHERE ${whereOf(tenantId, filter, 'hour')}
    GROUP BY s.key`,
  );
  const found = new Map(rows.map((r) => [String(r.key), r]));
  return Array.from({ length: 24 }, (_, hour) => {
    const key = String(hour).padStart(2, '0');
    const raw = found.get(key);
    const label = `${key}:00`;
    return raw ? { ...rowOf(raw, true), key, label } : emptyRow(key, label);
  });
}

function emptyRow(key: string, label: string): SalesReportRow {
  return { key, label, count: 0, returnCount: 0, gross: 0, vat: 0, net: 0 };
}

async function byPlace(db: Db | Tx, tenantId: string, filter: ReportFilter) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT s.place_of_business_id::text AS key, p.name AS label, ${SUMS}
    FROM sales_summary s
    JOIN places_of_business p ON p.tenant_id = s.tenant_id AND p.id = s.place_of_business_id
    WHERE ${whereOf(tenantId, filter, 'total')}
    GROUP BY s.place_of_business_id, p.name
    ORDER BY gross DESC, label`,
  );
  return rows.map((r) => rowOf(r, true));
}

async function byTerminal(db: Db | Tx, tenantId: string, filter: ReportFilter) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT s.terminal_id::text AS key, t.name || ' (' || t.register_id || ')' AS label,
      ${SUMS}
    FROM sales_summary s
    JOIN terminals t ON t.tenant_id = s.tenant_id AND t.id = s.terminal_id
    WHERE ${whereOf(tenantId, filter, 'total')}
    GROUP BY s.terminal_id, t.name, t.register_id
    ORDER BY gross DESC, label`,
  );
  return rows.map((r) => rowOf(r, true));
}

/** Per cashier (the journal's signed-in username), labelled with the user's display name. */
async function byCashier(db: Db | Tx, tenantId: string, filter: ReportFilter, limit: number) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT c.key, coalesce(u.display_name, nullif(c.key, ''), '(okänd)') AS label,
      c.count, c.return_count, c.gross, c.vat
    FROM (SELECT s.key, ${SUMS} FROM sales_summary s
      WHERE ${whereOf(tenantId, filter, 'cashier')} GROUP BY s.key) c
    LEFT JOIN users u ON u.tenant_id = ${tenantId} AND u.username = c.key
    ORDER BY gross DESC, label
    LIMIT ${limit}`,
  );
  return rows.map((r) => rowOf(r, true));
}

/** Per payment method: what each method took in, net of refunds (no VAT of its own). */
async function byPayment(db: Db | Tx, tenantId: string, filter: ReportFilter) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT s.key, NULL AS label, ${SUMS}
    FROM sales_summary s WHERE ${whereOf(tenantId, filter, 'payment')}
    GROUP BY s.key
    ORDER BY gross DESC, key`,
  );
  return rows.map((r) => {
    const row = rowOf(r, false);
    return { ...row, label: PAYMENT_LABELS[row.key] ?? row.key };
  });
}

/** Per VAT rate (the receipts' own split: gross = net + vat per rate), highest rate first. */
async function byVat(db: Db | Tx, tenantId: string, filter: ReportFilter) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT s.key, NULL AS label, ${SUMS}
    FROM sales_summary s WHERE ${whereOf(tenantId, filter, 'vat')}
    GROUP BY s.key
    ORDER BY s.key::integer DESC`,
  );
  return rows.map((r) => {
    const row = rowOf(r, true);
    const rate = toInt(r.key);
    return { ...row, key: String(rate), label: `${rate / 100} %` };
  });
}

/**
 * Per article number: lines sold and returned, amount, VAT per line (rounded per line, so the
 * sum may differ by an öre or so from the receipts' VAT per rate), quantity; labelled with the
 * latest article text. A weighed article's quantity is in grams.
 */
async function byProduct(db: Db | Tx, tenantId: string, filter: ReportFilter, limit: number) {
  const rows = await selectRows<RawRow>(
    db,
    sql`SELECT s.key,
      -- The text on the latest line: the greatest (period, grain, seq), without a sort.
      (max(ARRAY[s.period::text, s.grain, lpad(s.label_seq::text, 19, '0'), s.label]))[4] AS label,
      ${SUMS},
      coalesce(sum(s.quantity), 0) AS quantity,
      bool_or(s.grams) AS grams
    FROM sales_summary s WHERE ${whereOf(tenantId, filter, 'product')}
    GROUP BY s.key
    ORDER BY gross DESC, s.key
    LIMIT ${limit}`,
  );
  return rows.map((r) => ({
    ...rowOf(r, true),
    quantity: toInt(r.quantity),
    unit: r.grams === true ? ('gram' as const) : ('piece' as const),
  }));
}

/** The rows of a sales report grouped by `groupBy`. */
export async function salesReportRows(
  db: Db | Tx,
  tenantId: string,
  filter: ReportFilter,
  groupBy: SalesGrouping,
  limit = 1000,
): Promise<SalesReportRow[]> {
  switch (groupBy) {
    case 'day':
      return byDay(db, tenantId, filter);
    case 'hour':
      return byHour(db, tenantId, filter);
    case 'place':
      return byPlace(db, tenantId, filter);
    case 'terminal':
      return byTerminal(db, tenantId, filter);
    case 'payment':
      return byPayment(db, tenantId, filter);
    case 'vat':
      return byVat(db, tenantId, filter);
    case 'product':
      return byProduct(db, tenantId, filter, limit);
    case 'cashier':
      return byCashier(db, tenantId, filter, limit);
  }
}

/** A sales report: the period's totals and its rows grouped by `groupBy`. */
export async function salesReport(
  db: Db | Tx,
  tenantId: string,
  query: ReportFilter & { groupBy: SalesGrouping; limit?: number },
): Promise<Result<SalesReport, ReportPeriodFailure>> {
  const filter: ReportFilter = {
    from: query.from,
    to: query.to,
    ...(query.placeId === undefined ? {} : { placeId: query.placeId }),
    ...(query.terminalId === undefined ? {} : { terminalId: query.terminalId }),
    ...(query.excludeSimulated === true ? { excludeSimulated: true } : {}),
  };
  const refused = checkPeriod(filter);
  if (refused) return refused;
  const [totals, rows, simulated] = await Promise.all([
    salesTotals(db, tenantId, filter),
    salesReportRows(db, tenantId, filter, query.groupBy, query.limit),
    simulatedReceipts(db, tenantId, filter),
  ]);
  return ok({
    from: filter.from,
    to: filter.to,
    groupBy: query.groupBy,
    totals,
    rows,
    ...(simulated > 0 ? { simulatedReceipts: simulated } : {}),
  });
}

/**
 * The sale and return receipts of the period signed by a simulated control unit (serial prefix
 * SIMULATED_SERIAL_PREFIX), from the journal copy: the report includes them, and says so.
 */
async function simulatedReceipts(
  db: Db | Tx,
  tenantId: string,
  filter: SalesReportFilter,
): Promise<number> {
  if (filter.terminalId !== undefined && !isUuid(filter.terminalId)) return 0;
  if (filter.placeId !== undefined && !isUuid(filter.placeId)) return 0;
  const from = new Date(businessDayBounds(filter.from, SHOP_TIME_ZONE).startMs).toISOString();
  const to = new Date(businessDayBounds(filter.to, SHOP_TIME_ZONE).endMs).toISOString();
  const [row] = await selectRows<{ n: unknown }>(
    db,
    sql`SELECT count(*)::int AS n FROM journal_entries j
      JOIN terminals t ON t.tenant_id = j.tenant_id AND t.id = j.terminal_id
      WHERE j.tenant_id = ${tenantId} AND j.kind IN ('sale', 'return')
        AND j.at >= ${from}::timestamptz AND j.at < ${to}::timestamptz
        AND j.data->'receipt'->>'controlUnitSerial' LIKE ${`${SIMULATED_SERIAL_PREFIX}%`}
        ${filter.terminalId === undefined ? sql`` : sql`AND j.terminal_id = ${filter.terminalId}`}
        ${filter.placeId === undefined ? sql`` : sql`AND t.place_of_business_id = ${filter.placeId}`}`,
  );
  return toInt(row?.n ?? 0);
}

/** A figure of a journaled Z-report (`report->>'name'`), 0 when absent. */
const zFigure = (path: SQL) => sql<string | number | null>`(${zReports.report}${path})`;

/** The Z-report archive, newest business day first; optionally one terminal and a period. */
export async function listZReports(
  db: Db | Tx,
  tenantId: string,
  query: { terminalId?: string; from?: string; to?: string; limit?: number },
): Promise<ZReportSummary[]> {
  if (query.terminalId !== undefined && !isUuid(query.terminalId)) return [];
  const rows = await db
    .select({
      terminalId: zReports.terminalId,
      terminalName: terminals.name,
      registerId: terminals.registerId,
      zNumber: zReports.zNumber,
      businessDay: zReports.businessDay,
      producedAt: zReports.producedAt,
      salesTotal: zFigure(sql.raw(`->>'salesTotal'`)),
      returnsTotal: zFigure(sql.raw(`->'returns'->>'amount'`)),
      netTotal: zFigure(sql.raw(`->>'netTotal'`)),
      receiptCount: zFigure(sql.raw(`->>'receiptCount'`)),
      simulatedReceipts: zFigure(sql.raw(`->>'simulatedReceipts'`)),
    })
    .from(zReports)
    .innerJoin(
      terminals,
      and(eq(terminals.tenantId, zReports.tenantId), eq(terminals.id, zReports.terminalId)),
    )
    .where(
      and(
        eq(zReports.tenantId, tenantId),
        query.terminalId === undefined ? undefined : eq(zReports.terminalId, query.terminalId),
        query.from === undefined ? undefined : gte(zReports.businessDay, query.from),
        query.to === undefined ? undefined : lte(zReports.businessDay, query.to),
      ),
    )
    .orderBy(desc(zReports.businessDay), asc(terminals.name), desc(zReports.zNumber))
    .limit(query.limit ?? 1000);
  return rows.map((r) => ({
    terminalId: r.terminalId,
    terminalName: r.terminalName,
    registerId: r.registerId,
    zNumber: r.zNumber,
    businessDay: r.businessDay,
    producedAt: r.producedAt.toISOString(),
    salesTotal: toInt(r.salesTotal),
    returnsTotal: toInt(r.returnsTotal),
    netTotal: toInt(r.netTotal),
    receiptCount: toInt(r.receiptCount),
    ...(toInt(r.simulatedReceipts) > 0 ? { simulatedReceipts: toInt(r.simulatedReceipts) } : {}),
  }));
}

/** One archived Z-report of a terminal by its number, as journaled; null when there is none. */
export async function readZReport(
  db: Db | Tx,
  tenantId: string,
  terminalId: string,
  zNumber: number,
): Promise<ZReportAnswer | null> {
  if (!isUuid(terminalId) || !Number.isSafeInteger(zNumber)) return null;
  const [row] = await db
    .select({ z: zReports, terminalName: terminals.name, registerId: terminals.registerId })
    .from(zReports)
    .innerJoin(
      terminals,
      and(eq(terminals.tenantId, zReports.tenantId), eq(terminals.id, zReports.terminalId)),
    )
    .where(
      and(
        eq(zReports.tenantId, tenantId),
        eq(zReports.terminalId, terminalId),
        eq(zReports.zNumber, zNumber),
      ),
    )
    // Z numbers are unique per register (the register checks its numbering); the last wins.
    .orderBy(desc(zReports.seq))
    .limit(1);
  if (!row) return null;
  return {
    terminalId: row.z.terminalId,
    terminalName: row.terminalName,
    registerId: row.registerId,
    zNumber: row.z.zNumber,
    businessDay: row.z.businessDay,
    producedAt: row.z.producedAt.toISOString(),
    seq: row.z.seq,
    report: row.z.report,
  };
}

/**
 * Sales reports over the read models that journal ingest writes. Every function is scoped to one
 * environment (tenant) and reads nothing else; the dashboard routes and the CSV exports call
 * these.
 *
 * Amounts are integer öre incl. VAT; returns are negative, so every `gross` is net of returns.
 * Filters are business days (Europe/Stockholm) `from`–`to`, both included, and optionally one
 * place of business or one terminal. The figures come from `sales_summary` (docs/adr/0008):
 * whole calendar months of the period from its month rows, the days around them from its day
 * rows, so a year is read as a few thousand rows (report-period.ts, summary-query.ts).
 */
import { sql } from 'drizzle-orm';
import type {
  SalesGrouping,
  SalesReport,
  SalesReportFilter,
  SalesReportRow,
  SalesTotals,
} from '@kassa/contracts';
import {
  SHOP_TIME_ZONE,
  SIMULATED_SERIAL_PREFIX,
  addDays,
  businessDayBounds,
  type Result,
  ok,
} from '@kassa/core';
import { type Db, type Tx, selectRows, toInt } from '../db/database.js';
import { isUuid } from '../ids.js';
import { type ReportPeriodFailure, checkPeriod } from './report-period.js';
import { type RawRow, type ReportFilter, SUMS, emptyRow, rowOf, whereOf } from './summary-query.js';

/** Labels of payment methods (the web app may translate by key). */
const PAYMENT_LABELS: Record<string, string> = { cash: 'Kontant', card: 'Kort', swish: 'Swish' };

/** The period's totals over sale and return receipts. */
async function salesTotals(
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

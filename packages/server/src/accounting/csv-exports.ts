/**
 * CSV exports of the reports: `sales.csv` has exactly the rows of
 * `GET /api/reports/sales` for the same query; `z.csv` has one row per archived Z-report of a
 * period with its key figures. Swedish headers; see csv.ts for the format. Reads only.
 */
import type { SalesCsvQuery, SalesGrouping, SalesReportRow, ZCsvQuery } from '@kassa/contracts';
import { VAT_RATES, type VatRate, SHOP_TIME_ZONE } from '@kassa/core';
import { eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { tenants } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { checkPeriod } from '../reports/report-period.js';
import { salesReport } from '../reports/sales-reports.js';
import { type CsvCell, count, csvFile, decimal, kronor, text } from './csv.js';
import { type ZFigures, archivedZReports, checkFilterIds, forAccounting } from './z-archive.js';

/** A CSV file ready to send. */
export interface CsvDownload {
  filename: string;
  bytes: Buffer;
  rows: number;
  /** Z-reports left out / included that hold simulated receipts (the Z CSV only). */
  simulatedLeftOut?: number;
  simulatedIncluded?: number;
}

async function slugOf(db: Db | Tx, tenantId: string): Promise<string> {
  const [tenant] = await db
    .select({ slug: tenants.slug })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error('environment vanished');
  return tenant.slug;
}

interface Grouping {
  /** In the file name. */
  name: string;
  keyHeaders: string[];
  keyCells: (row: SalesReportRow) => CsvCell[];
  countHeaders: [string, string];
}

const RECEIPTS: [string, string] = ['Kvitton', 'Returkvitton'];

const GROUPINGS: Record<SalesGrouping, Grouping> = {
  day: {
    name: 'dag',
    keyHeaders: ['Datum'],
    keyCells: (r) => [text(r.key)],
    countHeaders: RECEIPTS,
  },
  hour: {
    name: 'timme',
    keyHeaders: ['Timme'],
    keyCells: (r) => [text(r.label)],
    countHeaders: RECEIPTS,
  },
  place: {
    name: 'forsaljningsstalle',
    keyHeaders: ['Försäljningsställe', 'Försäljningsställe-id'],
    keyCells: (r) => [text(r.label), text(r.key)],
    countHeaders: RECEIPTS,
  },
  terminal: {
    name: 'terminal',
    keyHeaders: ['Terminal', 'Terminal-id'],
    keyCells: (r) => [text(r.label), text(r.key)],
    countHeaders: RECEIPTS,
  },
  cashier: {
    name: 'kassor',
    keyHeaders: ['Kassör', 'Användarnamn'],
    keyCells: (r) => [text(r.label), text(r.key)],
    countHeaders: RECEIPTS,
  },
  payment: {
    name: 'betalsatt',
    keyHeaders: ['Betalsätt'],
    keyCells: (r) => [text(r.label)],
    countHeaders: ['Betalningar', 'Återbetalningar'],
  },
  vat: {
    name: 'moms',
    keyHeaders: ['Momssats'],
    keyCells: (r) => [text(r.label)],
    countHeaders: RECEIPTS,
  },
  product: {
    name: 'artikel',
    keyHeaders: ['Artikelnummer', 'Benämning'],
    keyCells: (r) => [text(r.key), text(r.label)],
    countHeaders: ['Sålda rader', 'Returnerade rader'],
  },
};

/**
 * The sales report of `query` as CSV: the grouping's key columns, the counts, the amount incl.
 * VAT, the VAT and the amount excl. VAT (empty for payment methods), and for products the
 * quantity ("st", or "kg" with three decimals for weighed goods).
 */
export async function salesCsv(
  db: Db | Tx,
  tenantId: string,
  query: SalesCsvQuery,
): Promise<CsvDownload> {
  const period = checkPeriod(query);
  if (period) throw new ApiError(period.code, { maxDays: period.maxDays });
  await checkFilterIds(db, tenantId, query);
  // Terminal-days with receipts of a simulated control unit only when asked (sie-export.md).
  const report = await salesReport(db, tenantId, {
    ...query,
    excludeSimulated: query.includeSimulated !== 'true',
  });
  if (!report.ok) throw new ApiError(report.code, { maxDays: report.maxDays });
  const grouping = GROUPINGS[query.groupBy];
  const product = query.groupBy === 'product';
  const header = [
    ...grouping.keyHeaders,
    ...grouping.countHeaders,
    'Belopp inkl. moms (kr)',
    'Moms (kr)',
    'Belopp exkl. moms (kr)',
    ...(product ? ['Kvantitet', 'Enhet'] : []),
  ];
  const rows = report.value.rows.map((r) => [
    ...grouping.keyCells(r),
    count(r.count),
    count(r.returnCount),
    kronor(r.gross),
    r.vat === null ? null : kronor(r.vat),
    r.net === null ? null : kronor(r.net),
    ...(product
      ? r.unit === 'gram'
        ? [decimal(r.quantity ?? 0, 3), text('kg')]
        : [count(r.quantity ?? 0), text('st')]
      : []),
  ]);
  const slug = await slugOf(db, tenantId);
  return {
    filename: `kassa-${slug}-forsaljning-per-${grouping.name}-${query.from}-${query.to}.csv`,
    bytes: csvFile(header, rows),
    rows: rows.length,
  };
}

const TAXED_RATES = VAT_RATES.filter((rate) => rate !== 0);
const PERCENT: Record<VatRate, string> = { 2500: '25', 1200: '12', 600: '6', 0: '0' };

const STOCKHOLM_MINUTE = new Intl.DateTimeFormat('en-GB', {
  timeZone: SHOP_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as "YYYY-MM-DD HH:MM" in Stockholm; the text as given when it is not an instant. */
function stockholmTime(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    STOCKHOLM_MINUTE.formatToParts(ms).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

function sumOf<T>(rows: readonly T[], pick: (row: T) => number): number {
  return rows.reduce((acc, row) => acc + pick(row), 0);
}

/** The columns of z.csv: a header and how to read its cell from a Z. */
const Z_COLUMNS: [string, (z: ZFigures, terminalName: string) => CsvCell][] = [
  ['Affärsdag', (z) => text(z.businessDay)],
  ['Kassa', (z) => text(z.registerId)],
  ['Terminal', (_z, name) => text(name)],
  ['Z-nummer', (z) => count(z.zNumber)],
  ['Skapad', (z) => text(stockholmTime(z.producedAt))],
  ['Kvitton', (z) => count(z.receiptCount)],
  ['Försäljning (kr)', (z) => kronor(z.salesTotal)],
  ['Returkvitton', (z) => count(z.returns.count)],
  ['Returer (kr)', (z) => kronor(z.returns.amount)],
  ['Netto inkl. moms (kr)', (z) => kronor(z.netTotal)],
  ['Rabatter (kr)', (z) => kronor(z.discounts)],
  ...TAXED_RATES.flatMap((rate): [string, (z: ZFigures) => CsvCell][] => [
    [
      `Försäljning exkl. moms ${PERCENT[rate]} % (kr)`,
      (z) =>
        kronor(
          sumOf(
            z.vatPerRate.filter((v) => v.rate === rate),
            (v) => v.net,
          ),
        ),
    ],
    [
      `Moms ${PERCENT[rate]} % (kr)`,
      (z) =>
        kronor(
          sumOf(
            z.vatPerRate.filter((v) => v.rate === rate),
            (v) => v.vat,
          ),
        ),
    ],
  ]),
  [
    'Momsfri försäljning (kr)',
    (z) =>
      kronor(
        sumOf(
          z.vatPerRate.filter((v) => v.rate === 0),
          (v) => v.gross,
        ),
      ),
  ],
  ['Kontant netto (kr)', (z) => kronor(paymentNet(z, 'cash'))],
  ['Kort netto (kr)', (z) => kronor(paymentNet(z, 'card'))],
  ['Swish netto (kr)', (z) => kronor(paymentNet(z, 'swish'))],
  ['Öresavrundning (kr)', (z) => kronor(z.rounding)],
  ['Växelkassa (kr)', (z) => kronor(z.cashFloat)],
  ['Insättningar (kr)', (z) => kronor(z.cashIn)],
  ['Uttag (kr)', (z) => kronor(z.cashOut)],
  ['Förväntad kontantkassa (kr)', (z) => kronor(z.expectedCash)],
  ['Räknad kontantkassa (kr)', (z) => (z.countedCash === null ? null : kronor(z.countedCash))],
  ['Kassadifferens (kr)', (z) => (z.cashDifference === null ? null : kronor(z.cashDifference))],
  ['Övningskvitton', (z) => count(z.training.count)],
  ['Övningskvitton (kr)', (z) => kronor(z.training.amount)],
  ['Kvittokopior', (z) => count(z.copies.count)],
  ['Lådöppningar utan försäljning', (z) => count(z.drawerOpenings)],
];

function paymentNet(z: ZFigures, method: 'cash' | 'card' | 'swish'): number {
  return sumOf(
    z.payments.filter((p) => p.method === method),
    (p) => p.net,
  );
}

/** The Z-reports of a period (optionally of one terminal) as CSV, oldest first. */
export async function zCsv(db: Db | Tx, tenantId: string, query: ZCsvQuery): Promise<CsvDownload> {
  const period = checkPeriod(query);
  if (period) throw new ApiError(period.code, { maxDays: period.maxDays });
  await checkFilterIds(db, tenantId, query);
  // As the SIE file: without the Z-reports of a simulated control unit unless asked.
  const {
    booked: archived,
    leftOut,
    simulatedIncluded,
  } = forAccounting(await archivedZReports(db, tenantId, query), query.includeSimulated);
  const rows = archived.map(({ figures, terminalName }) =>
    Z_COLUMNS.map(([, cell]) => cell(figures, terminalName)),
  );
  const slug = await slugOf(db, tenantId);
  return {
    filename: `kassa-${slug}-z-rapporter-${query.from}-${query.to}.csv`,
    bytes: csvFile(
      Z_COLUMNS.map(([header]) => header),
      rows,
    ),
    rows: rows.length,
    simulatedLeftOut: leftOut,
    simulatedIncluded,
  };
}

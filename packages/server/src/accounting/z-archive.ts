/**
 * The archived Z-reports of a period with the figures the accountant's exports read (SIE 4I and
 * z.csv). A Z is stored exactly as journaled (only its number, day and time were checked at
 * ingest), so its figures are checked here; one that lacks them is refused by name, never
 * guessed. Scoped to one environment.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { PAYMENT_METHODS, type VatRate, isValidBusinessDay, isVatRate, ore } from '@kassa/core';
import type { Db, Tx } from '../db/database.js';
import { placesOfBusiness, terminals, zReports } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { isUuid } from '../ids.js';
import { ofItsTerminal, zReportIdentity } from '../reports/z-report-archive.js';

const int = z.number().int().refine(Number.isSafeInteger);
/** An amount in öre. */
const money = int.transform((n) => ore(n));
const countAmount = z.object({ count: int, amount: money });

/** The figures of a journaled Z-report (`ZReport` of @kassa/core) the exports use. */
const zFiguresSchema = z.object({
  registerId: z.string(),
  zNumber: int,
  businessDay: z.string().refine(isValidBusinessDay),
  producedAt: z.string(),
  salesTotal: money,
  netTotal: money,
  vatPerRate: z.array(
    z.object({
      rate: z.custom<VatRate>((value) => typeof value === 'number' && isVatRate(value)),
      gross: money,
      vat: money,
      net: money,
    }),
  ),
  payments: z.array(
    z.object({ method: z.enum(PAYMENT_METHODS), sales: money, returns: money, net: money }),
  ),
  rounding: money,
  discounts: money,
  receiptCount: int,
  returns: countAmount,
  training: countAmount,
  copies: countAmount,
  drawerOpenings: int,
  cashFloat: money,
  cashIn: money,
  cashOut: money,
  expectedCash: money,
  countedCash: money.nullable().default(null),
  cashDifference: money.nullable().default(null),
  /** Receipts a simulated control unit signed (core day-report; absent: none). */
  simulatedReceipts: int.default(0),
});
export type ZFigures = z.infer<typeof zFiguresSchema>;

/** Whether a simulated control unit signed receipts of the Z: not valid for accounting. */
function isSimulatedZ(z: ArchivedZ): boolean {
  return z.figures.simulatedReceipts > 0;
}

/**
 * The Z-reports an accounting export books: without those holding simulated receipts unless
 * `includeSimulated` is 'true' (docs/domain/sie-export.md), and how many were left out.
 */
export function forAccounting(
  archived: readonly ArchivedZ[],
  includeSimulated: 'true' | 'false' | undefined,
): { booked: ArchivedZ[]; leftOut: number; simulatedIncluded: number } {
  if (includeSimulated === 'true') {
    return {
      booked: [...archived],
      leftOut: 0,
      simulatedIncluded: archived.filter(isSimulatedZ).length,
    };
  }
  const booked = archived.filter((z) => !isSimulatedZ(z));
  return { booked, leftOut: archived.length - booked.length, simulatedIncluded: 0 };
}

/** A Z of the archive with its terminal. */
export interface ArchivedZ {
  terminalId: string;
  terminalName: string;
  figures: ZFigures;
}

/** A period of business days, both included, and optional filters. */
export interface ZPeriodFilter {
  from: string;
  to: string;
  /** The terminal's current place of business (Z-reports do not record one). */
  placeId?: string;
  terminalId?: string;
}

/** Refuses (404) a terminal or place id that is not one of the environment's. */
export async function checkFilterIds(
  db: Db | Tx,
  tenantId: string,
  filter: { placeId?: string | undefined; terminalId?: string | undefined },
): Promise<void> {
  if (filter.terminalId !== undefined) {
    const found =
      isUuid(filter.terminalId) &&
      (
        await db
          .select({ id: terminals.id })
          .from(terminals)
          .where(and(eq(terminals.tenantId, tenantId), eq(terminals.id, filter.terminalId)))
      ).length > 0;
    if (!found) throw new ApiError('terminal-not-found');
  }
  if (filter.placeId !== undefined) {
    const found =
      isUuid(filter.placeId) &&
      (
        await db
          .select({ id: placesOfBusiness.id })
          .from(placesOfBusiness)
          .where(
            and(eq(placesOfBusiness.tenantId, tenantId), eq(placesOfBusiness.id, filter.placeId)),
          )
      ).length > 0;
    if (!found) throw new ApiError('place-of-business-not-found');
  }
}

/**
 * The Z-reports whose business day is in the period, by business day, register and Z number.
 * Refused (422 export-z-report-unreadable) when one lacks a figure the exports need.
 */
export async function archivedZReports(
  db: Db | Tx,
  tenantId: string,
  filter: ZPeriodFilter,
): Promise<ArchivedZ[]> {
  const rows = await db
    .select({
      ...zReportIdentity,
      report: zReports.report,
    })
    .from(zReports)
    .innerJoin(terminals, ofItsTerminal)
    .where(
      and(
        eq(zReports.tenantId, tenantId),
        sql`${zReports.businessDay} BETWEEN ${filter.from}::date AND ${filter.to}::date`,
        filter.terminalId === undefined ? undefined : eq(zReports.terminalId, filter.terminalId),
        filter.placeId === undefined ? undefined : eq(terminals.placeOfBusinessId, filter.placeId),
      ),
    )
    .orderBy(asc(zReports.businessDay), asc(terminals.registerId), asc(zReports.zNumber));
  return rows.map((row) => {
    const parsed = zFiguresSchema.safeParse(row.report);
    if (!parsed.success) {
      throw new ApiError('export-z-report-unreadable', {
        registerId: row.registerId,
        zNumber: row.zNumber,
        businessDay: row.businessDay,
      });
    }
    return { terminalId: row.terminalId, terminalName: row.terminalName, figures: parsed.data };
  });
}

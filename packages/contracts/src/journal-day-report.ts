/**
 * A Z-dagrapport as the register writes it into its journal (the `report` of a `z-report`
 * entry): @kassa/core's `ZReport` field for field (SKVFS 2014:9 7 kap 3 §;
 * docs/domain/receipts-journal-reports.md). The server stores it as journaled and checks only its
 * number, day and time at ingest; whoever reads the whole report out of the archive (its PDF)
 * parses it with this schema, whose result IS core's `ZReport` (amounts branded as `Ore`).
 */
import { z } from 'zod';
import { PAYMENT_METHODS, type ZReport, isValidBusinessDay } from '@kassa/core';
import { oreSchema, vatRateSchema } from './journal-receipt.js';

const int = z.number().int().refine(Number.isSafeInteger);
const money = oreSchema;
const countAmount = z.object({ count: int, amount: money });

export const zReportSchema = z.object({
  type: z.literal('Z'),
  zNumber: int,
  producedAt: z.string(),
  companyName: z.string(),
  organisationNumber: z.string(),
  registerId: z.string(),
  registerSerialNumber: z.string().optional(),
  businessDay: z.string().refine(isValidBusinessDay),
  salesTotal: money,
  salesByGroup: z.array(z.object({ group: z.string(), amount: money })),
  vatPerRate: z.array(z.object({ rate: vatRateSchema, gross: money, vat: money, net: money })),
  cashFloat: money,
  goodsSold: int,
  servicesSold: int,
  receiptCount: int,
  drawerOpenings: int,
  copies: countAmount,
  training: countAmount,
  payments: z.array(
    z.object({ method: z.enum(PAYMENT_METHODS), sales: money, returns: money, net: money }),
  ),
  returns: countAmount,
  discounts: money,
  otherReductions: countAmount,
  unfinishedSales: countAmount,
  proForma: countAmount,
  priceChanges: int,
  simulatedReceipts: int.optional(),
  rounding: money,
  cashIn: money,
  cashOut: money,
  netTotal: money,
  expectedCash: money,
  countedCash: money.nullable(),
  cashDifference: money.nullable(),
  grandTotals: z.object({ sales: money, returns: money, net: money }),
}) satisfies z.ZodType<ZReport>;
/**
 * A journaled Z-dagrapport as it crosses the wire: the schema's input, so amounts are plain
 * integers of öre (parsing with `zReportSchema` brands them as core's `Ore`).
 */
export type ZReportFigures = z.input<typeof zReportSchema>;
/** A count of receipts (or openings) and their amount, as on the Z-dagrapport. */
export type CountAmount = ZReportFigures['returns'];

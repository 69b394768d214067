/**
 * Answers of the Register local API (127.0.0.1, `kassa start`) that the POS web app reads and
 * that have no schema of their own in the selling routes: a receipt looked up again, and the X/Z
 * report with its printout. See docs/protocols/register-protocol.md ("Register local API").
 */
import { z } from 'zod';
import {
  paymentMethodSchema,
  printOutcomeSchema,
  receiptViewSchema,
  vatRowSchema,
} from './register-sales.js';

/** `GET /local/receipts/:number`: the receipt, its HTML, and (for a sale) what is returnable. */
export const receiptDetailSchema = z.object({
  receipt: receiptViewSchema,
  html: z.string(),
  copied: z.boolean().optional(),
  unprinted: z.boolean().optional(),
  returnable: z
    .array(z.object({ lineNo: z.number().int(), quantity: z.number().int() }))
    .optional(),
});
export type ReceiptDetail = z.infer<typeof receiptDetailSchema>;

export const paymentFigureSchema = z.object({
  method: paymentMethodSchema,
  sales: z.number().int(),
  returns: z.number().int(),
  net: z.number().int(),
});
export type PaymentFigure = z.infer<typeof paymentFigureSchema>;

/**
 * The figures of an X or Z report (@kassa/core's `XReport` or `ZReport`) the POS screen shows;
 * the rest is in its HTML.
 */
export const localDayReportSchema = z.object({
  type: z.enum(['X', 'Z']),
  zNumber: z.number().int().optional(),
  businessDay: z.string(),
  producedAt: z.string(),
  salesTotal: z.number().int(),
  netTotal: z.number().int(),
  receiptCount: z.number().int(),
  cashFloat: z.number().int(),
  expectedCash: z.number().int(),
  /** The counted cash and its difference from the expected, when counted. */
  countedCash: z.number().int().nullable().optional(),
  cashDifference: z.number().int().nullable().optional(),
  payments: z.array(paymentFigureSchema),
  returns: z.object({ count: z.number().int(), amount: z.number().int() }),
  vatPerRate: z.array(vatRowSchema),
});
export type LocalDayReport = z.infer<typeof localDayReportSchema>;

/** `POST /local/reports/x` and `/local/reports/z`: the report, its HTML and its printout. */
export const localReportResultSchema = z.object({
  report: localDayReportSchema,
  html: z.string(),
  print: printOutcomeSchema,
});
export type LocalReportResult = z.infer<typeof localReportResultSchema>;

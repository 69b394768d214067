/**
 * zod schemas of the sales reports and the Z-report archive (module `reports`):
 * read models built from the registers' uploaded journals. Amounts are integer öre incl. VAT;
 * returns count negative in every sum. See docs/protocols/backoffice-api.md.
 */
import { z } from 'zod';

/** What a sales report is grouped by. */
export const SALES_GROUPINGS = [
  'day',
  'hour',
  'place',
  'terminal',
  'payment',
  'vat',
  'product',
  'cashier',
] as const;
export const salesGroupingSchema = z.enum(SALES_GROUPINGS);
export type SalesGrouping = z.infer<typeof salesGroupingSchema>;

/** The longest period one report may cover, in days (from and to included). */
export const MAX_REPORT_DAYS = 731;

/** Filters of every sales report: business days `from`–`to` (both included), place, terminal. */
export const salesReportFilterSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  placeId: z.string().max(64).optional(),
  terminalId: z.string().max(64).optional(),
});
export type SalesReportFilter = z.infer<typeof salesReportFilterSchema>;

export const salesReportQuerySchema = salesReportFilterSchema.extend({
  groupBy: salesGroupingSchema.default('day'),
  /** Product and cashier reports: the most rows returned (largest gross first). */
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});
export type SalesReportQuery = z.infer<typeof salesReportQuerySchema>;

/**
 * One row of a sales report. `count`/`returnCount`: sale and return receipts (lines for
 * `product`, payments for `payment`). `gross` is net of returns; `vat` and `net` are null for
 * `payment` (a payment has no VAT of its own).
 */
export const salesReportRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
  returnCount: z.number().int(),
  gross: z.number().int(),
  vat: z.number().int().nullable(),
  net: z.number().int().nullable(),
  /** `product` only: pieces, or grams when `unit` is 'gram'. */
  quantity: z.number().int().optional(),
  unit: z.enum(['piece', 'gram']).optional(),
});
export type SalesReportRow = z.infer<typeof salesReportRowSchema>;

/** The period's totals over sale and return receipts, whatever the grouping. */
export const salesTotalsSchema = z.object({
  receipts: z.number().int(),
  returns: z.number().int(),
  /** Sales minus returns, incl. VAT, before cash rounding. */
  gross: z.number().int(),
  vat: z.number().int(),
  net: z.number().int(),
  /** The returns' amount as a positive magnitude. */
  returnsGross: z.number().int(),
  discounts: z.number().int(),
  rounding: z.number().int(),
});
export type SalesTotals = z.infer<typeof salesTotalsSchema>;

export const salesReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  groupBy: salesGroupingSchema,
  totals: salesTotalsSchema,
  rows: z.array(salesReportRowSchema),
  /**
   * Sale and return receipts of the period signed by a simulated control unit (serial `SIM-`):
   * included in the figures, not valid for accounting; the page says so. Absent when none.
   */
  simulatedReceipts: z.number().int().optional(),
});
export type SalesReport = z.infer<typeof salesReportSchema>;

/**
 * GET /api/reports/sales/overview: the period's totals and its rows by every grouping, so the
 * Försäljning page costs one request per filter change (docs/protocols/backoffice-api.md).
 */
export const salesOverviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: salesTotalsSchema,
  rows: z.record(salesGroupingSchema, z.array(salesReportRowSchema)),
  simulatedReceipts: z.number().int().optional(),
});
export type SalesOverview = z.infer<typeof salesOverviewSchema>;

export const zReportListQuerySchema = z.object({
  terminalId: z.string().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});
export type ZReportListQuery = z.infer<typeof zReportListQuerySchema>;

/** A Z-report in the archive list: who, which number and day, and its headline figures. */
export const zReportSummarySchema = z.object({
  terminalId: z.uuid(),
  terminalName: z.string(),
  registerId: z.string(),
  zNumber: z.number().int(),
  businessDay: z.string(),
  producedAt: z.string(),
  salesTotal: z.number().int(),
  returnsTotal: z.number().int(),
  netTotal: z.number().int(),
  receiptCount: z.number().int(),
  /** Receipts of the Z a simulated control unit signed (absent: none). */
  simulatedReceipts: z.number().int().optional(),
});
export type ZReportSummary = z.infer<typeof zReportSummarySchema>;

export const zReportListSchema = z.object({ reports: z.array(zReportSummarySchema) });

/** One archived Z-report: the report exactly as journaled (a `ZReport` of @kassa/core). */
export const zReportAnswerSchema = z.object({
  terminalId: z.uuid(),
  terminalName: z.string(),
  registerId: z.string(),
  zNumber: z.number().int(),
  businessDay: z.string(),
  producedAt: z.string(),
  /** The journal entry that carries it. */
  seq: z.number().int(),
  report: z.record(z.string(), z.unknown()),
});
export type ZReportAnswer = z.infer<typeof zReportAnswerSchema>;

/** The longest period of one journal export (SKVFS 2021:16 XML), in days (from and to included). */
export const MAX_JOURNAL_EXPORT_DAYS = 366;

/**
 * `GET /api/exports/journal.xml`: one terminal's journal, as the server has it, for the business
 * days `from`–`to` (both included), as the standard export of SKVFS 2021:16.
 */
export const journalExportQuerySchema = z.object({
  terminalId: z.string().max(64),
  from: z.iso.date(),
  to: z.iso.date(),
});
export type JournalExportQuery = z.infer<typeof journalExportQuerySchema>;

/** `GET /api/exports/journal.xml`: headers of the download besides the file itself. */
export const JOURNAL_EXPORT_HEADERS = {
  /** How many journal entries (Handelse) the file holds. */
  entries: 'x-kassa-journal-entries',
  /** The terminal's acknowledged journal head: entries after it have not reached the server. */
  headSeq: 'x-kassa-journal-head-seq',
  /**
   * How many values the file holds other than journaled (a control code or control unit serial
   * the schema cannot hold, written as the schema allows): the list is
   * /api/exports/journal-problems.json for the same query. docs/protocols/skvfs-2021-16-export.md.
   */
  problems: 'x-kassa-journal-problems',
} as const;

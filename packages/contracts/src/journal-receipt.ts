/**
 * A receipt as the register writes it into its journal: the `receipt` of a sale, return, copy,
 * training or pro forma entry's data, which is @kassa/core's `Receipt` field for field
 * (docs/domain/receipts-journal-reports.md). The journal travels to the server as uploaded
 * entries (`uploadedEntrySchema`, whose `data` is not checked there), so whoever reads a receipt
 * out of an entry parses it with this schema. Amounts are integer öre, rates hundredths of a
 * percent.
 *
 * The parsed receipt IS core's `Receipt` (amounts branded as `Ore`, rates as `VatRate`): the
 * schema is checked against the interface, so no cast is needed where a journal is read.
 *
 * A receipt's payment method is one of core's; the figures the server sums
 * (`journalReceiptFiguresSchema`) take any name: a journal may hold receipts of a newer
 * register, and their figures are still summed under the method's name.
 */
import { z } from 'zod';
import {
  type Ore,
  type Receipt,
  type VatRate,
  PAYMENT_METHODS,
  RECEIPT_KINDS,
  isIsoInstant,
  isValidBusinessDay,
  isVatRate,
  ore,
} from '@kassa/core';

const int = z.number().int().refine(Number.isSafeInteger);
/** A number the database keeps as a 32-bit integer. */
const int32 = int.min(0).max(2_147_483_647);
const instant = z.string().refine(isIsoInstant);
const businessDay = z.string().refine(isValidBusinessDay);

/** An amount in öre as journaled: a safe integer, branded as core's `Ore`. */
export const oreSchema = int.transform((n): Ore => ore(n));
/** A VAT rate in hundredths of a percent, one of core's `VAT_RATES`. */
export const vatRateSchema = z.custom<VatRate>(
  (value) => typeof value === 'number' && isVatRate(value),
);
const vatRate = vatRateSchema;
const money = oreSchema;

export const journalReceiptLineSchema = z.object({
  lineNo: int32,
  articleNumber: z.string(),
  text: z.string(),
  itemType: z.enum(['good', 'service']),
  group: z.string().optional(),
  unit: z.enum(['piece', 'gram']),
  quantity: int,
  unitPrice: money,
  vatRate,
  discount: money,
  amount: money,
});

export const journalReceiptSchema = z.object({
  companyName: z.string(),
  organisationNumber: z.string(),
  placeOfSaleAddress: z.string(),
  registerId: z.string(),
  delivery: z.enum(['paper', 'electronic']),
  kind: z.enum(RECEIPT_KINDS),
  issuedAt: instant,
  receiptNumber: int32.min(1),
  businessDay,
  /** Each line number once. */
  lines: z
    .array(journalReceiptLineSchema)
    .refine((lines) => new Set(lines.map((l) => l.lineNo)).size === lines.length),
  discountTotal: money,
  total: money,
  /** One row per rate. */
  vat: z
    .array(z.object({ rate: vatRate, gross: money, vat: money, net: money }))
    .refine((rows) => new Set(rows.map((r) => r.rate)).size === rows.length),
  payments: z.array(z.object({ method: z.enum(PAYMENT_METHODS), amount: money })),
  rounding: money,
  totalToPay: money,
  cashTendered: money,
  change: money,
  controlUnitSerial: z.string().nullable(),
  controlCode: z.string().nullable(),
  original: z.object({ receiptNumber: int32.min(1), issuedAt: instant }).nullable(),
}) satisfies z.ZodType<Receipt>;
/** A journaled receipt: core's `Receipt`. */
export type JournalReceipt = z.infer<typeof journalReceiptSchema>;

/**
 * What the sales figures of a receipt take (the server's sales summary): the receipt without its
 * header, settlement and original, so that a receipt from a register that journaled fewer of
 * those is still summed.
 */
export const journalReceiptFiguresSchema = journalReceiptSchema
  .pick({
    kind: true,
    issuedAt: true,
    receiptNumber: true,
    businessDay: true,
    lines: true,
    discountTotal: true,
    total: true,
    vat: true,
    rounding: true,
    controlUnitSerial: true,
    controlCode: true,
  })
  .extend({ payments: z.array(z.object({ method: z.string().min(1), amount: money })) });
export type JournalReceiptFigures = z.infer<typeof journalReceiptFiguresSchema>;

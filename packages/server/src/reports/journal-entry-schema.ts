/**
 * A journal event as the register journals it: every kind of @kassa/core's `JournalEvent`, its
 * data field for field (docs/domain/receipts-journal-reports.md). The server stores an uploaded
 * entry's data as it came (the chain, not this schema, is checked at ingest); whoever reads whole
 * entries out of the journal copy parses them with this schema, whose result IS core's
 * `JournalEvent` (amounts branded as `Ore`, rates as `VatRate`, the receipt and Z report by the
 * contracts' schemas), so no cast is needed where the copy is read.
 */
import { z } from 'zod';
import { journalReceiptSchema, oreSchema, zReportSchema } from '@kassa/contracts';
import { type JournalEvent, RECEIPT_KINDS } from '@kassa/core';

const int = z.number().int().refine(Number.isSafeInteger);
const money = oreSchema;
const text = z.string();
const series = z.enum(['receipt', 'copy', 'training', 'pro-forma']);
const unit = z.enum(['piece', 'gram']);

/** An X-dagrapport: a Z's figures without its number, as the day stands when it is taken. */
const xReportSchema = zReportSchema
  .omit({ type: true, zNumber: true })
  .extend({ type: z.literal('X') });

/** One kind of event and its data. */
const event = <K extends string, D extends z.ZodRawShape>(kind: K, data: D) =>
  z.object({ kind: z.literal(kind), data: z.object(data) });

const receiptEvent = <K extends string>(kind: K) => event(kind, { receipt: journalReceiptSchema });

export const journalEventSchema = z.discriminatedUnion('kind', [
  receiptEvent('sale'),
  receiptEvent('return'),
  receiptEvent('copy'),
  receiptEvent('training'),
  receiptEvent('pro-forma'),
  event('sale-parked', { parkingId: text, lineCount: int, total: money }),
  event('sale-resumed', { parkingId: text }),
  event('line-removed', { articleNumber: text, text, unit, quantity: int, amount: money }),
  event('price-change', {
    articleNumber: text,
    text,
    from: money,
    to: money,
    effectiveFrom: text,
  }),
  event('article-changed', {
    articleNumber: text,
    text,
    field: z.enum(['article', 'name', 'vatCategory', 'unit', 'kind', 'group', 'barcodes']),
    from: text.nullable(),
    to: text.nullable(),
    source: z.literal('backoffice'),
  }),
  event('drawer-opened', { reason: text }),
  event('cash-float', { amount: money }),
  event('cash-in', { amount: money, reason: text }),
  event('cash-out', { amount: money, reason: text }),
  event('sign-in', { cashierId: text }),
  event('sign-out', { cashierId: text }),
  event('x-report', { report: xReportSchema }),
  event('z-report', { report: zReportSchema }),
  event('setting-changed', { setting: text, from: text.nullable(), to: text.nullable() }),
  event('control-unit-fault', { code: text, message: text }),
  event('clock-fault', {
    reason: z.enum(['behind-journal', 'differs-from-server', 'out-of-range']),
    clock: text,
    reference: text,
    differenceMs: int,
  }),
  event('clock-restored', { clock: text }),
  event('clock-jumped', { from: text, to: text, jumpMs: int }),
  event('receipt-printout', {
    receiptKind: z.enum(RECEIPT_KINDS),
    receiptNumber: int,
    outcome: z.enum(['printed', 'failed']),
    code: text.optional(),
    later: z.boolean(),
  }),
  event('control-unit-restored', { serialNumber: text }),
  event('control-unit-request', {
    series,
    receiptNumber: int,
    issuedAt: text,
    receiptType: z.enum(['normal', 'kopia', 'ovning', 'profo']),
    dateTime: text,
    organisationNumber: text,
    registerId: text,
    total: money,
    returnTotal: money,
    vat: z.array(z.object({ rate: int, amount: money })),
    resend: z.boolean(),
  }),
  event('control-unit-answer', {
    series,
    receiptNumber: int,
    outcome: z.enum(['refused', 'not-sent', 'unknown']),
    code: text,
  }),
  event('receipt-number-skipped', {
    series,
    receiptNumber: int,
    reason: z.enum([
      'content-changed',
      'day-over',
      'unit-refused-resend',
      'journal-lost',
      'restarted-while-reserved',
    ]),
  }),
  event('line-added', {
    lineId: text,
    articleNumber: text,
    text,
    unit,
    quantity: int,
    unitPrice: money,
    vatRate: int,
  }),
  event('line-changed', {
    lineId: text,
    articleNumber: text,
    text,
    from: z.object({ quantity: int, discount: money }),
    to: z.object({ quantity: int, discount: money }),
  }),
  event('training-switched', { training: z.boolean() }),
  event('register-started', { programVersion: text }),
  event('register-stopped', { programVersion: text }),
]) satisfies z.ZodType<JournalEvent>;

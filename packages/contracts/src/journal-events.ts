/**
 * A journal event as the register journals it: every kind of @kassa/core's `JournalEvent`, its
 * data field for field (docs/domain/receipts-journal-reports.md). An uploaded entry's data
 * crosses the wire unchecked (`uploadedEntrySchema`: the chain, not this schema, is checked at
 * ingest); whoever reads whole entries out of a journal copy parses them with this schema, whose
 * result IS core's `JournalEvent` (amounts branded as `Ore`, rates as `VatRate`, the receipt and
 * Z report by the contracts' schemas), so no cast is needed where the copy is read.
 *
 * The schema is checked against core both ways: its output must be a `JournalEvent`, each of
 * its kinds and each of its closed sets of values (`oneOf`) must be all of core's, so a kind or
 * a value core adds fails to compile here until the schema takes it too.
 */
import { z } from 'zod';
import {
  type ArticleChangeField,
  type JournalEntry,
  type JournalEvent,
  type JournalEventKind,
  type LineUnit,
  type ReceiptSeries,
  CONTROL_UNIT_RECEIPT_TYPES,
  RECEIPT_KINDS,
} from '@kassa/core';
import { journalReceiptSchema, oreSchema } from './journal-receipt.js';
import { zReportSchema } from './journal-day-report.js';

/** The data of core's event of kind K. */
type DataOf<K extends JournalEventKind> = Extract<JournalEvent, { kind: K }>['data'];

/**
 * A z.enum of exactly core's union T: a value outside T does not compile, nor does a list that
 * lacks one of T's values (the compiler then asks for the missing value as a second argument).
 */
const oneOf =
  <T extends string>() =>
  <const V extends readonly [T, ...T[]]>(
    values: V,
    ..._all: [Exclude<T, V[number]>] extends [never] ? [] : [missing: Exclude<T, V[number]>]
  ) =>
    z.enum(values);

const int = z.number().int().refine(Number.isSafeInteger);
const money = oreSchema;
const text = z.string();
const series = oneOf<ReceiptSeries>()(['receipt', 'copy', 'training', 'pro-forma']);
const unit = oneOf<LineUnit>()(['piece', 'gram']);

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
    field: oneOf<ArticleChangeField>()([
      'article',
      'name',
      'vatCategory',
      'unit',
      'kind',
      'group',
      'barcodes',
    ]),
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
    reason: oneOf<DataOf<'clock-fault'>['reason']>()([
      'behind-journal',
      'differs-from-server',
      'out-of-range',
    ]),
    clock: text,
    reference: text,
    differenceMs: int,
  }),
  event('clock-restored', { clock: text }),
  event('clock-jumped', { from: text, to: text, jumpMs: int }),
  event('receipt-printout', {
    receiptKind: oneOf<DataOf<'receipt-printout'>['receiptKind']>()(RECEIPT_KINDS),
    receiptNumber: int,
    outcome: oneOf<DataOf<'receipt-printout'>['outcome']>()(['printed', 'failed']),
    code: text.optional(),
    later: z.boolean(),
  }),
  event('control-unit-restored', { serialNumber: text }),
  event('control-unit-request', {
    series,
    receiptNumber: int,
    issuedAt: text,
    receiptType: oneOf<DataOf<'control-unit-request'>['receiptType']>()(CONTROL_UNIT_RECEIPT_TYPES),
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
    outcome: oneOf<DataOf<'control-unit-answer'>['outcome']>()(['refused', 'not-sent', 'unknown']),
    code: text,
  }),
  event('receipt-number-skipped', {
    series,
    receiptNumber: int,
    reason: oneOf<DataOf<'receipt-number-skipped'>['reason']>()([
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

/** The kinds the schema reads: a kind outside them was journaled by a newer register. */
export const JOURNAL_EVENT_KINDS: ReadonlySet<string> = new Set(
  journalEventSchema.options.map((option) => option.shape.kind.value),
);

/**
 * A journal entry of any kind as core's `JournalEntry`: its event read with journalEventSchema,
 * its chain fields as they came. The event's data is what the schema keeps of it (a field the
 * schema does not know is dropped), so a caller that keeps the entry as hashed compares.
 */
export function parseJournalEntry(entry: {
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly by?: string;
  readonly data: unknown;
  readonly prevHash: string;
  readonly hash: string;
}):
  | { readonly success: true; readonly data: JournalEntry }
  | { readonly success: false; readonly error: z.ZodError } {
  const { kind, data, ...chain } = entry;
  const event = journalEventSchema.safeParse({ kind, data });
  return event.success
    ? { success: true, data: { ...event.data, ...chain } }
    : { success: false, error: event.error };
}

/**
 * The receipt (kassakvitto) as a value object, and the builders for each receipt kind: sale,
 * return, copy, training and pro forma. A built receipt is a fact once journaled and is never
 * changed; `withControlCode` returns a new value before it is journaled.
 *
 * Mandatory content, SKVFS 2014:9 7 kap 1 § (docs/spec/sweden-regulation.md §0 item 2, §2):
 *   a. company name and organisationsnummer/personnummer  → companyName, organisationNumber
 *   b. address where the sale takes place                   → placeOfSaleAddress
 *   c. date and time of the sale                            → issuedAt
 *   d. löpnummer from an unbroken ascending series          → receiptNumber (series: receiptSeriesOf)
 *   e. kassabeteckning                                      → registerId
 *   f. article name and quantity of each good               → lines (itemType 'good')
 *   g. name and quantity of each service                    → lines (itemType 'service')
 *   h. amount incl. VAT per article, and the total to pay   → lines[].amount, total, totalToPay
 *   i. the VAT                                              → vat[].vat
 *   j. the VAT split per rate                               → vat (splitVatByRate)
 *   k. payment method (betalningsmedel)                     → payments
 *   l. tillverkningsnummer of the control unit/system       → controlUnitSerial
 *   m. "elektroniskt kassakvitto" when sent electronically  → delivery + receiptMarkings
 * Beyond the list: the control code, stored per receipt (2014:9 2 kap 15 §) → controlCode; the
 * kind marking "KOPIA", "ÖVNINGSKVITTO", "EJ KVITTO" (5 kap 5 §) → receiptMarkings; öresavrundning
 * as its own line (spec §7) → rounding. A return receipt has the same content (spec §0 item 11).
 */
import type { BusinessDay } from '../business-day.js';
import { divideHalfAwayFromZero } from '../integer-division.js';
import { type Ore, negate, ore, sum } from '../money.js';
import { type Failure, type Result, fail, ok } from '../result.js';
import { type VatRate, type VatSplitRow, splitVatByRate } from '../vat.js';
import {
  type ItemType,
  type LineUnit,
  type PricedSale,
  type ReceiptPayment,
  type SettlementFailure,
  type Tender,
  settleTender,
} from './sale.js';

/** Receipt kinds (kvittotyp) and their control-unit types: normal (sale, return), kopia, ovning, profo. */
export const RECEIPT_KINDS = ['sale', 'return', 'copy', 'training', 'pro-forma'] as const;

/** A receipt kind (kvittotyp). */
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/**
 * The numbering series of a receipt kind. Sale and return receipts share the löpnummer series
 * (2021:16 `LopnummerForKassakvitto` on both `Kassakvitto` and `Returkvitto`); a copy has its own
 * series (`LopnummerForKvittokopia`) and refers to the original; a training receipt has its own
 * (`LopnummerForOvningskvitto`), so training never consumes sale numbers; a pro forma receipt is
 * "ej kvitto" and also gets its own series (the spec does not say; our decision, see
 * docs/domain/receipts-journal-reports.md).
 */
export type ReceiptSeries = 'receipt' | 'copy' | 'training' | 'pro-forma';

/** Returns the numbering series a receipt kind draws from. */
export function receiptSeriesOf(kind: ReceiptKind): ReceiptSeries {
  return kind === 'sale' || kind === 'return' ? 'receipt' : kind;
}

/** Who sells, where, and on which register: the fixed part of every receipt. */
export interface ReceiptHeader {
  readonly companyName: string;
  /** 'NNNNNN-NNNN', from parseOrganisationNumber. */
  readonly organisationNumber: string;
  readonly placeOfSaleAddress: string;
  /** Kassabeteckning. */
  readonly registerId: string;
  readonly delivery: 'paper' | 'electronic';
}

/** One receipt line (kvittorad). Quantities and amounts are negative on a return receipt. */
export interface ReceiptLine {
  /** 1-based position on the receipt; a return refers to the original's `lineNo`. */
  readonly lineNo: number;
  readonly articleNumber: string;
  readonly text: string;
  readonly itemType: ItemType;
  readonly group?: string;
  readonly unit: LineUnit;
  /** Pieces, or grams for a weighed good. */
  readonly quantity: number;
  /** Per piece, or per kilogram for a weighed good. */
  readonly unitPrice: Ore;
  readonly vatRate: VatRate;
  /** Line discount plus the share of the order discount (≥ 0 on a sale). */
  readonly discount: Ore;
  /** Incl. VAT, after discounts. */
  readonly amount: Ore;
}

/** A reference to the receipt a copy or a return concerns. */
export interface OriginalReference {
  readonly receiptNumber: number;
  readonly issuedAt: string;
}

/** A receipt (kassakvitto) of any kind; see the file comment for the letters of 7 kap 1 §. */
export interface Receipt extends ReceiptHeader {
  readonly kind: ReceiptKind;
  /** c: ISO 8601 instant; printed in the shop's zone. */
  readonly issuedAt: string;
  /** d: number in the series `receiptSeriesOf(kind)`. */
  readonly receiptNumber: number;
  /** The business day of the sale, used for VAT and reports. */
  readonly businessDay: BusinessDay;
  readonly lines: readonly ReceiptLine[];
  readonly discountTotal: Ore;
  /** h: sum of the line amounts (negative on a return). */
  readonly total: Ore;
  /** i, j. */
  readonly vat: readonly VatSplitRow[];
  /** k: settled amounts (negative on a return). */
  readonly payments: readonly ReceiptPayment[];
  /** Öresavrundning on the cash part. */
  readonly rounding: Ore;
  /** total + rounding: "Att betala". */
  readonly totalToPay: Ore;
  readonly cashTendered: Ore;
  readonly change: Ore;
  /** l: filled when the control unit answers. */
  readonly controlUnitSerial: string | null;
  /** 2 kap 15 §: filled when the control unit answers. */
  readonly controlCode: string | null;
  /** The receipt a copy or a return concerns; null otherwise. */
  readonly original: OriginalReference | null;
}

/** Everything a receipt builder needs besides the sale itself. */
export interface ReceiptContext {
  readonly header: ReceiptHeader;
  /** The next number in the kind's series (nextReceiptNumber in receipt-numbering.ts). */
  readonly receiptNumber: number;
  /** ISO instant, passed by the caller's clock. */
  readonly issuedAt: string;
}

/** Why a receipt could not be built. */
export type ReceiptFailure =
  | SettlementFailure
  | Failure<'sale-empty'>
  | Failure<'sale-total-negative', { total: Ore }>
  | Failure<'copy-of-non-original', { kind: ReceiptKind }>
  | Failure<'copy-limit-reached', { receiptNumber: number }>
  | Failure<'return-original-not-sale', { kind: ReceiptKind }>
  | Failure<'return-wrong-original', { receiptNumber: number }>
  | Failure<'return-empty'>
  | Failure<'return-line-not-found' | 'return-line-repeated', { lineNo: number }>
  | Failure<'return-quantity-not-positive', { lineNo: number; quantity: number }>
  | Failure<
      'return-quantity-exceeds-sold',
      { lineNo: number; quantity: number; remaining: number }
    >;

/**
 * Builds a sale receipt, or a training receipt (övningskvitto) with `training: true`, from a
 * priced sale and the customer's tenders. Sales and returns are never mixed: a sale's lines are
 * all ≥ 0 by construction of `priceSale`, and the total is checked here.
 */
export function buildSaleReceipt(
  context: ReceiptContext,
  priced: PricedSale,
  tenders: readonly Tender[],
  options: { readonly training?: boolean } = {},
): Result<Receipt, ReceiptFailure> {
  if (priced.lines.length === 0) {
    return fail('sale-empty');
  }
  if (priced.total < 0) {
    return fail('sale-total-negative', { total: priced.total });
  }
  const settled = settleTender(priced.total, tenders);
  if (!settled.ok) {
    return settled;
  }
  const { payments, rounding, totalToPay, cashTendered, change } = settled.value;
  return ok({
    ...baseReceipt(context, options.training === true ? 'training' : 'sale', priced),
    payments,
    rounding,
    totalToPay,
    cashTendered,
    change,
  });
}

/** Builds a pro forma receipt ("EJ KVITTO", a bill before payment): no payments. */
export function buildProFormaReceipt(
  context: ReceiptContext,
  priced: PricedSale,
): Result<Receipt, ReceiptFailure> {
  if (priced.lines.length === 0) {
    return fail('sale-empty');
  }
  return ok({
    ...baseReceipt(context, 'pro-forma', priced),
    payments: [],
    rounding: ore(0),
    totalToPay: priced.total,
    cashTendered: ore(0),
    change: ore(0),
  });
}

/**
 * Builds the single allowed copy (kvittokopia, 6 kap 3 §) of a sale or return receipt. The
 * copy has its own number and refers to the original; it is sent to the control unit as `kopia`
 * and gets its own control code. `existingCopies` are the copies already journaled for it.
 */
export function buildReceiptCopy(
  context: Omit<ReceiptContext, 'header'>,
  original: Receipt,
  existingCopies: readonly Receipt[],
): Result<Receipt, ReceiptFailure> {
  if (original.kind !== 'sale' && original.kind !== 'return') {
    return fail('copy-of-non-original', { kind: original.kind });
  }
  const made = existingCopies.some(
    (copy) =>
      copy.kind === 'copy' &&
      copy.original?.receiptNumber === original.receiptNumber &&
      copy.registerId === original.registerId,
  );
  if (made) {
    return fail('copy-limit-reached', { receiptNumber: original.receiptNumber });
  }
  return ok({
    ...original,
    kind: 'copy',
    receiptNumber: context.receiptNumber,
    issuedAt: context.issuedAt,
    controlUnitSerial: null,
    controlCode: null,
    original: { receiptNumber: original.receiptNumber, issuedAt: original.issuedAt },
  });
}

/** One returned line: which original line, and how many pieces (or grams) come back. */
export interface ReturnItem {
  readonly lineNo: number;
  readonly quantity: number;
}

/**
 * Builds a return receipt (returkvitto) against `original`. Each returned quantity must be
 * positive and at most what was sold minus what `previousReturns` already took back. Amounts
 * come from the original line after discounts, at the original VAT rate: returning k of n
 * units refunds round(A·(r+k)/n) − round(A·r/n), where r were returned before, so several
 * partial returns always add up to exactly the line amount A. `refunds` settle the refund's
 * magnitude like tenders (card/Swish exact; cash rounded); the receipt stores them negative.
 */
export function buildReturnReceipt(
  context: ReceiptContext & { readonly businessDay: BusinessDay },
  original: Receipt,
  previousReturns: readonly Receipt[],
  items: readonly ReturnItem[],
  refunds: readonly Tender[],
): Result<Receipt, ReceiptFailure> {
  if (original.kind !== 'sale') {
    return fail('return-original-not-sale', { kind: original.kind });
  }
  for (const previous of previousReturns) {
    if (previous.kind !== 'return' || previous.original?.receiptNumber !== original.receiptNumber) {
      return fail('return-wrong-original', { receiptNumber: previous.receiptNumber });
    }
  }
  if (items.length === 0) {
    return fail('return-empty');
  }
  const seen = new Set<number>();
  const lines: ReceiptLine[] = [];
  for (const item of items) {
    if (seen.has(item.lineNo)) {
      return fail('return-line-repeated', { lineNo: item.lineNo });
    }
    seen.add(item.lineNo);
    const sold = original.lines.find((line) => line.lineNo === item.lineNo);
    if (sold === undefined) {
      return fail('return-line-not-found', { lineNo: item.lineNo });
    }
    if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0) {
      return fail('return-quantity-not-positive', {
        lineNo: item.lineNo,
        quantity: item.quantity,
      });
    }
    // Return lines carry negative quantities.
    const returnedBefore = previousReturns
      .flatMap((r) => r.lines.filter((l) => l.lineNo === item.lineNo))
      .reduce((acc, l) => acc - l.quantity, 0);
    const remaining = sold.quantity - returnedBefore;
    if (item.quantity > remaining) {
      return fail('return-quantity-exceeds-sold', {
        lineNo: item.lineNo,
        quantity: item.quantity,
        remaining,
      });
    }
    const refund = returnShare(sold.amount, sold.quantity, returnedBefore, item.quantity);
    const discountShare = returnShare(sold.discount, sold.quantity, returnedBefore, item.quantity);
    lines.push({
      ...sold,
      quantity: -item.quantity,
      discount: negate(discountShare),
      amount: negate(refund),
    });
  }
  const total = sum(lines.map((l) => l.amount));
  const settled = settleTender(negate(total), refunds);
  if (!settled.ok) {
    return settled;
  }
  const s = settled.value;
  return ok({
    ...context.header,
    kind: 'return',
    issuedAt: context.issuedAt,
    receiptNumber: context.receiptNumber,
    businessDay: context.businessDay,
    lines,
    discountTotal: sum(lines.map((l) => l.discount)),
    total,
    vat: splitVatByRate(lines.map((l) => ({ gross: l.amount, rate: l.vatRate }))),
    payments: s.payments.map((p) => ({ method: p.method, amount: negate(p.amount) })),
    rounding: negate(s.rounding),
    totalToPay: negate(s.totalToPay),
    cashTendered: ore(0),
    change: ore(0),
    controlUnitSerial: null,
    controlCode: null,
    original: { receiptNumber: original.receiptNumber, issuedAt: original.issuedAt },
  });
}

/** Returns the receipt with the control unit's serial number and control code filled in. */
export function withControlCode(
  receipt: Receipt,
  answer: { readonly serialNumber: string; readonly controlCode: string },
): Receipt {
  return { ...receipt, controlUnitSerial: answer.serialNumber, controlCode: answer.controlCode };
}

/**
 * The fixed words to print, each at least twice the height of the amounts (5 kap 5 §):
 * "KOPIA", "ÖVNINGSKVITTO", "EJ KVITTO", "RETURKVITTO", and "elektroniskt kassakvitto" (7 kap 1 § m).
 */
export function receiptMarkings(receipt: Receipt): string[] {
  const byKind: Record<ReceiptKind, string[]> = {
    sale: [],
    return: ['RETURKVITTO'],
    copy: ['KOPIA'],
    training: ['ÖVNINGSKVITTO'],
    'pro-forma': ['EJ KVITTO'],
  };
  return [
    ...byKind[receipt.kind],
    ...(receipt.delivery === 'electronic' ? ['elektroniskt kassakvitto'] : []),
  ];
}

/** A mandatory receipt field that is missing or empty, with its source. */
export interface MissingReceiptField {
  readonly field: string;
  readonly source: string;
}

/** Lists the mandatory fields of `receipt` that are missing or empty; [] means complete. */
export function missingReceiptFields(receipt: Receipt): MissingReceiptField[] {
  const missing: MissingReceiptField[] = [];
  const need = (present: boolean, field: string, source: string): void => {
    if (!present) {
      missing.push({ field, source });
    }
  };
  const text = (value: string | null | undefined): boolean =>
    typeof value === 'string' && value.trim() !== '';
  need(text(receipt.companyName), 'companyName', 'SKVFS 2014:9 7 kap 1 § a');
  need(
    /^\d{6}-\d{4}$/.test(receipt.organisationNumber),
    'organisationNumber',
    'SKVFS 2014:9 7 kap 1 § a',
  );
  need(text(receipt.placeOfSaleAddress), 'placeOfSaleAddress', 'SKVFS 2014:9 7 kap 1 § b');
  need(isIsoInstant(receipt.issuedAt), 'issuedAt', 'SKVFS 2014:9 7 kap 1 § c');
  need(
    Number.isSafeInteger(receipt.receiptNumber) && receipt.receiptNumber >= 1,
    'receiptNumber',
    'SKVFS 2014:9 7 kap 1 § d',
  );
  need(text(receipt.registerId), 'registerId', 'SKVFS 2014:9 7 kap 1 § e');
  need(receipt.lines.length > 0, 'lines', 'SKVFS 2014:9 7 kap 1 § f–h');
  receipt.lines.forEach((line, index) => {
    const letter = line.itemType === 'good' ? 'f' : 'g';
    need(text(line.text), `lines[${index}].text`, `SKVFS 2014:9 7 kap 1 § ${letter}`);
    need(line.quantity !== 0, `lines[${index}].quantity`, `SKVFS 2014:9 7 kap 1 § ${letter}`);
  });
  need(receipt.lines.length === 0 || receipt.vat.length > 0, 'vat', 'SKVFS 2014:9 7 kap 1 § i–j');
  need(
    receipt.kind === 'pro-forma' || receipt.payments.length > 0,
    'payments',
    'SKVFS 2014:9 7 kap 1 § k',
  );
  need(text(receipt.controlUnitSerial), 'controlUnitSerial', 'SKVFS 2014:9 7 kap 1 § l');
  need(text(receipt.controlCode), 'controlCode', 'SKVFS 2014:9 2 kap 15 §');
  need(
    (receipt.kind !== 'copy' && receipt.kind !== 'return') || receipt.original !== null,
    'original',
    'SKVFS 2021:16 LopnummerPaOriginalkvitto',
  );
  return missing;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** Tells whether `text` is an ISO 8601 UTC instant ('2026-04-11T12:32:00Z', optional milliseconds). */
export function isIsoInstant(text: string): boolean {
  return ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text));
}

/**
 * The share of a sold line's `lineAmount` that returning `quantity` of its `soldQuantity` units
 * (pieces or grams) refunds when `returnedBefore` came back already: round(A·(r+k)/n) −
 * round(A·r/n), exact (BigInt), so partial returns add up to the line amount exactly. What the
 * till shows before a return and what buildReturnReceipt puts on the receipt.
 */
export function returnShare(
  lineAmount: Ore,
  soldQuantity: number,
  returnedBefore: number,
  quantity: number,
): Ore {
  if (soldQuantity <= 0) return ore(0);
  const share = (units: number) => proportionalShare(lineAmount, units, soldQuantity);
  return ore(share(returnedBefore + quantity) - share(returnedBefore));
}

// round(amount × units / of), half away from zero, in exact integer arithmetic.
function proportionalShare(amount: Ore, units: number, of: number): number {
  return Number(divideHalfAwayFromZero(BigInt(amount) * BigInt(units), BigInt(of)));
}

function baseReceipt(
  context: ReceiptContext,
  kind: ReceiptKind,
  priced: PricedSale,
): Omit<Receipt, 'payments' | 'rounding' | 'totalToPay' | 'cashTendered' | 'change'> {
  return {
    ...context.header,
    kind,
    issuedAt: context.issuedAt,
    receiptNumber: context.receiptNumber,
    businessDay: priced.businessDay,
    lines: priced.lines.map((p, index): ReceiptLine => ({
      lineNo: index + 1,
      articleNumber: p.line.articleNumber,
      text: p.line.text,
      itemType: p.line.itemType,
      ...(p.line.group === undefined ? {} : { group: p.line.group }),
      unit: p.line.unit,
      quantity: p.line.quantity,
      unitPrice: p.line.unitPrice,
      vatRate: p.line.vatRate,
      discount: ore(p.lineDiscount + p.orderDiscountShare),
      amount: p.amount,
    })),
    discountTotal: priced.discountTotal,
    total: priced.total,
    vat: priced.vat,
    controlUnitSerial: null,
    controlCode: null,
    original: null,
  };
}

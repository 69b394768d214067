/**
 * What the register sends to its control unit for a receipt, and the ledger of requests whose
 * outcome is in doubt (docs/protocols/control-unit.md "Amounts" and "Lost answers"; ADR 7).
 *
 * - Amounts, one rule for sales and returns: Försäljningsbelopp is the receipt's total (the sum
 *   of its lines incl. VAT, before öresavrundning, negative on a return) and Returbelopp is the
 *   absolute value of that total on a return receipt, 0 otherwise. The cash rounding is a
 *   payment matter (Lag 1970:1029) booked apart; the VAT sent is the receipts' own VAT, and the
 *   SKVFS 2021:16 export's TotaltForsaljningsbeloppISvenskaKronor is the same total, so the
 *   unit's data, the journal and the export agree to the öre.
 * - Every request is journaled before it is sent (`control-unit-request`), with exactly these
 *   fields. A number whose outcome is unknown (timeout, lost or malformed answer, the register
 *   stopped while waiting) is "in doubt": it is only ever sent again with identical data, or
 *   given up (`receipt-number-skipped`) — never sent with other data (SKVFS 2014:9 7 kap 1 § d).
 */
import {
  type BusinessDay,
  type ControlUnitReceiptType,
  type JournalEntry,
  type JournalEvent,
  type Receipt,
  type ReceiptRegistration,
  type ReceiptSeries,
  type VatRate,
  businessDayOf,
  formatControlUnitDateTime,
  ore,
  receiptOf,
  receiptSeriesOf,
} from '@kassa/core';

/** The data of a `control-unit-request` entry. */
export type ControlUnitRequest = Extract<JournalEvent, { kind: 'control-unit-request' }>['data'];

/** The control-unit receipt type of a receipt kind. */
function controlUnitReceiptTypeOf(kind: Receipt['kind']): ControlUnitReceiptType {
  switch (kind) {
    case 'copy':
      return 'kopia';
    case 'training':
      return 'ovning';
    case 'pro-forma':
      return 'profo';
    default:
      return 'normal';
  }
}

/** The request for a receipt: the fields the unit gets, with the receipt's number and time. */
export function controlUnitRequestOf(
  receipt: Receipt,
  timeZone: string,
  resend = false,
): ControlUnitRequest {
  const total = receipt.total;
  return {
    series: receiptSeriesOf(receipt.kind),
    receiptNumber: receipt.receiptNumber,
    issuedAt: receipt.issuedAt,
    receiptType: controlUnitReceiptTypeOf(receipt.kind),
    dateTime: formatControlUnitDateTime(Date.parse(receipt.issuedAt), timeZone),
    organisationNumber: receipt.organisationNumber,
    registerId: receipt.registerId,
    // One rule for sales and returns: the unrounded total, its magnitude as the return amount.
    total,
    returnTotal: ore(receipt.kind === 'return' || total < 0 ? Math.abs(total) : 0),
    vat: receipt.vat.map((row) => ({ rate: row.rate, amount: row.vat })),
    resend,
  };
}

/** The driver's registration of a request. */
export function registrationOf(request: ControlUnitRequest): ReceiptRegistration {
  return {
    dateTime: request.dateTime,
    organisationNumber: request.organisationNumber,
    registerId: request.registerId,
    receiptNumber: request.receiptNumber,
    receiptType: request.receiptType,
    total: request.total,
    returnTotal: request.returnTotal,
    vat: request.vat.map((v) => ({ rate: v.rate as VatRate, amount: v.amount })),
  };
}

/** Whether two requests carry the same data to the unit (the `resend` flag aside). */
function sameRequestData(a: ControlUnitRequest, b: ControlUnitRequest): boolean {
  const vat = (r: ControlUnitRequest) => r.vat.map((v) => `${v.rate};${v.amount}`).join('|');
  return (
    a.series === b.series &&
    a.receiptNumber === b.receiptNumber &&
    a.receiptType === b.receiptType &&
    a.dateTime === b.dateTime &&
    a.organisationNumber === b.organisationNumber &&
    a.registerId === b.registerId &&
    a.total === b.total &&
    a.returnTotal === b.returnTotal &&
    vat(a) === vat(b)
  );
}

/** A number in doubt: its first request, and whether its business day is over. */
export interface DoubtfulRequest {
  readonly request: ControlUnitRequest;
  /** The seq of its first request entry. */
  readonly seq: number;
  /** A Z-report was journaled after it: its day is closed, it can no longer be a receipt. */
  readonly dayClosed: boolean;
}

/** Per series: the last request without an outcome, and the number in doubt. */
export class ControlUnitLedger {
  private readonly open = new Map<ReceiptSeries, { request: ControlUnitRequest; seq: number }>();
  private readonly doubt = new Map<ReceiptSeries, DoubtfulRequest>();

  /** Folds one journal entry (in journal order). */
  see(entry: JournalEntry): void {
    switch (entry.kind) {
      case 'control-unit-request': {
        const { series } = entry.data;
        this.open.set(series, { request: entry.data, seq: entry.seq });
        return;
      }
      case 'control-unit-answer': {
        const { series, receiptNumber, outcome } = entry.data;
        const open = this.open.get(series);
        if (open?.request.receiptNumber === receiptNumber) this.open.delete(series);
        if (outcome === 'unknown' && open !== undefined && !this.doubt.has(series)) {
          this.doubt.set(series, { request: open.request, seq: open.seq, dayClosed: false });
        }
        return;
      }
      case 'receipt-number-skipped':
        this.settle(entry.data.series, entry.data.receiptNumber);
        return;
      case 'z-report':
        for (const [series, doubt] of this.doubt) {
          this.doubt.set(series, { ...doubt, dayClosed: true });
        }
        return;
      default: {
        const receipt = receiptOf(entry);
        if (receipt !== undefined)
          this.settle(receiptSeriesOf(receipt.kind), receipt.receiptNumber);
      }
    }
  }

  /**
   * A request was signed: its receipt entry follows in the caller's transaction (a crash before
   * it leaves the request without an outcome, found again when the journal is next read).
   */
  signed(series: ReceiptSeries, receiptNumber: number): void {
    this.settle(series, receiptNumber);
  }

  private settle(series: ReceiptSeries, receiptNumber: number): void {
    if (this.open.get(series)?.request.receiptNumber === receiptNumber) this.open.delete(series);
    if (this.doubt.get(series)?.request.receiptNumber === receiptNumber) this.doubt.delete(series);
  }

  /** Requests journaled with no outcome after them (the register stopped while waiting). */
  unanswered(): { series: ReceiptSeries; receiptNumber: number }[] {
    return [...this.open.values()].map(({ request }) => ({
      series: request.series,
      receiptNumber: request.receiptNumber,
    }));
  }

  /** The number of `series` in doubt, if any. */
  inDoubt(series: ReceiptSeries): DoubtfulRequest | undefined {
    return this.doubt.get(series);
  }
}

/**
 * How a receipt relates to the number in doubt of its series: `resend` — the same data can be
 * sent again as this receipt (same number, same time, same amounts); `skip` — it cannot, and
 * the number is given up first.
 */
export function resolveDoubt(
  doubt: DoubtfulRequest,
  receipt: Receipt,
  timeZone: string,
):
  | { readonly action: 'resend'; readonly receipt: Receipt }
  | { readonly action: 'skip'; readonly reason: 'content-changed' | 'day-over' } {
  const day = (iso: string): BusinessDay => businessDayOf(Date.parse(iso), timeZone);
  if (doubt.dayClosed || day(doubt.request.issuedAt) !== receipt.businessDay) {
    return { action: 'skip', reason: 'day-over' };
  }
  const candidate: Receipt = {
    ...receipt,
    receiptNumber: doubt.request.receiptNumber,
    issuedAt: doubt.request.issuedAt,
  };
  return sameRequestData(controlUnitRequestOf(candidate, timeZone), doubt.request)
    ? { action: 'resend', receipt: candidate }
    : { action: 'skip', reason: 'content-changed' };
}

/**
 * Completing a receipt, one use case for a sale, a pro forma, a copy and a return
 * (docs/spec/sweden-regulation.md §0 items 1, 21, 22):
 *   1. build the receipt with the next number of its series (derived from the journal);
 *   2. journal the request (number, amounts) and send it to the control unit; wait for the
 *      control code — on failure the outcome and the fault are journaled and payment stays
 *      blocked; a number whose outcome is unknown is only ever resent with identical data, or
 *      skipped with the gap journaled (control-unit-session.ts);
 *   3. journal the receipt with its control code and clear the sale, in ONE transaction; its
 *      fsync (which makes the request durable too) runs in the thread pool while the ESC/POS
 *      bytes are rendered (docs/adr/0019-one-fsync-per-sale.md);
 *   4. only once it is on disk, print (and kick the drawer for cash) or answer. A crash before
 *      3 leaves no receipt and nothing printed; a power cut before the fsync is done leaves no
 *      receipt either (nothing was printed or shown); a crash between 3 and 4 leaves a journaled
 *      receipt that was not printed (the cashier can print its one original later,
 *      printing.ts). A disk that does not confirm the fsync stops it before printing
 *      (journal-not-durable).
 * Steps 1–3 run in the engine's queue; printing runs after it, so a slow printer never holds
 * up the next sale's steps.
 */
import {
  type Receipt,
  type ReceiptHeader,
  type ReceiptSeries,
  type Tender,
  buildProFormaReceipt,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  receiptEvent,
} from '@kassa/core';
import type { TenderInput } from '@kassa/contracts';
import type { ControlUnitSession } from '../control-unit-session.js';
import { bad, fromCore, good, type EngineResult } from '../engine-result.js';
import type { WorkingChange } from '../journal-store.js';
import { payStep } from '../pay-trace.js';
import { SALE_KEY, type SaleBuilding } from '../sale/sale-building.js';
import type { Actor, SellingContext } from '../selling-context.js';
import { RESERVATION_KEY } from '../number-reservation.js';
import type { OnDisk, Printing, PrintedReceipt } from './printing.js';
import type { ReceiptBook } from './receipt-book.js';

export class Completing {
  constructor(
    private readonly ctx: SellingContext,
    private readonly sale: SaleBuilding,
    private readonly controlUnit: ControlUnitSession,
    private readonly book: ReceiptBook,
    private readonly printing: Printing,
  ) {}

  /**
   * The receipt header. Without a printer every receipt is electronic (shown on screen, as PDF):
   * the journal then says so, and the receipt carries "elektroniskt kassakvitto" (7 kap 1 § m).
   */
  private header(asked: 'paper' | 'electronic' = 'paper'): ReceiptHeader {
    const delivery = this.ctx.options.settings().printer === 'none' ? 'electronic' : asked;
    return { ...this.ctx.options.identity().header, delivery };
  }

  /**
   * Signs and journals a receipt in one transaction with the working changes (steps 2–3);
   * `onDisk` settles once the commit's fsync is done.
   */
  private async signAndJournal(
    actor: Actor,
    receipt: Receipt,
    working: readonly WorkingChange[],
  ): Promise<EngineResult<{ receipt: Receipt; onDisk: Promise<OnDisk> }>> {
    payStep('built');
    const signed = await this.controlUnit.sign(actor, receipt);
    payStep('signed');
    if (!signed.ok) return signed;
    const { store } = this.ctx;
    const [entry] = store.append(
      [{ event: receiptEvent(signed.value), by: actor.username }],
      receipt.issuedAt,
      working,
      'with-next',
    );
    const onDisk = store.untilDurable().then(
      (): OnDisk => ({ ok: true }),
      (error: unknown): OnDisk => ({ ok: false, detail: String(error) }),
    );
    payStep('receipt-committed');
    if (entry === undefined) return bad('internal-error', 500);
    return good({ receipt: signed.value, onDisk });
  }

  /** Steps 1–3 in the queue (`build` builds the receipt), then step 4. */
  private async complete(
    actor: Actor,
    build: () => EngineResult<{ receipt: Receipt; working: readonly WorkingChange[] }>,
  ): Promise<EngineResult<PrintedReceipt>> {
    const journaled = await this.ctx.step(async () => {
      const built = build();
      if (!built.ok) return built;
      return this.signAndJournal(actor, built.value.receipt, built.value.working);
    });
    if (!journaled.ok) return journaled;
    const { receipt, onDisk } = journaled.value;
    const printed = await this.printing.print(receipt, { by: actor.username, onDisk });
    if (printed === null) {
      const { detail } = (await onDisk) as { ok: false; detail: string };
      return bad('journal-not-durable', 500, { receiptNumber: receipt.receiptNumber, detail });
    }
    return good(printed);
  }

  /** Pays the sale: the receipt is journaled with its control code before anything is printed. */
  pay(
    actor: Actor,
    tenders: readonly TenderInput[],
    delivery: 'paper' | 'electronic',
  ): Promise<EngineResult<PrintedReceipt>> {
    payStep('pay-called');
    return this.complete(actor, () => {
      payStep('step-start');
      const priced = this.sale.price(this.sale.working());
      if (!priced.ok) return priced;
      const training = this.sale.training();
      const series: ReceiptSeries = training ? 'training' : 'receipt';
      const now = this.ctx.now();
      const built = buildSaleReceipt(
        {
          header: this.header(delivery),
          receiptNumber: this.ctx.store.nextNumber(series),
          issuedAt: now.iso,
        },
        priced.value,
        tenders as readonly Tender[],
        { training },
      );
      if (!built.ok) return fromCore(built);
      // The sale is cleared, and with it the number it reserved (number-reservation.ts).
      return good({
        receipt: built.value,
        working: [
          { op: 'delete', key: SALE_KEY },
          { op: 'delete', key: RESERVATION_KEY },
        ],
      });
    });
  }

  /** A pro forma receipt (EJ KVITTO) of the sale; the sale stays. */
  proForma(actor: Actor): Promise<EngineResult<PrintedReceipt>> {
    return this.complete(actor, () => {
      const priced = this.sale.price(this.sale.working());
      if (!priced.ok) return priced;
      const built = buildProFormaReceipt(
        {
          header: this.header(),
          receiptNumber: this.ctx.store.nextNumber('pro-forma'),
          issuedAt: this.ctx.now().iso,
        },
        priced.value,
      );
      if (!built.ok) return fromCore(built);
      return good({ receipt: built.value, working: [] });
    });
  }

  /** The one copy (KOPIA) of a sale or return receipt. */
  copy(actor: Actor, receiptNumber: number): Promise<EngineResult<PrintedReceipt>> {
    return this.complete(actor, () => {
      const original = this.book.receipt(receiptNumber);
      if (original === undefined) return bad('receipt-not-found', 404, { receiptNumber });
      const built = buildReceiptCopy(
        { receiptNumber: this.ctx.store.nextNumber('copy'), issuedAt: this.ctx.now().iso },
        original,
        this.book.copies(receiptNumber),
      );
      if (!built.ok) return fromCore(built);
      return good({ receipt: built.value, working: [] });
    });
  }

  /** A return receipt against an original sale receipt. */
  returnItems(
    actor: Actor,
    originalReceiptNumber: number,
    items: readonly { lineNo: number; quantity: number }[],
    refunds: readonly TenderInput[],
  ): Promise<EngineResult<PrintedReceipt>> {
    return this.complete(actor, () => {
      const original = this.book.receipt(originalReceiptNumber);
      if (original === undefined) {
        return bad('receipt-not-found', 404, { receiptNumber: originalReceiptNumber });
      }
      const now = this.ctx.now();
      const built = buildReturnReceipt(
        {
          header: this.header(),
          receiptNumber: this.ctx.store.nextNumber('receipt'),
          issuedAt: now.iso,
          businessDay: now.day,
        },
        original,
        this.book.previousReturns(originalReceiptNumber),
        items,
        refunds as readonly Tender[],
      );
      if (!built.ok) return fromCore(built);
      return good({ receipt: built.value, working: [] });
    });
  }
}

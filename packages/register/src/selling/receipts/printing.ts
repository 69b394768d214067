/**
 * Printing a journaled receipt (the last step of completing one): the original once on paper,
 * the drawer kicked when cash changed hands, and what printing did journaled
 * (receipt-printout). Printing never undoes a sale: a receipt that did not come out is printed
 * as the original later, once; then only the one copy (KOPIA) remains. Without a printer every
 * receipt is electronic (7 kap 1 § m).
 */
import type { PrintOutcome } from '@kassa/contracts';
import type { Receipt } from '@kassa/core';
import { renderEscPos } from '@kassa/documents';
import { DRAWER_KICK } from '../../printer/printers.js';
import { bad, good, type EngineResult } from '../engine-result.js';
import { payStep } from '../pay-trace.js';
import type { Actor, SellingContext } from '../selling-context.js';
import { printoutKey, type ReceiptBook } from './receipt-book.js';

/** Whether a receipt's commit reached the disk (JournalStore.untilDurable). */
export type OnDisk = { readonly ok: true } | { readonly ok: false; readonly detail: string };

/** A receipt as it left the register: what printing did and whether the drawer opened. */
export interface PrintedReceipt {
  readonly receipt: Receipt;
  readonly print: PrintOutcome;
  readonly drawerOpened: boolean;
}

export class Printing {
  /** Receipts being printed now (at payment or later), so one is never printed twice at once. */
  private readonly printing = new Set<string>();

  constructor(
    private readonly ctx: SellingContext,
    private readonly book: ReceiptBook,
  ) {}

  /** Claims a receipt for printing; false while another printout of it runs. */
  private begin(receipt: Receipt): boolean {
    const key = printoutKey(receipt);
    if (this.printing.has(key)) return false;
    this.printing.add(key);
    return true;
  }

  /**
   * Journals what printing a receipt did (receipt-printout) and releases the claim; a printed
   * one is marked in the same transaction, so it is never printed as the original again.
   */
  private end(
    by: string | undefined,
    receipt: Receipt,
    outcome: { status: 'printed' | 'failed'; code?: string },
    later: boolean,
  ): Promise<void> {
    const key = printoutKey(receipt);
    return this.ctx
      .queued(() => {
        const printed = outcome.status === 'printed';
        this.ctx.store.append(
          [
            {
              event: {
                kind: 'receipt-printout',
                data: {
                  receiptKind: receipt.kind,
                  receiptNumber: receipt.receiptNumber,
                  outcome: outcome.status,
                  ...(outcome.code === undefined ? {} : { code: outcome.code }),
                  later,
                },
              },
              by,
            },
          ],
          this.ctx.now().iso,
          printed ? [{ op: 'put', key, value: { at: this.ctx.now().iso } }] : [],
          // The paper is out (or not) before this is journaled either way: committed before
          // the answer, its fsync right after (docs/adr/0013-pay-path-and-its-commits.md).
          'after',
        );
      })
      .finally(() => this.printing.delete(key));
  }

  /**
   * Prints a journaled receipt (paper delivery) and kicks the drawer when cash changed hands;
   * the outcome is journaled. `later`: the original printed afterwards from Kvitton (claimed by
   * printOriginalLater; no drawer kick). `onDisk`: the receipt's commit is being fsync'd — the
   * bytes are rendered meanwhile, and nothing is printed (null is returned) unless it reached
   * the disk.
   */
  async print(
    receipt: Receipt,
    options: { by?: string; later?: boolean; onDisk?: Promise<OnDisk> } = {},
  ): Promise<PrintedReceipt | null> {
    const later = options.later === true;
    const cash = receipt.payments.some((p) => p.method === 'cash' && p.amount !== 0);
    const kick = cash && receipt.kind !== 'copy' && receipt.kind !== 'pro-forma';
    const printBytes = this.ctx.options.printBytes;
    const onDisk = options.onDisk ?? Promise.resolve<OnDisk>({ ok: true });
    if (receipt.delivery === 'electronic') {
      if (!(await onDisk).ok) return null;
      const print = kick ? await printBytes(DRAWER_KICK) : { status: 'no-printer' as const };
      return {
        receipt,
        print: { status: 'no-printer' },
        drawerOpened: kick && print.status === 'printed',
      };
    }
    payStep('print-start');
    const receiptBytes = renderEscPos(receipt, { timeZone: this.ctx.options.timeZone });
    payStep('escpos-rendered');
    if (!(await onDisk).ok) return null;
    payStep('on-disk');
    const bytes = kick && !later ? concat(receiptBytes, DRAWER_KICK) : receiptBytes;
    if (!later && !this.begin(receipt)) {
      return { receipt, print: { status: 'no-printer' }, drawerOpened: false };
    }
    payStep('begun');
    const print = await printBytes(bytes);
    payStep('printed');
    if (print.status === 'no-printer') {
      this.printing.delete(printoutKey(receipt));
    } else {
      await this.end(
        options.by,
        receipt,
        print.status === 'printed'
          ? { status: 'printed' }
          : { status: 'failed', code: print.code ?? 'printer-write-failed' },
        later,
      );
    }
    payStep('printout-committed');
    return { receipt, print, drawerOpened: kick && !later && print.status === 'printed' };
  }

  /**
   * A sale or return receipt that was journaled but never printed (printer off, out of paper):
   * printed as the original once, later. Then only the one copy (KOPIA) remains.
   */
  async printOriginalLater(
    actor: Actor,
    receiptNumber: number,
  ): Promise<EngineResult<PrintedReceipt>> {
    const claimed = await this.ctx.step((): EngineResult<Receipt> => {
      const receipt = this.book.receipt(receiptNumber);
      if (receipt === undefined) return bad('receipt-not-found', 404, { receiptNumber });
      if (receipt.delivery !== 'paper') return bad('receipt-not-paper', 409, { receiptNumber });
      if (this.ctx.options.settings().printer === 'none') return bad('no-printer', 409);
      if (this.ctx.store.working(printoutKey(receipt)) !== undefined) {
        return bad('receipt-already-printed', 409, { receiptNumber });
      }
      if (!this.begin(receipt)) return bad('receipt-print-in-progress', 409, { receiptNumber });
      return good(receipt);
    }, actor.username);
    if (!claimed.ok) return claimed;
    const printed = await this.print(claimed.value, { by: actor.username, later: true });
    return printed === null ? bad('internal-error', 500) : good(printed);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

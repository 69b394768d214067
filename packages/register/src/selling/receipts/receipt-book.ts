/**
 * The journaled receipts as the till reads them: one by number, the latest, what of a sale is
 * still returnable, whether its one copy was made and whether its original was printed.
 */
import { type Receipt, receiptOf } from '@kassa/core';
import type { JournalStore } from '../journal-store.js';

/** The working-state key that marks a receipt as printed. */
export function printoutKey(receipt: Receipt): string {
  return `printout:${receipt.kind}:${receipt.receiptNumber}`;
}

export class ReceiptBook {
  constructor(private readonly store: () => JournalStore) {}

  /** The journaled sale or return receipt with this number. */
  receipt(receiptNumber: number): Receipt | undefined {
    const entry = this.store().receipt('receipt', receiptNumber);
    return entry === undefined ? undefined : receiptOf(entry);
  }

  /** The receipts referring to a receipt of this number (its copy and its returns). */
  private referring(receiptNumber: number): Receipt[] {
    return this.store()
      .receiptsReferring(receiptNumber)
      .map((e) => receiptOf(e))
      .filter((r): r is Receipt => r !== undefined);
  }

  /** The copies (KOPIA) made of a receipt: at most one. */
  copies(receiptNumber: number): Receipt[] {
    return this.referring(receiptNumber).filter((r) => r.kind === 'copy');
  }

  /** The return receipts against a sale receipt. */
  previousReturns(receiptNumber: number): Receipt[] {
    return this.referring(receiptNumber).filter((r) => r.kind === 'return');
  }

  /** What is still returnable per line of a sale receipt. */
  returnable(receiptNumber: number): { lineNo: number; quantity: number }[] {
    const original = this.receipt(receiptNumber);
    if (original?.kind !== 'sale') return [];
    const returns = this.previousReturns(receiptNumber);
    return original.lines.map((line) => ({
      lineNo: line.lineNo,
      quantity:
        line.quantity +
        returns
          .flatMap((r) => r.lines.filter((l) => l.lineNo === line.lineNo))
          .reduce((acc, l) => acc + l.quantity, 0),
    }));
  }

  /** The latest sale and return receipts, newest first. */
  latest(limit: number): Receipt[] {
    return this.store()
      .latestReceipts(limit)
      .map((e) => receiptOf(e))
      .filter((r): r is Receipt => r !== undefined);
  }

  /** Whether the one copy of a receipt was made. */
  copied(receiptNumber: number): boolean {
    return this.store()
      .receiptsReferring(receiptNumber)
      .some((e) => receiptOf(e)?.kind === 'copy');
  }

  /** True when the original of sale or return receipt `receiptNumber` came out of the printer. */
  printed(receiptNumber: number): boolean {
    const receipt = this.receipt(receiptNumber);
    return receipt !== undefined && this.store().working(printoutKey(receipt)) !== undefined;
  }
}

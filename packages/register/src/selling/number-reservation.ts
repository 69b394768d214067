/**
 * The number a sale will take, reserved on disk before its control-unit request is committed
 * without waiting for its fsync (docs/adr/0019-one-fsync-per-sale.md).
 *
 * A sale's first line is journaled with an fsync; in that transaction the working row
 * `control-unit-reservation` names the series, the number the receipt will have and the PC's
 * start (machine-boot.ts). Paying with that number then commits the request with
 * synchronous=NORMAL and sends it at once; the receipt's commit (fsync'd before anything is
 * printed or answered) makes both durable and clears the reservation. A number that is not the
 * reserved one (a return took it meanwhile, a number in doubt was given up) is requested the
 * slow way: committed with its fsync before it is sent.
 *
 * When the register opens: a reservation from another start of the PC whose number has no
 * request in the journal may be a request lost in a power cut after the unit registered it —
 * the number is given up (`receipt-number-skipped`, reason `restarted-while-reserved`) so it
 * never gets a second content (SKVFS 2014:9 7 kap 1 §). From the same start nothing written
 * was lost (the operating system still had it), so the number is free.
 */
import type { ReceiptSeries } from '@kassa/core';
import type { WorkingChange } from './journal-store.js';
import { machineBoot } from './machine-boot.js';
import type { SellingContext } from './selling-context.js';

export const RESERVATION_KEY = 'control-unit-reservation';

/** The series a sale's receipt is numbered in. */
export type SaleSeries = Extract<ReceiptSeries, 'receipt' | 'training'>;

export interface Reservation {
  readonly series: SaleSeries;
  readonly receiptNumber: number;
  readonly boot: string;
}

function isReservation(value: unknown): value is Reservation {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    (r.series === 'receipt' || r.series === 'training') &&
    typeof r.receiptNumber === 'number' &&
    typeof r.boot === 'string'
  );
}

export class NumberReservation {
  private settled = false;
  private bootId: string | null = null;

  constructor(private readonly ctx: SellingContext) {}

  private boot(): string {
    this.bootId ??= (this.ctx.options.machineBoot ?? machineBoot)();
    return this.bootId;
  }

  /** The reservation on disk, if any. */
  current(): Reservation | undefined {
    const value = this.ctx.store.working(RESERVATION_KEY);
    return isReservation(value) ? value : undefined;
  }

  /**
   * Once per process, before a sale is saved or a request sent: a reservation left by another
   * start of the PC is settled (the number given up when its request may have been lost).
   */
  settle(by?: string): void {
    if (this.settled) return;
    this.settled = true;
    const reserved = this.current();
    if (reserved === undefined || reserved.boot === this.boot()) return;
    const { store } = this.ctx;
    const clear: WorkingChange = { op: 'delete', key: RESERVATION_KEY };
    const requested = store.controlUnitRequests(reserved.series, { limit: 1 })[0];
    const lastRequested =
      requested?.kind === 'control-unit-request' ? requested.data.receiptNumber : null;
    const unused = store.nextNumber(reserved.series) === reserved.receiptNumber;
    if (!unused || lastRequested === reserved.receiptNumber) {
      // The number was used, or its request is in the journal (the unit's answer is then in
      // doubt, which control-unit-session.ts resolves): nothing was lost.
      store.changeWorking([clear]);
      return;
    }
    store.append(
      [
        {
          event: {
            kind: 'receipt-number-skipped',
            data: {
              series: reserved.series,
              receiptNumber: reserved.receiptNumber,
              reason: 'restarted-while-reserved',
            },
          },
          by,
        },
      ],
      this.ctx.now().iso,
      [clear],
    );
  }

  /**
   * The working change that keeps the reservation right for a sale being saved: the next number
   * of its series while the sale has lines, none once it has none (paid, parked, emptied).
   */
  changeFor(series: SaleSeries, hasLines: boolean): WorkingChange | null {
    const reserved = this.current();
    if (!hasLines) return reserved === undefined ? null : { op: 'delete', key: RESERVATION_KEY };
    const wanted: Reservation = {
      series,
      receiptNumber: this.ctx.store.nextNumber(series),
      boot: this.boot(),
    };
    if (
      reserved?.series === wanted.series &&
      reserved.receiptNumber === wanted.receiptNumber &&
      reserved.boot === wanted.boot
    ) {
      return null;
    }
    return { op: 'put', key: RESERVATION_KEY, value: wanted };
  }

  /** True when `receiptNumber` of `series` is reserved on disk from this start of the PC. */
  holds(series: ReceiptSeries, receiptNumber: number): boolean {
    const reserved = this.current();
    return (
      reserved !== undefined &&
      reserved.series === series &&
      reserved.receiptNumber === receiptNumber &&
      reserved.boot === this.boot()
    );
  }
}

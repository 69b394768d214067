/**
 * The selling engine of one register: the sale under construction, payment through the control
 * unit, the journal, printing and the day reports. The local API (selling-routes.ts) is a thin
 * HTTP layer over it; tests drive it directly too.
 *
 * Order of a completed sale (docs/spec/sweden-regulation.md §0 items 1, 21, 22):
 *   1. build the receipt with the next number of its series (derived from the journal);
 *   2. journal the request (number, amounts) and send it to the control unit; wait for the
 *      control code — on failure the outcome and the fault are journaled and payment stays
 *      blocked; a number whose outcome is unknown is only ever resent with identical data, or
 *      skipped with the gap journaled (docs/protocols/control-unit.md "Lost answers");
 *   3. journal the receipt with its control code and clear the sale, in ONE transaction
 *      (fsync'd: WAL + synchronous=FULL);
 *   4. only then print (and kick the drawer for cash). A crash before 3 leaves no receipt and
 *      nothing printed; a crash between 3 and 4 leaves a journaled receipt that was not printed
 *      (the cashier can print its one copy).
 * Every step that changes something is serialised (one at a time), so two requests can never
 * take the same number.
 */
import { randomUUID } from 'node:crypto';
import {
  type BusinessDay,
  type ControlUnitDriver,
  type ControlUnitReceiptType,
  type Discount,
  type JournalEntry,
  type JournalEvent,
  type LineInput,
  type Ore,
  type PricedSale,
  type Receipt,
  type ReceiptHeader,
  type ReceiptSeries,
  type Sale,
  type Tender,
  type VatCategory,
  type XReport,
  type ZReport,
  addLine,
  buildProFormaReceipt,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  finishXReport,
  finishZReport,
  createSale,
  formatKronor,
  ore,
  priceSale,
  receiptEvent,
  receiptSeriesOf,
  receiptOf,
  roundCashAmount,
  setLineDiscount,
  setOrderDiscount,
  validateReceiptRegistration,
  withControlCode,
} from '@kassa/core';
import type {
  AddLineBody,
  ControlUnitState,
  DiscountInput,
  LocalProduct,
  ParkedSale,
  RegisterSettings,
  SaleView,
  TenderInput,
} from '@kassa/contracts';
import { SIMULATED_SERIAL_PREFIX } from '@kassa/documents';
import { failure, type Failure } from '../failure.js';
import { formatSwedishDateTime } from '../terminal-choice.js';
import {
  ControlUnitLedger,
  controlUnitRequestOf,
  registrationOf,
  resolveDoubt,
} from './control-unit-request.js';
import { controlUnitLedgerEntries, dayReportState } from './journal-reads.js';
import { dayFinder } from './journal-state.js';
import type { JournalStore, PendingEvent, WorkingChange } from './journal-store.js';
import { payStep } from './pay-trace.js';

/** Who is acting: the signed-in cashier. */
export interface Actor {
  readonly username: string;
  readonly role: 'admin' | 'manager' | 'cashier';
}

/** What the engine needs to know about the shop and the register for receipts and reports. */
export interface RegisterIdentity {
  readonly header: Omit<ReceiptHeader, 'delivery'>;
  /** Tillverkningsnummer of the register. */
  readonly registerSerialNumber: string;
}

/** A control unit as the engine uses it. */
export interface EngineControlUnit {
  readonly driver: ControlUnitDriver;
  /** True for the simulator: receipts say they are not signed by a certified unit. */
  readonly simulated: boolean;
}

export interface SellingEngineOptions {
  readonly store: JournalStore;
  /** Epoch milliseconds; injected so tests control time. */
  readonly clock: () => number;
  readonly timeZone: string;
  readonly identity: () => RegisterIdentity;
  readonly catalogue: () => readonly LocalProduct[];
  readonly controlUnit: () => EngineControlUnit;
  readonly settings: () => RegisterSettings;
  /**
   * A clock that only moves forward (performance.now in production): with it, a jump of the
   * wall clock while the register runs is seen and journaled. Absent: no jump detection.
   */
  readonly monotonic?: () => number;
  /** The server's clock minus this PC's, as last measured by the sync (null: not known). */
  readonly serverClockOffsetMs?: () => number | null;
}

/** A wall clock behind the journal by at most this much is read as the journal's time (NTP steps). */
export const CLOCK_BACK_TOLERANCE_MS = 60_000;
/** The PC's clock may differ this much from the server's (the device-signature window, doctor). */
export const CLOCK_SERVER_LIMIT_MS = 5 * 60_000;
/**
 * The years a receipt may be dated in: those the SKVFS 2021:16 export can hold (its date type),
 * so that no receipt ever becomes unexportable (a BIOS clock reset, a jump of years offline).
 */
export const CLOCK_YEARS = { first: 2010, last: 2099 } as const;
/** A wall-clock jump of this size while running is journaled (clock-jumped). */
export const CLOCK_JUMP_MS = 5 * 60_000;

type ClockTrouble = 'behind-journal' | 'differs-from-server' | 'out-of-range';

/** An engine step's answer: a value, or a failure with its HTTP status. */
export type EngineResult<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** A completed receipt: journaled, with the entry it is in. */
export interface CompletedReceipt {
  readonly receipt: Receipt;
  readonly entry: JournalEntry;
}

interface WorkingLine {
  readonly input: LineInput;
  readonly discount: Discount | null;
}

interface WorkingSale {
  readonly consumption: 'eat-in' | 'take-away';
  readonly lines: readonly WorkingLine[];
  readonly orderDiscount: Discount | null;
}

interface StoredParkedSale {
  readonly parkingId: string;
  readonly parkedAt: string;
  readonly by: string;
  readonly note: string | null;
  readonly sale: WorkingSale;
  readonly total: Ore;
}

const SALE_KEY = 'sale';
const TRAINING_KEY = 'training';
const PARKED_PREFIX = 'parked:';
const EMPTY_SALE: WorkingSale = { consumption: 'take-away', lines: [], orderDiscount: null };
const FULL_PERMISSION = 10_000;

function bad(
  code: Parameters<typeof failure>[0],
  status: number,
  details?: Record<string, unknown>,
) {
  return { ok: false as const, failure: { ...failure(code, details), status } };
}

function good<T>(value: T): EngineResult<T> {
  return { ok: true, value };
}

const MONEY_DETAILS = ['due', 'missing', 'nonCash', 'discount', 'allowed', 'amount', 'total'];

/** The HTTP status of a core failure code. */
function statusOfCore(code: string): number {
  switch (code) {
    case 'line-not-found':
    case 'receipt-not-found':
    case 'return-line-not-found':
      return 404;
    case 'discount-beyond-permission':
      return 403;
    case 'copy-limit-reached':
    case 'copy-of-non-original':
    case 'return-original-not-sale':
    case 'return-quantity-exceeds-sold':
    case 'earlier-day-not-closed':
    case 'later-day-already-closed':
    case 'sale-empty':
      return 409;
    default:
      return 400;
  }
}

function fromCore<T>(failed: { readonly ok: false; readonly code: string }): EngineResult<T> {
  const rest: Record<string, unknown> = { ...(failed as Record<string, unknown>) };
  delete rest.ok;
  delete rest.code;
  const details = Object.keys(rest).length === 0 ? undefined : rest;
  let extra = details;
  if (details !== undefined) {
    extra = { ...details };
    // Money in messages is shown as kronor ("12,50 kr"): {missing} → {missingKr}.
    for (const key of MONEY_DETAILS) {
      const value = details[key];
      if (typeof value === 'number') extra[`${key}Kr`] = formatKronor(ore(value));
    }
    if (failed.code === 'discount-beyond-permission') {
      extra.maxDiscountPercent = Number(details.maxDiscountRate) / 100;
    }
  }
  return bad(failed.code as Parameters<typeof failure>[0], statusOfCore(failed.code), extra);
}

/** The control-unit receipt type of a receipt kind. */
export function controlUnitTypeOf(kind: Receipt['kind']): ControlUnitReceiptType {
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

/** The working-state key that marks a receipt as printed. */
function printoutKey(receipt: Receipt): string {
  return `printout:${receipt.kind}:${receipt.receiptNumber}`;
}

/** A mutex: runs tasks one at a time, in order. */
class Serial {
  private last: Promise<unknown> = Promise.resolve();
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const next = this.last.then(task, task);
    this.last = next.catch(() => undefined);
    return next;
  }
}

export class SellingEngine {
  private readonly serial = new Serial();
  private cuState: ControlUnitState = {
    state: 'unknown',
    serialNumber: null,
    simulated: false,
    problem: null,
  };

  /** The business day of an instant; the day's bounds are kept, so Intl runs once a day. */
  private readonly dayOf: (epochMs: number) => BusinessDay;

  constructor(private readonly options: SellingEngineOptions) {
    this.dayOf = dayFinder(options.timeZone);
  }

  get store(): JournalStore {
    return this.options.store;
  }

  /** The time of the last journal entry, cached per head. */
  private lastAtCache: { seq: number; epochMs: number } | null = null;
  /** The clock problem journaled last (null: the clock is sane). */
  private clockTrouble: { kind: ClockTrouble; failure: Failure } | null = null;
  private lastReading: { wall: number; mono: number } | null = null;

  private lastEntryAt(): number | null {
    // The last row's seq and time only: the entry's data is not read (a receipt's is kilobytes).
    const last = this.store.lastAt();
    if (last === null) return null;
    if (this.lastAtCache?.seq !== last.seq) {
      this.lastAtCache = { seq: last.seq, epochMs: Date.parse(last.at) };
    }
    return this.lastAtCache.epochMs;
  }

  /**
   * The time entries are dated with: the wall clock, but never before the last journal entry
   * (receipts are dated in journal order, so no sale can fall on a day already closed by a Z).
   * A clock further behind than CLOCK_BACK_TOLERANCE_MS stops selling (checkClock).
   */
  private now(): { epochMs: number; iso: string; day: BusinessDay } {
    const wall = this.options.clock();
    const last = this.lastEntryAt();
    const year = new Date(wall).getUTCFullYear();
    // A clock outside the exportable years never dates an entry (checkClock stops selling).
    const usable =
      year >= CLOCK_YEARS.first && year <= CLOCK_YEARS.last
        ? wall
        : (last ?? Date.UTC(CLOCK_YEARS.first, 0, 1));
    const epochMs = Math.max(usable, last ?? 0);
    return {
      epochMs,
      iso: new Date(epochMs).toISOString(),
      day: this.dayOf(epochMs),
    };
  }

  businessDay(): BusinessDay {
    return this.now().day;
  }

  /** The clock problem that stops selling now, if any (for the status). */
  clockProblem(): Failure | null {
    return this.clockTrouble?.failure ?? null;
  }

  /**
   * Checks the PC's clock before a step that journals (SKVFS 2014:9: receipts carry the date and
   * time of the sale; the journal is in time order). Refuses while the clock is behind the last
   * entry or more than 5 minutes from the server's; journals the fault once and its end; journals
   * a jump of the wall clock while running. docs/domain/receipts-journal-reports.md.
   */
  private checkClock(by: string | undefined): EngineResult<void> {
    const wall = this.options.clock();
    const mono = this.options.monotonic?.();
    const lastAt = this.lastEntryAt();
    const events: JournalEvent[] = [];
    if (mono !== undefined && this.lastReading !== null) {
      const expected = this.lastReading.wall + (mono - this.lastReading.mono);
      const jumpMs = Math.round(wall - expected);
      if (Math.abs(jumpMs) >= CLOCK_JUMP_MS) {
        events.push({
          kind: 'clock-jumped',
          data: {
            from: new Date(expected).toISOString(),
            to: new Date(wall).toISOString(),
            jumpMs,
          },
        });
      }
    }
    if (mono !== undefined) this.lastReading = { wall, mono };
    const offset = this.options.serverClockOffsetMs?.() ?? null;
    let trouble: {
      kind: ClockTrouble;
      failure: Failure;
      differenceMs: number;
      reference: string;
    } | null = null;
    const year = new Date(wall).getUTCFullYear();
    if (year < CLOCK_YEARS.first || year > CLOCK_YEARS.last) {
      trouble = {
        kind: 'out-of-range',
        failure: {
          ...failure('clock-out-of-range', {
            clock: formatSwedishDateTime(new Date(wall).toISOString()),
          }),
          status: 409,
        },
        differenceMs: lastAt === null ? 0 : Math.round(wall - lastAt),
        reference:
          lastAt === null
            ? `${CLOCK_YEARS.first}–${CLOCK_YEARS.last}`
            : new Date(lastAt).toISOString(),
      };
    } else if (lastAt !== null && lastAt - wall > CLOCK_BACK_TOLERANCE_MS) {
      const details = {
        clock: formatSwedishDateTime(new Date(wall).toISOString()),
        lastEntry: formatSwedishDateTime(new Date(lastAt).toISOString()),
      };
      trouble = {
        kind: 'behind-journal',
        failure: { ...failure('clock-behind-journal', details), status: 409 },
        differenceMs: Math.round(wall - lastAt),
        reference: new Date(lastAt).toISOString(),
      };
    } else if (offset !== null && Math.abs(offset) >= CLOCK_SERVER_LIMIT_MS) {
      const minutes = Math.round(Math.abs(offset) / 60_000);
      trouble = {
        kind: 'differs-from-server',
        failure: {
          ...failure('clock-differs-from-server', {
            minutes,
            direction: offset > 0 ? 'efter' : 'före',
          }),
          status: 409,
        },
        differenceMs: Math.round(-offset),
        reference: new Date(wall + offset).toISOString(),
      };
    }
    if (trouble !== null && this.clockTrouble?.kind !== trouble.kind) {
      events.push({
        kind: 'clock-fault',
        data: {
          reason: trouble.kind,
          clock: new Date(wall).toISOString(),
          reference: trouble.reference,
          differenceMs: trouble.differenceMs,
        },
      });
    } else if (trouble === null && this.clockTrouble !== null) {
      events.push({ kind: 'clock-restored', data: { clock: new Date(wall).toISOString() } });
    }
    if (events.length > 0) {
      this.store.append(
        events.map((event) => ({ event, by })),
        this.now().iso,
      );
    }
    this.clockTrouble = trouble === null ? null : { kind: trouble.kind, failure: trouble.failure };
    return trouble === null ? good(undefined) : { ok: false, failure: trouble.failure };
  }

  /** One selling step: in order with the others, and only while the clock is sane. */
  private step<T>(
    task: () => Promise<EngineResult<T>> | EngineResult<T>,
    by?: string,
  ): Promise<EngineResult<T>> {
    return this.serial.run(() => {
      const clock = this.checkClock(by);
      return clock.ok ? task() : clock;
    });
  }

  training(): boolean {
    return this.store.working<boolean>(TRAINING_KEY) === true;
  }

  controlUnitState(): ControlUnitState {
    const simulated =
      this.options.controlUnit().simulated ||
      this.cuState.serialNumber?.startsWith(SIMULATED_SERIAL_PREFIX) === true;
    return { ...this.cuState, simulated };
  }

  /** Business days before today with sales and no Z (a Z is due for each, in order). */
  zPending(): BusinessDay[] {
    const today = this.businessDay();
    // Kept in the journal file with each entry (journal-state.ts): the status never scans.
    return this.store.openDays().filter((d) => d < today);
  }

  private maxDiscountRate(actor: Actor): number {
    return actor.role === 'cashier'
      ? this.options.settings().cashierMaxDiscountRate
      : FULL_PERMISSION;
  }

  private working(): WorkingSale {
    return this.store.working<WorkingSale>(SALE_KEY) ?? EMPTY_SALE;
  }

  /** Rebuilds the core sale from the working lines for today's business day. */
  private build(working: WorkingSale): EngineResult<Sale> {
    let sale = createSale(this.businessDay(), working.consumption);
    for (const line of working.lines) {
      const added = addLine(sale, line.input);
      if (!added.ok) return fromCore(added);
      sale = added.value;
      if (line.discount !== null) {
        const discounted = setLineDiscount(sale, line.input.lineId, line.discount, {
          maxDiscountRate: FULL_PERMISSION,
        });
        if (!discounted.ok) return fromCore(discounted);
        sale = discounted.value;
      }
    }
    if (working.orderDiscount !== null) {
      const discounted = setOrderDiscount(sale, working.orderDiscount, {
        maxDiscountRate: FULL_PERMISSION,
      });
      if (!discounted.ok) return fromCore(discounted);
      sale = discounted.value;
    }
    return good(sale);
  }

  private price(working: WorkingSale): EngineResult<PricedSale> {
    const built = this.build(working);
    if (!built.ok) return built;
    const priced = priceSale(built.value);
    return priced.ok ? good(priced.value) : fromCore(priced);
  }

  /** The sale under construction, priced, as the POS shows it. */
  view(actor: Actor): SaleView {
    const working = this.working();
    const priced = this.price(working);
    const lines = priced.ok ? priced.value.lines : [];
    const total = priced.ok ? priced.value.total : ore(0);
    return {
      consumption: working.consumption,
      training: this.training(),
      lines: lines.map((p) => {
        const stored = working.lines.find((l) => l.input.lineId === p.line.lineId);
        return {
          lineId: p.line.lineId,
          articleNumber: p.line.articleNumber,
          text: p.line.text,
          itemType: p.line.itemType,
          group: p.line.group ?? null,
          unit: p.line.unit,
          quantity: p.line.quantity,
          unitPrice: p.line.unitPrice,
          vatRate: p.line.vatRate,
          discount: stored?.discount ?? null,
          discountAmount: p.lineDiscount + p.orderDiscountShare,
          amount: p.amount,
        };
      }),
      orderDiscount: working.orderDiscount,
      discountTotal: priced.ok ? priced.value.discountTotal : 0,
      total,
      cashTotal: roundCashAmount(total).rounded,
      vat: priced.ok ? priced.value.vat.map((v) => ({ ...v })) : [],
      maxDiscountRate: this.maxDiscountRate(actor),
      parkedCount: this.store.workingWithPrefix(PARKED_PREFIX).length,
    };
  }

  private save(
    actor: Actor,
    events: readonly JournalEvent[],
    working: WorkingSale | null,
    extra: readonly WorkingChange[] = [],
  ): JournalEntry[] {
    const changes: WorkingChange[] = [
      working === null || working.lines.length === 0
        ? { op: 'delete', key: SALE_KEY }
        : { op: 'put', key: SALE_KEY, value: working },
      ...extra,
    ];
    const pending: PendingEvent[] = events.map((event) => ({ event, by: actor.username }));
    if (pending.length === 0) {
      this.store.changeWorking(changes);
      return [];
    }
    return this.store.append(pending, this.now().iso, changes);
  }

  // ---- Building the sale ----

  addLine(actor: Actor, body: AddLineBody): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      const products = this.options.catalogue();
      const product =
        'barcode' in body
          ? products.find(
              (p) => p.barcodes.includes(body.barcode) || p.articleNumber === body.barcode,
            )
          : products.find((p) => p.articleNumber === body.articleNumber);
      if (product === undefined) {
        return bad('article-not-found', 404, {
          code: 'barcode' in body ? body.barcode : body.articleNumber,
        });
      }
      const weighed = product.unit === 'kilogram';
      if (weighed && body.grams === undefined) {
        return bad('weight-required', 400, { name: product.name });
      }
      if (!weighed && body.grams !== undefined) {
        return bad('weight-not-allowed', 400, { name: product.name });
      }
      const working = this.working();
      const lineId = randomUUID();
      const input: LineInput = {
        lineId,
        articleNumber: product.articleNumber,
        text: product.name,
        itemType: product.kind,
        vatCategory: product.vatCategory as VatCategory,
        ...(product.group === null ? {} : { group: product.group }),
        pricing: weighed
          ? { unit: 'gram', pricePerKilogram: ore(product.priceOre), grams: body.grams ?? 0 }
          : { unit: 'piece', unitPrice: ore(product.priceOre), quantity: body.quantity ?? 1 },
      };
      const next: WorkingSale = {
        ...working,
        lines: [...working.lines, { input, discount: null }],
      };
      const built = this.build(next);
      if (!built.ok) return built;
      const line = built.value.lines.at(-1);
      if (line === undefined) return bad('line-not-found', 404);
      this.save(
        actor,
        [
          {
            kind: 'line-added',
            data: {
              lineId,
              articleNumber: line.articleNumber,
              text: line.text,
              unit: line.unit,
              quantity: line.quantity,
              unitPrice: line.unitPrice,
              vatRate: line.vatRate,
            },
          },
        ],
        next,
      );
      return good(this.view(actor));
    });
  }

  changeLine(
    actor: Actor,
    lineId: string,
    change: { quantity?: number | undefined; discount?: DiscountInput | null | undefined },
  ): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      const working = this.working();
      const current = working.lines.find((l) => l.input.lineId === lineId);
      if (current === undefined) return bad('line-not-found', 404, { lineId });
      const before = this.price(working);
      let input = current.input;
      if (change.quantity !== undefined) {
        input = {
          ...input,
          pricing:
            input.pricing.unit === 'piece'
              ? { ...input.pricing, quantity: change.quantity }
              : { ...input.pricing, grams: change.quantity },
        };
      }
      const discount =
        change.discount === undefined ? current.discount : (change.discount as Discount | null);
      const next: WorkingSale = {
        ...working,
        lines: working.lines.map((l) => (l.input.lineId === lineId ? { input, discount } : l)),
      };
      // Check the discount against the cashier's permission on the line's new gross.
      let sale = this.build({ ...next, lines: next.lines.map((l) => ({ ...l, discount: null })) });
      if (!sale.ok) return sale;
      if (discount !== null) {
        const checked = setLineDiscount(sale.value, lineId, discount, {
          maxDiscountRate: this.maxDiscountRate(actor),
        });
        if (!checked.ok) return fromCore(checked);
      }
      const after = this.price(next);
      if (!after.ok) return after;
      sale = this.build(next);
      const beforeLine = before.ok
        ? before.value.lines.find((p) => p.line.lineId === lineId)
        : undefined;
      const afterLine = after.value.lines.find((p) => p.line.lineId === lineId);
      this.save(
        actor,
        [
          {
            kind: 'line-changed',
            data: {
              lineId,
              articleNumber: input.articleNumber,
              text: input.text,
              from: {
                quantity: beforeLine?.line.quantity ?? 0,
                discount: beforeLine?.lineDiscount ?? ore(0),
              },
              to: {
                quantity: afterLine?.line.quantity ?? 0,
                discount: afterLine?.lineDiscount ?? ore(0),
              },
            },
          },
        ],
        next,
      );
      return good(this.view(actor));
    });
  }

  removeLine(actor: Actor, lineId: string): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      const working = this.working();
      const priced = this.price(working);
      const line = priced.ok ? priced.value.lines.find((p) => p.line.lineId === lineId) : undefined;
      if (line === undefined) return bad('line-not-found', 404, { lineId });
      const next: WorkingSale = {
        ...working,
        lines: working.lines.filter((l) => l.input.lineId !== lineId),
        orderDiscount: working.lines.length === 1 ? null : working.orderDiscount,
      };
      this.save(actor, [removedEvent(line)], next);
      return good(this.view(actor));
    });
  }

  /** Empties the sale: every line is journaled as removed (nothing disappears silently). */
  clearSale(actor: Actor): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      const priced = this.price(this.working());
      const events = priced.ok ? priced.value.lines.map(removedEvent) : [];
      this.save(actor, events, null);
      return good(this.view(actor));
    });
  }

  setOrderDiscount(actor: Actor, discount: DiscountInput | null): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      const working = this.working();
      if (discount !== null) {
        const built = this.build({ ...working, orderDiscount: null });
        if (!built.ok) return built;
        const checked = setOrderDiscount(built.value, discount as Discount, {
          maxDiscountRate: this.maxDiscountRate(actor),
        });
        if (!checked.ok) return fromCore(checked);
      }
      const next: WorkingSale = { ...working, orderDiscount: discount as Discount | null };
      const priced = this.price(next);
      if (!priced.ok) return priced;
      this.save(actor, [], next);
      return good(this.view(actor));
    });
  }

  setConsumption(
    actor: Actor,
    consumption: 'eat-in' | 'take-away',
  ): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      const working = this.working();
      const next: WorkingSale = { ...working, consumption };
      if (working.lines.length === 0) {
        // Kept even while empty: the choice is made before the first line.
        this.store.changeWorking([{ op: 'put', key: SALE_KEY, value: next }]);
      } else {
        this.save(actor, [], next);
      }
      return good(this.view(actor));
    });
  }

  setTraining(actor: Actor, training: boolean): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      if (actor.role === 'cashier') return bad('manager-required', 403);
      if (this.working().lines.length > 0) return bad('training-switch-during-sale', 409);
      if (this.training() !== training) {
        this.store.append(
          [{ event: { kind: 'training-switched', data: { training } }, by: actor.username }],
          this.now().iso,
          [{ op: 'put', key: TRAINING_KEY, value: training }],
        );
      }
      return good(this.view(actor));
    });
  }

  // ---- Parking ----

  park(actor: Actor, note: string | undefined): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      const working = this.working();
      const priced = this.price(working);
      if (!priced.ok) return priced;
      if (working.lines.length === 0) return bad('sale-empty', 409);
      const parkingId = randomUUID();
      const parked: StoredParkedSale = {
        parkingId,
        parkedAt: this.now().iso,
        by: actor.username,
        note: note ?? null,
        sale: working,
        total: priced.value.total,
      };
      this.save(
        actor,
        [
          {
            kind: 'sale-parked',
            data: { parkingId, lineCount: working.lines.length, total: priced.value.total },
          },
        ],
        null,
        [{ op: 'put', key: `${PARKED_PREFIX}${parkingId}`, value: parked }],
      );
      return good(this.view(actor));
    });
  }

  parked(): ParkedSale[] {
    return this.store.workingWithPrefix<StoredParkedSale>(PARKED_PREFIX).map(({ value }) => ({
      parkingId: value.parkingId,
      parkedAt: value.parkedAt,
      by: value.by,
      lineCount: value.sale.lines.length,
      total: value.total,
      summary: [
        ...(value.note === null ? [] : [value.note]),
        ...value.sale.lines.slice(0, 3).map((l) => l.input.text),
      ].join(', '),
    }));
  }

  resume(actor: Actor, parkingId: string): Promise<EngineResult<SaleView>> {
    return this.step(() => {
      if (this.working().lines.length > 0) return bad('sale-not-empty', 409);
      const key = `${PARKED_PREFIX}${parkingId}`;
      const parked = this.store.working<StoredParkedSale>(key);
      if (parked === undefined) return bad('parked-sale-not-found', 404);
      this.save(actor, [{ kind: 'sale-resumed', data: { parkingId } }], parked.sale, [
        { op: 'delete', key },
      ]);
      return good(this.view(actor));
    });
  }

  // ---- Receipts through the control unit ----

  /** The ledger of control-unit requests, folded from the journal once (then kept up to date). */
  private cuLedger: ControlUnitLedger | null = null;

  /**
   * The ledger; on first use, a request journaled with no outcome after it (the register
   * stopped while waiting for the unit) gets its outcome 'unknown' journaled now.
   */
  private controlUnitLedger(by?: string): ControlUnitLedger {
    if (this.cuLedger !== null) return this.cuLedger;
    const ledger = new ControlUnitLedger();
    for (const entry of controlUnitLedgerEntries(this.store)) ledger.see(entry);
    const unanswered = ledger.unanswered();
    if (unanswered.length > 0) {
      const entries = this.store.append(
        unanswered.map(({ series, receiptNumber }) => ({
          event: {
            kind: 'control-unit-answer' as const,
            data: { series, receiptNumber, outcome: 'unknown' as const, code: 'register-stopped' },
          },
          by,
        })),
        this.now().iso,
      );
      for (const entry of entries) ledger.see(entry);
    }
    this.cuLedger = ledger;
    return ledger;
  }

  /** Appends entries and folds them into the ledger. */
  private journalControlUnit(events: readonly JournalEvent[], by?: string): void {
    const entries = this.store.append(
      events.map((event) => ({ event, by })),
      this.now().iso,
    );
    for (const entry of entries) this.cuLedger?.see(entry);
  }

  /**
   * Sends a receipt to the control unit (docs/protocols/control-unit.md "Lost answers"):
   * 1. if the number of its series is in doubt (an earlier request's outcome is unknown), asks
   *    the unit's status, then sends that request again with identical data when this receipt
   *    carries the same data (same number, time and amounts) — else gives the number up
   *    (`receipt-number-skipped`) and takes the next one: one number never gets two contents;
   * 2. journals the request (number, type, amounts, VAT) BEFORE sending it;
   * 3. journals the outcome of a failure (refused, not sent, unknown) with the fault. A signed
   *    request's outcome is its receipt entry, journaled by the caller in one transaction.
   * An answer whose fields do not have the protocol's form is a fault, never a receipt.
   */
  private async sign(actor: Actor, receipt: Receipt): Promise<EngineResult<Receipt>> {
    const { driver, simulated } = this.options.controlUnit();
    const by = actor.username;
    const timeZone = this.options.timeZone;
    const ledger = this.controlUnitLedger(by);
    const series = receiptSeriesOf(receipt.kind);
    let toSign = receipt;
    let resend = false;
    const doubt = ledger.inDoubt(series);
    if (doubt !== undefined) {
      const resolved = resolveDoubt(doubt, receipt, timeZone);
      if (resolved.action === 'resend') {
        // Before going on, ask the unit how it is (CCSP has no "last receipt" query: SIQ).
        const status = await driver.status().catch(() => null);
        if (status?.ok !== true) {
          const code = status === null ? 'error' : status.code;
          return this.controlUnitFailed(by, simulated, code, status ?? {});
        }
        toSign = resolved.receipt;
        resend = true;
      } else {
        this.journalControlUnit(
          [
            {
              kind: 'receipt-number-skipped',
              data: { series, receiptNumber: doubt.request.receiptNumber, reason: resolved.reason },
            },
          ],
          by,
        );
        toSign = { ...receipt, receiptNumber: this.store.nextNumber(series) };
      }
    }
    const request = controlUnitRequestOf(toSign, timeZone, resend);
    const registration = registrationOf(request);
    const valid = validateReceiptRegistration(registration);
    if (!valid.ok) {
      // Refused before anything is sent: no request, the number stays free.
      return this.controlUnitFailed(by, simulated, valid.code, valid);
    }
    payStep('request-built');
    this.journalControlUnit([{ kind: 'control-unit-request', data: request }], by);
    payStep('request-committed');
    const answer = await driver
      .registerReceipt(registration)
      .catch((error: unknown): { ok: false; code: 'control-unit-error'; detail: string } => ({
        ok: false,
        code: 'control-unit-error',
        detail: String(error),
      }));
    payStep('cu-answered');
    if (answer.ok) {
      ledger.signed(series, request.receiptNumber);
      const wasDown = this.cuState.state === 'down';
      this.cuState = {
        state: 'ok',
        serialNumber: answer.value.unitSerialNumber,
        simulated,
        problem: null,
      };
      if (wasDown) {
        this.journalControlUnit(
          [
            {
              kind: 'control-unit-restored',
              data: { serialNumber: answer.value.unitSerialNumber },
            },
          ],
          by,
        );
      }
      return good(
        withControlCode(toSign, {
          serialNumber: answer.value.unitSerialNumber,
          controlCode: answer.value.controlCode,
        }),
      );
    }
    const details = answer as unknown as Record<string, unknown>;
    const outcome: 'refused' | 'not-sent' | 'unknown' =
      answer.code === 'control-unit-nak'
        ? 'refused'
        : answer.code === 'control-unit-unreachable' && details.sent === false
          ? 'not-sent'
          : 'unknown';
    const events: JournalEvent[] = [
      {
        kind: 'control-unit-answer',
        data: { series, receiptNumber: request.receiptNumber, outcome, code: answer.code },
      },
    ];
    if (resend && outcome === 'refused' && details.nakCode === '003') {
      // The unit refuses the identical data again (e.g. it will not take a number twice): the
      // number is given up, the next attempt takes the next one.
      events.push({
        kind: 'receipt-number-skipped',
        data: { series, receiptNumber: request.receiptNumber, reason: 'unit-refused-resend' },
      });
    }
    return this.controlUnitFailed(by, simulated, answer.code, details, events);
  }

  /** A control-unit failure: its Swedish message, the fault journaled (with `before`). */
  private controlUnitFailed(
    by: string | undefined,
    simulated: boolean,
    code: string,
    details: Record<string, unknown>,
    before: readonly JournalEvent[] = [],
  ): EngineResult<Receipt> {
    const text = (value: unknown, fallback = ''): string =>
      typeof value === 'string' || typeof value === 'number' ? String(value) : fallback;
    let result: { ok: false; failure: Failure };
    if (code.startsWith('control-unit-invalid') || code === 'control-unit-amount-too-wide') {
      result = bad('control-unit-receipt-invalid', 500, {
        field: text(details.field),
        value: text(details.value),
      });
    } else if (
      code === 'control-unit-reply-malformed' ||
      code === 'control-unit-reply-unexpected'
    ) {
      const fields: Record<string, string> = {
        'control-code': 'kontrollkod',
        'unit-serial-number': 'tillverkningsnummer',
        'main-status': 'huvudstatus',
        'storage-status': 'minnesstatus',
      };
      result = bad('control-unit-answer-invalid', 502, {
        field: fields[text(details.field)] ?? 'svar',
        reply: text(details.reply).slice(0, 80),
      });
    } else if (
      code === 'control-unit-unreachable' ||
      code === 'control-unit-timeout' ||
      code === 'control-unit-error' ||
      code.startsWith('ccsp-')
    ) {
      result = bad('control-unit-unreachable', 503, {
        detail:
          code === 'control-unit-timeout'
            ? `inget svar på ${text(details.afterMs)} ms`
            : text(details.detail, code),
      });
    } else {
      const nak = typeof details.nakCode === 'string' ? ` ${details.nakCode}` : '';
      const why = typeof details.reason === 'string' ? ` (${details.reason})` : '';
      result = bad('control-unit-refused', 503, { reason: `${code}${nak}${why}` });
    }
    this.cuState = {
      state: 'down',
      serialNumber: this.cuState.serialNumber,
      simulated,
      problem: { code: result.failure.code, sv: result.failure.sv, en: result.failure.en },
    };
    this.journalControlUnit(
      [...before, { kind: 'control-unit-fault', data: { code, message: result.failure.en } }],
      by,
    );
    return result;
  }

  /** Forgets the last known state (another unit was configured). */
  forgetControlUnit(): void {
    this.cuState = { state: 'unknown', serialNumber: null, simulated: false, problem: null };
  }

  /** Asks the control unit for its status (a health check); journals a fault or recovery. */
  checkControlUnit(): Promise<ControlUnitState> {
    return this.serial.run(async () => {
      const { driver, simulated } = this.options.controlUnit();
      // A request left without an outcome (the register stopped while waiting) is journaled as
      // unknown first; the unit is then asked for its status before anything else is sent.
      this.controlUnitLedger();
      const answer = await driver.status().catch(() => null);
      if (answer?.ok === true) {
        const identity = await driver.identity().catch(() => null);
        const serial =
          identity?.ok === true ? identity.value.unitSerialNumber : this.cuState.serialNumber;
        const wasDown = this.cuState.state === 'down';
        this.cuState = { state: 'ok', serialNumber: serial, simulated, problem: null };
        if (wasDown && serial !== null) {
          this.store.append(
            [{ event: { kind: 'control-unit-restored', data: { serialNumber: serial } } }],
            this.now().iso,
          );
        }
      } else {
        const detail = answer === null ? 'error' : answer.code;
        const problem = failure('control-unit-unreachable', { detail });
        if (this.cuState.state !== 'down') {
          this.store.append(
            [
              {
                event: { kind: 'control-unit-fault', data: { code: detail, message: problem.en } },
              },
            ],
            this.now().iso,
          );
        }
        this.cuState = {
          state: 'down',
          serialNumber: this.cuState.serialNumber,
          simulated,
          problem: { code: problem.code, sv: problem.sv, en: problem.en },
        };
      }
      return this.controlUnitState();
    });
  }

  /**
   * The receipt header. Without a printer every receipt is electronic (shown on screen, as PDF):
   * the journal then says so, and the receipt carries "elektroniskt kassakvitto" (7 kap 1 § m).
   */
  private header(asked: 'paper' | 'electronic' = 'paper'): ReceiptHeader {
    const delivery = this.options.settings().printer === 'none' ? 'electronic' : asked;
    return { ...this.options.identity().header, delivery };
  }

  /** Signs and journals a receipt in one transaction with the working changes. */
  private async complete(
    actor: Actor,
    receipt: Receipt,
    working: readonly WorkingChange[],
  ): Promise<EngineResult<CompletedReceipt>> {
    payStep('built');
    const signed = await this.sign(actor, receipt);
    payStep('signed');
    if (!signed.ok) return signed;
    const [entry] = this.store.append(
      [{ event: receiptEvent(signed.value), by: actor.username }],
      receipt.issuedAt,
      working,
    );
    payStep('receipt-committed');
    if (entry === undefined) return bad('internal-error', 500);
    return good({ receipt: signed.value, entry });
  }

  /** Pays the sale: the receipt is journaled with its control code before anything is printed. */
  pay(
    actor: Actor,
    tenders: readonly TenderInput[],
    delivery: 'paper' | 'electronic',
  ): Promise<EngineResult<CompletedReceipt>> {
    payStep('pay-called');
    return this.step(async () => {
      payStep('step-start');
      const priced = this.price(this.working());
      if (!priced.ok) return priced;
      const training = this.training();
      const series: ReceiptSeries = training ? 'training' : 'receipt';
      const now = this.now();
      const built = buildSaleReceipt(
        {
          header: this.header(delivery),
          receiptNumber: this.store.nextNumber(series),
          issuedAt: now.iso,
        },
        priced.value,
        tenders as readonly Tender[],
        { training },
      );
      if (!built.ok) return fromCore(built);
      return this.complete(actor, built.value, [{ op: 'delete', key: SALE_KEY }]);
    });
  }

  /** A pro forma receipt (EJ KVITTO) of the sale; the sale stays. */
  proForma(actor: Actor): Promise<EngineResult<CompletedReceipt>> {
    return this.step(async () => {
      const priced = this.price(this.working());
      if (!priced.ok) return priced;
      const built = buildProFormaReceipt(
        {
          header: this.header(),
          receiptNumber: this.store.nextNumber('pro-forma'),
          issuedAt: this.now().iso,
        },
        priced.value,
      );
      if (!built.ok) return fromCore(built);
      return this.complete(actor, built.value, []);
    });
  }

  /** The journaled sale or return receipt with this number. */
  receipt(receiptNumber: number): Receipt | undefined {
    const entry = this.store.receipt('receipt', receiptNumber);
    return entry === undefined ? undefined : receiptOf(entry);
  }

  /** The one copy (KOPIA) of a sale or return receipt. */
  copy(actor: Actor, receiptNumber: number): Promise<EngineResult<CompletedReceipt>> {
    return this.step(async () => {
      const original = this.receipt(receiptNumber);
      if (original === undefined) return bad('receipt-not-found', 404, { receiptNumber });
      const copies = this.store
        .receiptsReferring(receiptNumber)
        .map((e) => receiptOf(e))
        .filter((r): r is Receipt => r !== undefined && r.kind === 'copy');
      const built = buildReceiptCopy(
        { receiptNumber: this.store.nextNumber('copy'), issuedAt: this.now().iso },
        original,
        copies,
      );
      if (!built.ok) return fromCore(built);
      return this.complete(actor, built.value, []);
    });
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

  private previousReturns(receiptNumber: number): Receipt[] {
    return this.store
      .receiptsReferring(receiptNumber)
      .map((e) => receiptOf(e))
      .filter((r): r is Receipt => r !== undefined && r.kind === 'return');
  }

  /** A return receipt against an original sale receipt. */
  returnItems(
    actor: Actor,
    originalReceiptNumber: number,
    items: readonly { lineNo: number; quantity: number }[],
    refunds: readonly TenderInput[],
  ): Promise<EngineResult<CompletedReceipt>> {
    return this.step(async () => {
      const original = this.receipt(originalReceiptNumber);
      if (original === undefined) {
        return bad('receipt-not-found', 404, { receiptNumber: originalReceiptNumber });
      }
      const now = this.now();
      const built = buildReturnReceipt(
        {
          header: this.header(),
          receiptNumber: this.store.nextNumber('receipt'),
          issuedAt: now.iso,
          businessDay: now.day,
        },
        original,
        this.previousReturns(originalReceiptNumber),
        items,
        refunds as readonly Tender[],
      );
      if (!built.ok) return fromCore(built);
      return this.complete(actor, built.value, []);
    });
  }

  /** The latest sale and return receipts, newest first. */
  latestReceipts(limit: number): Receipt[] {
    return this.store
      .latestReceipts(limit)
      .map((e) => receiptOf(e))
      .filter((r): r is Receipt => r !== undefined);
  }

  /** Whether the one copy of a receipt was made. */
  copied(receiptNumber: number): boolean {
    return this.store.receiptsReferring(receiptNumber).some((e) => receiptOf(e)?.kind === 'copy');
  }

  // ---- Printouts ----

  /** Receipts being printed now (at payment or later), so one is never printed twice at once. */
  private readonly printing = new Set<string>();

  /** True when the original of sale or return receipt `receiptNumber` came out of the printer. */
  printed(receiptNumber: number): boolean {
    const receipt = this.receipt(receiptNumber);
    return receipt !== undefined && this.store.working(printoutKey(receipt)) !== undefined;
  }

  /** Claims a receipt for printing; false while another printout of it runs. */
  beginPrint(receipt: Receipt): boolean {
    const key = printoutKey(receipt);
    if (this.printing.has(key)) return false;
    this.printing.add(key);
    return true;
  }

  /** Releases a claim without a printout (no printer after all). */
  releasePrint(receipt: Receipt): void {
    this.printing.delete(printoutKey(receipt));
  }

  /**
   * Journals what printing a receipt did (receipt-printout) and releases the claim; a printed
   * one is marked in the same transaction, so it is never printed as the original again.
   */
  endPrint(
    by: string | undefined,
    receipt: Receipt,
    outcome: { status: 'printed' | 'failed'; code?: string },
    later: boolean,
  ): Promise<void> {
    const key = printoutKey(receipt);
    return this.serial
      .run(() => {
        const printed = outcome.status === 'printed';
        this.store.append(
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
          this.now().iso,
          printed ? [{ op: 'put', key, value: { at: this.now().iso } }] : [],
          // The paper is out (or not) before this is journaled either way: committed before
          // the answer, its fsync right after (docs/adr/0013-pay-path-and-its-commits.md).
          'after',
        );
      })
      .finally(() => this.printing.delete(key));
  }

  /**
   * A sale or return receipt that was journaled but never printed (printer off, out of paper):
   * printed as the original once, later. Then only the one copy (KOPIA) remains.
   */
  printOriginalLater(actor: Actor, receiptNumber: number): Promise<EngineResult<Receipt>> {
    return this.step(() => {
      const receipt = this.receipt(receiptNumber);
      if (receipt === undefined) return bad('receipt-not-found', 404, { receiptNumber });
      if (receipt.delivery !== 'paper') return bad('receipt-not-paper', 409, { receiptNumber });
      if (this.options.settings().printer === 'none') return bad('no-printer', 409);
      if (this.store.working(printoutKey(receipt)) !== undefined) {
        return bad('receipt-already-printed', 409, { receiptNumber });
      }
      if (!this.beginPrint(receipt))
        return bad('receipt-print-in-progress', 409, { receiptNumber });
      return good(receipt);
    }, actor.username);
  }

  // ---- Drawer and cash ----

  private journalOnly(actor: Actor, event: JournalEvent): Promise<EngineResult<JournalEntry>> {
    return this.step(() => {
      const [entry] = this.store.append([{ event, by: actor.username }], this.now().iso);
      return entry === undefined ? bad('internal-error', 500) : good(entry);
    });
  }

  openDrawer(actor: Actor, reason: string): Promise<EngineResult<JournalEntry>> {
    return this.journalOnly(actor, { kind: 'drawer-opened', data: { reason } });
  }

  cashFloat(actor: Actor, amount: number): Promise<EngineResult<JournalEntry>> {
    return this.journalOnly(actor, { kind: 'cash-float', data: { amount: ore(amount) } });
  }

  cashMove(
    actor: Actor,
    direction: 'in' | 'out',
    amount: number,
    reason: string,
  ): Promise<EngineResult<JournalEntry>> {
    return this.journalOnly(
      actor,
      direction === 'in'
        ? { kind: 'cash-in', data: { amount: ore(amount), reason } }
        : { kind: 'cash-out', data: { amount: ore(amount), reason } },
    );
  }

  /** Journals a sign-in, sign-out, setting change, price change or start/stop. */
  record(
    by: string | undefined,
    events: readonly JournalEvent[],
    working: readonly WorkingChange[] = [],
  ): Promise<JournalEntry[]> {
    return this.serial.run(() =>
      this.store.append(
        events.map((event) => ({ event, by })),
        this.now().iso,
        working,
      ),
    );
  }

  // ---- Reports ----

  private reportIdentity() {
    const identity = this.options.identity();
    return {
      companyName: identity.header.companyName,
      organisationNumber: identity.header.organisationNumber,
      registerId: identity.header.registerId,
      registerSerialNumber: identity.registerSerialNumber,
    };
  }

  /** An X-dagrapport of today (journaled: report printouts are running use). */
  xReport(actor: Actor): Promise<EngineResult<XReport>> {
    return this.step(() => {
      const now = this.now();
      const report = finishXReport(dayReportState(this.store, now.day, this.options.timeZone), {
        identity: this.reportIdentity(),
        producedAt: now.iso,
      });
      this.store.append(
        [{ event: { kind: 'x-report', data: { report } }, by: actor.username }],
        now.iso,
      );
      return good(report);
    });
  }

  /**
   * The Z-dagrapport: closes the oldest business day that has sales and no Z (days are closed in
   * order), or today when none is pending. Manager or admin only.
   */
  zReport(actor: Actor, countedCash: number | undefined): Promise<EngineResult<ZReport>> {
    return this.step(() => {
      if (actor.role === 'cashier') return bad('manager-required', 403);
      const now = this.now();
      const pending = this.store.openDays().filter((d) => d < now.day);
      const day = pending[0] ?? now.day;
      // One day's entries by index, not the journal (journal-reads.ts).
      const built = finishZReport(dayReportState(this.store, day, this.options.timeZone), {
        identity: this.reportIdentity(),
        producedAt: now.iso,
        ...(countedCash === undefined ? {} : { countedCash: ore(countedCash) }),
      });
      if (!built.ok) return fromCore(built);
      this.store.append(
        [{ event: { kind: 'z-report', data: { report: built.value } }, by: actor.username }],
        now.iso,
      );
      return good(built.value);
    });
  }

  /** A journaled Z-report by number. */
  zByNumber(zNumber: number): ZReport | undefined {
    const entry = this.store.receipt('z', zNumber);
    return entry?.kind === 'z-report' ? entry.data.report : undefined;
  }

  /** The latest journaled X-report, if any. */
  latestX(): XReport | undefined {
    const entry = this.store.lastOfKind('x-report');
    return entry?.kind === 'x-report' ? entry.data.report : undefined;
  }
}

function removedEvent(p: PricedSale['lines'][number]): JournalEvent {
  return {
    kind: 'line-removed',
    data: {
      articleNumber: p.line.articleNumber,
      text: p.line.text,
      unit: p.line.unit,
      quantity: p.line.quantity,
      amount: p.amount,
    },
  };
}

/**
 * The selling engine of one register: the local API (routes.ts) is a thin HTTP layer over it.
 * It is a facade over the parts, one concept each:
 *   - sale/sale-building.ts: the sale under construction (lines, discounts, consumption,
 *     training) and its payment figures; sale/parking.ts: parked sales;
 *   - receipts/completing.ts: completing a receipt as one use case — sign → journal → print —
 *     for a sale, a pro forma, a copy and a return (the order and why: see that file);
 *     receipts/printing.ts: printouts and the original printed later; receipts/receipt-book.ts:
 *     the journaled receipts as the till reads them;
 *   - control-unit-session.ts: signing through the control unit, the ledger of requests in
 *     doubt, the unit's state and health check;
 *   - cash.ts: the float, cash in and out, the drawer; day-reports.ts: the X and Z reports;
 *   - selling-context.ts and journal-clock.ts: the journal, the queue every step runs in (one
 *     at a time, so two requests can never take the same number) and the clock entries are
 *     dated with.
 */
import type {
  BusinessDay,
  JournalEntry,
  JournalEvent,
  Receipt,
  XReport,
  ZReport,
} from '@kassa/core';
import type {
  AddLineBody,
  ControlUnitState,
  DiscountInput,
  ParkedSale,
  SaleView,
  TenderInput,
} from '@kassa/contracts';
import type { Failure } from '../failure.js';
import { Cash } from './cash.js';
import { ControlUnitSession } from './control-unit-session.js';
import { DayReports } from './day-reports.js';
import type { EngineResult } from './engine-result.js';
import type { JournalStore, WorkingChange } from './journal-store.js';
import { Completing } from './receipts/completing.js';
import { Printing, type PrintedReceipt } from './receipts/printing.js';
import { ReceiptBook } from './receipts/receipt-book.js';
import { Parking } from './sale/parking.js';
import { SaleBuilding } from './sale/sale-building.js';
import { type Actor, SellingContext, type SellingEngineOptions } from './selling-context.js';
import { NumberReservation } from './number-reservation.js';

export type { EngineResult } from './engine-result.js';
export type { PrintedReceipt } from './receipts/printing.js';
export type {
  Actor,
  EngineControlUnit,
  RegisterIdentity,
  SellingEngineOptions,
} from './selling-context.js';

export class SellingEngine {
  private readonly ctx: SellingContext;
  private readonly sale: SaleBuilding;
  private readonly parking: Parking;
  private readonly controlUnit: ControlUnitSession;
  private readonly book: ReceiptBook;
  private readonly printing: Printing;
  private readonly completing: Completing;
  private readonly cash: Cash;
  private readonly reports: DayReports;

  constructor(options: SellingEngineOptions) {
    this.ctx = new SellingContext(options);
    const reservation = new NumberReservation(this.ctx);
    this.sale = new SaleBuilding(this.ctx, reservation);
    this.parking = new Parking(this.ctx, this.sale);
    this.controlUnit = new ControlUnitSession(this.ctx, reservation);
    this.book = new ReceiptBook(() => this.ctx.store);
    this.printing = new Printing(this.ctx, this.book);
    this.completing = new Completing(
      this.ctx,
      this.sale,
      this.controlUnit,
      this.book,
      this.printing,
    );
    this.cash = new Cash(this.ctx);
    this.reports = new DayReports(this.ctx);
  }

  get store(): JournalStore {
    return this.ctx.store;
  }

  // ---- The register's state, for the status ----

  businessDay(): BusinessDay {
    return this.ctx.businessDay();
  }

  /** The clock problem that stops selling now, if any (for the status). */
  clockProblem(): Failure | null {
    return this.ctx.clock.problem();
  }

  training(): boolean {
    return this.sale.training();
  }

  controlUnitState(): ControlUnitState {
    return this.controlUnit.state();
  }

  /** Business days before today with sales and no Z (a Z is due for each, in order). */
  zPending(): BusinessDay[] {
    return this.reports.zPending();
  }

  // ---- Building the sale ----

  /** The sale under construction, priced, as the POS shows it. */
  view(actor: Actor): SaleView {
    return this.sale.view(actor);
  }

  addLine(actor: Actor, body: AddLineBody): Promise<EngineResult<SaleView>> {
    return this.sale.addLine(actor, body);
  }

  changeLine(
    actor: Actor,
    lineId: string,
    change: { quantity?: number | undefined; discount?: DiscountInput | null | undefined },
  ): Promise<EngineResult<SaleView>> {
    return this.sale.changeLine(actor, lineId, change);
  }

  removeLine(actor: Actor, lineId: string): Promise<EngineResult<SaleView>> {
    return this.sale.removeLine(actor, lineId);
  }

  clearSale(actor: Actor): Promise<EngineResult<SaleView>> {
    return this.sale.clearSale(actor);
  }

  setOrderDiscount(actor: Actor, discount: DiscountInput | null): Promise<EngineResult<SaleView>> {
    return this.sale.setOrderDiscount(actor, discount);
  }

  setConsumption(
    actor: Actor,
    consumption: 'eat-in' | 'take-away',
  ): Promise<EngineResult<SaleView>> {
    return this.sale.setConsumption(actor, consumption);
  }

  setTraining(actor: Actor, training: boolean): Promise<EngineResult<SaleView>> {
    return this.sale.setTraining(actor, training);
  }

  park(actor: Actor, note: string | undefined): Promise<EngineResult<SaleView>> {
    return this.parking.park(actor, note);
  }

  parked(): ParkedSale[] {
    return this.parking.parked();
  }

  resume(actor: Actor, parkingId: string): Promise<EngineResult<SaleView>> {
    return this.parking.resume(actor, parkingId);
  }

  // ---- Completing receipts: sign → journal → print ----

  pay(
    actor: Actor,
    tenders: readonly TenderInput[],
    delivery: 'paper' | 'electronic',
  ): Promise<EngineResult<PrintedReceipt>> {
    return this.completing.pay(actor, tenders, delivery);
  }

  proForma(actor: Actor): Promise<EngineResult<PrintedReceipt>> {
    return this.completing.proForma(actor);
  }

  copy(actor: Actor, receiptNumber: number): Promise<EngineResult<PrintedReceipt>> {
    return this.completing.copy(actor, receiptNumber);
  }

  returnItems(
    actor: Actor,
    originalReceiptNumber: number,
    items: readonly { lineNo: number; quantity: number }[],
    refunds: readonly TenderInput[],
  ): Promise<EngineResult<PrintedReceipt>> {
    return this.completing.returnItems(actor, originalReceiptNumber, items, refunds);
  }

  printOriginalLater(actor: Actor, receiptNumber: number): Promise<EngineResult<PrintedReceipt>> {
    return this.printing.printOriginalLater(actor, receiptNumber);
  }

  // ---- Journaled receipts ----

  receipt(receiptNumber: number): Receipt | undefined {
    return this.book.receipt(receiptNumber);
  }

  returnable(receiptNumber: number): { lineNo: number; quantity: number }[] {
    return this.book.returnable(receiptNumber);
  }

  latestReceipts(limit: number): Receipt[] {
    return this.book.latest(limit);
  }

  copied(receiptNumber: number): boolean {
    return this.book.copied(receiptNumber);
  }

  printed(receiptNumber: number): boolean {
    return this.book.printed(receiptNumber);
  }

  // ---- The control unit ----

  /** Forgets the last known state (another unit was configured). */
  forgetControlUnit(): void {
    this.controlUnit.forget();
  }

  /** Asks the control unit for its status (a health check); journals a fault or recovery. */
  checkControlUnit(): Promise<ControlUnitState> {
    return this.controlUnit.check();
  }

  // ---- Drawer and cash ----

  openDrawer(actor: Actor, reason: string): Promise<EngineResult<{ drawerOpened: boolean }>> {
    return this.cash.openDrawer(actor, reason);
  }

  cashFloat(actor: Actor, amount: number): Promise<EngineResult<JournalEntry>> {
    return this.cash.cashFloat(actor, amount);
  }

  cashMove(
    actor: Actor,
    direction: 'in' | 'out',
    amount: number,
    reason: string,
  ): Promise<EngineResult<JournalEntry>> {
    return this.cash.cashMove(actor, direction, amount, reason);
  }

  // ---- Reports ----

  xReport(actor: Actor): Promise<EngineResult<XReport>> {
    return this.reports.xReport(actor);
  }

  zReport(actor: Actor, countedCash: number | undefined): Promise<EngineResult<ZReport>> {
    return this.reports.zReport(actor, countedCash);
  }

  zByNumber(zNumber: number): ZReport | undefined {
    return this.reports.zByNumber(zNumber);
  }

  /** Journals a sign-in, sign-out, setting change, price change or start/stop. */
  record(
    by: string | undefined,
    events: readonly JournalEvent[],
    working: readonly WorkingChange[] = [],
  ): Promise<JournalEntry[]> {
    return this.ctx.queued(() => this.ctx.append(by, events, working));
  }
}

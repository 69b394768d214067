/**
 * X- and Z-dagrapport, computed deterministically from the journal alone (SKVFS 2014:9 7 kap
 * 2–3 §§; docs/spec/sweden-regulation.md §4). The content is the union of the 2014 list (a–w) and the 2021:16
 * elements; each field below names its letter. Training receipts are counted (o) but never
 * reach sales, VAT, payments or grand totals (spec §0 item 9); copies are counted (n) only.
 *
 * Day boundary: an entry belongs to the business day of its `at` in the given zone
 * (Europe/Stockholm, business-day.ts). A Z covers one business day: the entries of that day
 * after the previous Z of the same day. The regulation asks for one Z per day with sales
 * (7 kap 3 §, spec §0 item 17), so a sale after midnight belongs to the new day even when the
 * previous day has no Z yet; the Z for the previous day may still be taken later and covers only
 * that day, and days are closed in order: a Z is refused while an earlier day with sales has none.
 * Grand totals (u–w) are carried from the previous Z in the journal and never reset.
 */
import { type BusinessDay, businessDayBounds, businessDayOf } from '../business-day.js';
import { type Ore, add, negate, ore, subtract } from '../money.js';
import { type Failure, type Result, fail, ok } from '../result.js';
import { VAT_RATES, type VatSplitRow } from '../vat.js';
import type {
  CashCount,
  CountAmount,
  DayFigures,
  GrandTotals,
  PaymentFigure,
  ReportIdentity,
  XReport,
  ZReport,
} from './day-figures.js';
import type { JournalEntry } from './journal.js';
import { PAYMENT_METHODS } from './sale.js';

interface DayAccumulator {
  salesTotal: Ore;
  salesByGroup: Record<string, Ore>;
  /** The receipts' own VAT rows, summed per rate. */
  grossByRate: Record<string, Ore>;
  vatByRate: Record<string, Ore>;
  cashFloat: Ore;
  goodsSold: number;
  servicesSold: number;
  receiptCount: number;
  drawerOpenings: number;
  copies: CountAmount;
  training: CountAmount;
  paymentSales: Record<string, Ore>;
  paymentReturns: Record<string, Ore>;
  returns: CountAmount;
  discounts: Ore;
  otherReductions: CountAmount;
  parked: Record<string, Ore>;
  proForma: CountAmount;
  priceChanges: number;
  simulatedReceipts: number;
  rounding: Ore;
  cashIn: Ore;
  cashOut: Ore;
}

/** The running state of a report over the journal; fold chunks of entries with `foldDayReport`. */
export interface DayReportState {
  readonly businessDay: BusinessDay;
  readonly timeZone: string;
  /** The last Z in the journal. */
  readonly lastZ: {
    readonly zNumber: number;
    readonly businessDay: BusinessDay;
    readonly grandTotals: GrandTotals;
  } | null;
  /** Days with sale or return receipts after their last Z, ascending. */
  readonly openDays: readonly BusinessDay[];
  readonly day: Readonly<DayAccumulator>;
}

/** Starts a report for `businessDay` in `timeZone` before any entry is read. */
export function startDayReport(businessDay: BusinessDay, timeZone: string): DayReportState {
  return { businessDay, timeZone, lastZ: null, openDays: [], day: emptyDay() };
}

/** Reads `entries` (in journal order) into the state; chunking never changes the result. */
export function foldDayReport(
  state: DayReportState,
  entries: readonly JournalEntry[],
): DayReportState {
  let lastZ = state.lastZ;
  const openDays = new Set(state.openDays);
  let day = cloneDay(state.day);
  // Entries come day by day: the bounds of the last day found answer most of them.
  let bounds: { day: BusinessDay; startMs: number; endMs: number } | null = null;
  for (const entry of entries) {
    const ms = Date.parse(entry.at);
    if (bounds === null || ms < bounds.startMs || ms >= bounds.endMs) {
      const found = businessDayOf(ms, state.timeZone);
      bounds = { day: found, ...businessDayBounds(found, state.timeZone) };
    }
    const entryDay = bounds.day;
    if (entry.kind === 'z-report') {
      const { report } = entry.data;
      lastZ = {
        zNumber: report.zNumber,
        businessDay: report.businessDay,
        grandTotals: report.grandTotals,
      };
      openDays.delete(report.businessDay);
      if (report.businessDay === state.businessDay) {
        day = emptyDay();
      }
      continue;
    }
    if (entry.kind === 'sale' || entry.kind === 'return') {
      openDays.add(entryDay);
    }
    if (entryDay === state.businessDay) {
      addEntry(day, entry);
    }
  }
  return {
    businessDay: state.businessDay,
    timeZone: state.timeZone,
    lastZ,
    openDays: [...openDays].sort(),
    day,
  };
}

/** What the caller adds when a report is produced. */
export interface ReportContext {
  readonly identity: ReportIdentity;
  /** ISO instant, from the caller's clock (7 kap 3 § b). */
  readonly producedAt: string;
  /** The cash counted in the drawer at closing (kontanträkning), when it was counted. */
  readonly countedCash?: Ore;
}

/** Why a Z-report was refused. */
export type ZReportFailure =
  | Failure<'earlier-day-not-closed', { businessDay: BusinessDay }>
  | Failure<'later-day-already-closed', { businessDay: BusinessDay }>;

/** Builds the X-dagrapport of `businessDay` from the journal. */
export function buildXReport(
  entries: readonly JournalEntry[],
  businessDay: BusinessDay,
  timeZone: string,
  context: ReportContext,
): XReport {
  return finishXReport(foldDayReport(startDayReport(businessDay, timeZone), entries), context);
}

/** Builds the Z-dagrapport of `businessDay` from the journal, numbered after the last Z. */
export function buildZReport(
  entries: readonly JournalEntry[],
  businessDay: BusinessDay,
  timeZone: string,
  context: ReportContext,
): Result<ZReport, ZReportFailure> {
  return finishZReport(foldDayReport(startDayReport(businessDay, timeZone), entries), context);
}

/** Produces the X-report from a folded state. */
export function finishXReport(state: DayReportState, context: ReportContext): XReport {
  const figures = figuresOf(state);
  return {
    type: 'X',
    ...context.identity,
    producedAt: context.producedAt,
    ...figures,
    ...cashCount(figures, context),
    grandTotals: grandTotalsAfter(state, figures),
  };
}

/** Produces the Z-report from a folded state, or refuses it (days are closed in order). */
export function finishZReport(
  state: DayReportState,
  context: ReportContext,
): Result<ZReport, ZReportFailure> {
  const earlier = state.openDays.find((d) => d < state.businessDay);
  if (earlier !== undefined) {
    return fail('earlier-day-not-closed', { businessDay: earlier });
  }
  if (state.lastZ !== null && state.lastZ.businessDay > state.businessDay) {
    return fail('later-day-already-closed', { businessDay: state.lastZ.businessDay });
  }
  const figures = figuresOf(state);
  return ok({
    type: 'Z',
    ...context.identity,
    zNumber: (state.lastZ?.zNumber ?? 0) + 1,
    producedAt: context.producedAt,
    ...figures,
    ...cashCount(figures, context),
    grandTotals: grandTotalsAfter(state, figures),
  });
}

/** Business days with sales or returns and no Z after them, oldest first: each needs a Z. */
export function daysNeedingZ(entries: readonly JournalEntry[], timeZone: string): BusinessDay[] {
  // The target day is irrelevant for `openDays`; any valid day will do.
  return [...foldDayReport(startDayReport('2000-01-01', timeZone), entries).openDays];
}

function cashCount(figures: DayFigures, context: ReportContext): CashCount {
  const counted = context.countedCash;
  return counted === undefined
    ? { countedCash: null, cashDifference: null }
    : { countedCash: counted, cashDifference: subtract(counted, figures.expectedCash) };
}

function emptyDay(): DayAccumulator {
  const none = { count: 0, amount: ore(0) };
  return {
    salesTotal: ore(0),
    salesByGroup: {},
    grossByRate: {},
    vatByRate: {},
    cashFloat: ore(0),
    goodsSold: 0,
    servicesSold: 0,
    receiptCount: 0,
    drawerOpenings: 0,
    copies: none,
    training: none,
    paymentSales: {},
    paymentReturns: {},
    returns: none,
    discounts: ore(0),
    otherReductions: none,
    parked: {},
    proForma: none,
    priceChanges: 0,
    simulatedReceipts: 0,
    rounding: ore(0),
    cashIn: ore(0),
    cashOut: ore(0),
  };
}

function cloneDay(day: Readonly<DayAccumulator>): DayAccumulator {
  return {
    ...day,
    salesByGroup: { ...day.salesByGroup },
    grossByRate: { ...day.grossByRate },
    vatByRate: { ...day.vatByRate },
    paymentSales: { ...day.paymentSales },
    paymentReturns: { ...day.paymentReturns },
    parked: { ...day.parked },
  };
}

function count(figure: CountAmount, amount: Ore): CountAmount {
  return { count: figure.count + 1, amount: add(figure.amount, amount) };
}

function addTo(record: Record<string, Ore>, key: string, amount: Ore): void {
  record[key] = add(record[key] ?? ore(0), amount);
}

/** Adds a sale or return receipt's VAT rows (negative on a return) to the day, per rate. */
function addVatRows(day: DayAccumulator, rows: readonly VatSplitRow[]): void {
  for (const row of rows) {
    addTo(day.grossByRate, String(row.rate), row.gross);
    addTo(day.vatByRate, String(row.rate), row.vat);
  }
}

/**
 * The serial prefix of the control-unit simulator (packages/register/src/control-unit): receipts
 * it signed are journaled like real ones but are not valid for accounting.
 */
export const SIMULATED_SERIAL_PREFIX = 'SIM-';

/** Whether a control-unit simulator signed the receipt (its serial starts with SIM-). */
export function isSimulatedReceipt(receipt: {
  readonly controlUnitSerial: string | null;
}): boolean {
  return receipt.controlUnitSerial?.startsWith(SIMULATED_SERIAL_PREFIX) === true;
}

// Mutates the accumulator `day`, which foldDayReport owns (a fresh clone per fold).
function addEntry(day: DayAccumulator, entry: JournalEntry): void {
  switch (entry.kind) {
    case 'sale': {
      const { receipt } = entry.data;
      day.salesTotal = add(day.salesTotal, receipt.total);
      day.receiptCount += 1;
      if (isSimulatedReceipt(receipt)) day.simulatedReceipts += 1;
      day.discounts = add(day.discounts, receipt.discountTotal);
      day.rounding = add(day.rounding, receipt.rounding);
      addVatRows(day, receipt.vat);
      for (const line of receipt.lines) {
        if (line.group !== undefined) {
          addTo(day.salesByGroup, line.group, line.amount);
        }
        const pieces = line.unit === 'piece' ? line.quantity : 1;
        if (line.itemType === 'good') {
          day.goodsSold += pieces;
        } else {
          day.servicesSold += pieces;
        }
      }
      for (const payment of receipt.payments) {
        addTo(day.paymentSales, payment.method, payment.amount);
      }
      return;
    }
    case 'return': {
      const { receipt } = entry.data;
      day.returns = count(day.returns, negate(receipt.total));
      if (isSimulatedReceipt(receipt)) day.simulatedReceipts += 1;
      day.rounding = add(day.rounding, receipt.rounding);
      addVatRows(day, receipt.vat);
      for (const payment of receipt.payments) {
        addTo(day.paymentReturns, payment.method, negate(payment.amount));
      }
      return;
    }
    case 'copy':
      day.copies = count(day.copies, entry.data.receipt.total);
      return;
    case 'training':
      day.training = count(day.training, entry.data.receipt.total);
      return;
    case 'pro-forma':
      day.proForma = count(day.proForma, entry.data.receipt.total);
      return;
    case 'sale-parked':
      day.parked[entry.data.parkingId] = entry.data.total;
      return;
    case 'sale-resumed':
      // A parking resumed on this day is no longer unfinished.
      delete day.parked[entry.data.parkingId];
      return;
    case 'line-removed':
      day.otherReductions = count(day.otherReductions, entry.data.amount);
      return;
    case 'price-change':
      day.priceChanges += 1;
      return;
    case 'drawer-opened':
      day.drawerOpenings += 1;
      return;
    case 'cash-float':
      day.cashFloat = add(day.cashFloat, entry.data.amount);
      return;
    case 'cash-in':
      day.cashIn = add(day.cashIn, entry.data.amount);
      return;
    case 'cash-out':
      day.cashOut = add(day.cashOut, entry.data.amount);
      return;
    case 'sign-in':
    case 'sign-out':
    case 'x-report':
    case 'z-report':
    case 'setting-changed':
    case 'article-changed':
    case 'control-unit-fault':
    case 'control-unit-request':
    case 'control-unit-answer':
    case 'receipt-number-skipped':
      return;
  }
}

function figuresOf(state: DayReportState): DayFigures {
  const { day } = state;
  const payments = PAYMENT_METHODS.filter(
    (m) => day.paymentSales[m] !== undefined || day.paymentReturns[m] !== undefined,
  ).map((method): PaymentFigure => {
    const sales = day.paymentSales[method] ?? ore(0);
    const returns = day.paymentReturns[method] ?? ore(0);
    return { method, sales, returns, net: subtract(sales, returns) };
  });
  const cash = payments.find((p) => p.method === 'cash')?.net ?? ore(0);
  const parked = Object.keys(day.parked)
    .sort()
    .map((id) => day.parked[id] ?? ore(0));
  // A rate is on the report when a receipt of the day has it, even if it nets to zero.
  const vatPerRate = VAT_RATES.flatMap((rate): VatSplitRow[] => {
    const gross = day.grossByRate[String(rate)];
    const vat = day.vatByRate[String(rate)] ?? ore(0);
    return gross === undefined ? [] : [{ rate, gross, vat, net: subtract(gross, vat) }];
  });
  return {
    businessDay: state.businessDay,
    salesTotal: day.salesTotal,
    salesByGroup: Object.keys(day.salesByGroup)
      .sort()
      .map((group) => ({ group, amount: day.salesByGroup[group] ?? ore(0) })),
    vatPerRate,
    cashFloat: day.cashFloat,
    goodsSold: day.goodsSold,
    servicesSold: day.servicesSold,
    receiptCount: day.receiptCount,
    drawerOpenings: day.drawerOpenings,
    copies: day.copies,
    training: day.training,
    payments,
    returns: day.returns,
    discounts: day.discounts,
    otherReductions: day.otherReductions,
    unfinishedSales: { count: parked.length, amount: parked.reduce(add, ore(0)) },
    proForma: day.proForma,
    priceChanges: day.priceChanges,
    ...(day.simulatedReceipts > 0 ? { simulatedReceipts: day.simulatedReceipts } : {}),
    rounding: day.rounding,
    cashIn: day.cashIn,
    cashOut: day.cashOut,
    netTotal: subtract(day.salesTotal, day.returns.amount),
    expectedCash: subtract(add(add(day.cashFloat, cash), day.cashIn), day.cashOut),
  };
}

function grandTotalsAfter(state: DayReportState, figures: DayFigures): GrandTotals {
  const previous = state.lastZ?.grandTotals ?? { sales: ore(0), returns: ore(0), net: ore(0) };
  const sales = add(previous.sales, figures.salesTotal);
  const returns = add(previous.returns, figures.returns.amount);
  return { sales, returns, net: subtract(sales, returns) };
}

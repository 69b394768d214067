/**
 * The shapes of the X- and Z-dagrapport (SKVFS 2014:9 7 kap 2–3 §§;
 * docs/spec/sweden-regulation.md §4): what day-report.ts computes from the journal and what the
 * journal records when a Z is taken. Kept apart from day-report.ts so that journal.ts can name a
 * report without importing the code that folds the journal.
 */
import type { BusinessDay } from '../business-day.js';
import type { Ore } from '../money.js';
import type { VatSplitRow } from '../vat.js';
import type { PaymentMethod } from './sale.js';

/** Who the report is for (7 kap 3 § a, e; the register's serial for the 2021:16 Z). */
export interface ReportIdentity {
  readonly companyName: string;
  readonly organisationNumber: string;
  readonly registerId: string;
  readonly registerSerialNumber?: string;
}

/** A number of events and their amount. */
export interface CountAmount {
  readonly count: number;
  readonly amount: Ore;
}

/** Sales and returns per payment method (p); returns as a positive magnitude. */
export interface PaymentFigure {
  readonly method: PaymentMethod;
  readonly sales: Ore;
  readonly returns: Ore;
  readonly net: Ore;
}

/** Grand totals (u–w): cumulative for the register, never reset. Returns as a positive magnitude. */
export interface GrandTotals {
  readonly sales: Ore;
  readonly returns: Ore;
  readonly net: Ore;
}

/** The figures of one business day, shared by X and Z. */
export interface DayFigures {
  readonly businessDay: BusinessDay;
  /** f: total of the sale receipts (before cash rounding). */
  readonly salesTotal: Ore;
  /** g: sales per main group, for lines that have one; sorted by group. */
  readonly salesByGroup: readonly { readonly group: string; readonly amount: Ore }[];
  /**
   * h: VAT per rate on sales net of returns: per rate, the sum of the VAT rows printed on the
   * day's sale and return receipts (7 kap 1 § i–j), never VAT recomputed on the day's gross, so
   * the Z, its SIE voucher and the receipts reconcile to the öre (docs/domain/vat-and-rounding.md).
   */
  readonly vatPerRate: readonly VatSplitRow[];
  /** i: växelkassa registered. */
  readonly cashFloat: Ore;
  /** j, k: pieces sold (a weighed line counts as one). */
  readonly goodsSold: number;
  readonly servicesSold: number;
  /** l: number of sale receipts. */
  readonly receiptCount: number;
  /** m: lådöppningar without a sale. */
  readonly drawerOpenings: number;
  /** n: receipt copies, amount of the originals. */
  readonly copies: CountAmount;
  /** o: training receipts. */
  readonly training: CountAmount;
  /** p. */
  readonly payments: readonly PaymentFigure[];
  /** q: return receipts, amount as a positive magnitude. */
  readonly returns: CountAmount;
  /** r: discounts given on sale receipts. */
  readonly discounts: Ore;
  /** s: other registrations that reduced the day's sales: lines removed before payment. */
  readonly otherReductions: CountAmount;
  /** t: parked sales not resumed. */
  readonly unfinishedSales: CountAmount;
  /** Pro forma receipts (Odoo prints them; whether 2021:17 needs them is open, spec §11.9). */
  readonly proForma: CountAmount;
  readonly priceChanges: number;
  /**
   * Sale and return receipts signed by a simulated control unit (serial SIMULATED_SERIAL_PREFIX):
   * not valid for accounting, so the report says so. Absent when there are none.
   */
  readonly simulatedReceipts?: number;
  /** Öresavrundning on sale and return receipts (account 3740). */
  readonly rounding: Ore;
  readonly cashIn: Ore;
  readonly cashOut: Ore;
  /** salesTotal − returns.amount. */
  readonly netTotal: Ore;
  /** Float + cash taken − cash refunded + cash in − cash out: what the count should find. */
  readonly expectedCash: Ore;
}

/** An X-dagrapport (7 kap 2 §): the same content, no number, does not close the day. */
export interface XReport extends DayFigures, ReportIdentity, CashCount {
  readonly type: 'X';
  readonly producedAt: string;
  /** u–w as they would be if the day were closed now. */
  readonly grandTotals: GrandTotals;
}

/** A Z-dagrapport (7 kap 3 §): numbered (c), closes the day. */
export interface ZReport extends DayFigures, ReportIdentity, CashCount {
  readonly type: 'Z';
  readonly zNumber: number;
  readonly producedAt: string;
  readonly grandTotals: GrandTotals;
}

/** Counted cash and its difference against the expected cash (counted − expected). */
export interface CashCount {
  readonly countedCash: Ore | null;
  readonly cashDifference: Ore | null;
}

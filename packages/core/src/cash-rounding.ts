/**
 * Öresavrundning: rounding of cash payments to whole kronor.
 * Source: Lag (1970:1029) om avrundning av öresbelopp 1–2 §§ (as amended by SFS 2009:283, from
 * 2010-10-01): an amount paid in Swedish coin is rounded to the nearest whole krona, 1–49 öre
 * down and 50–99 öre up, unless otherwise agreed.
 *
 * Only the part paid in cash is rounded, and only the total to pay, never prices or VAT.
 * Card and Swish payments are exact transfers in öre and are never rounded; the law applies to
 * payment in coin only. The rounding is shown on the receipt as "Öresavrundning" and booked to
 * account 3740 Öres- och kronutjämning.
 */
import { type Ore, ore, subtract, sum } from './money.js';

/** A cash amount rounded to whole kronor; `rounded − rounding = amount`. */
export interface RoundedCashAmount {
  readonly rounded: Ore;
  /** What rounding added: positive when rounded up, negative when rounded down. */
  readonly rounding: Ore;
}

/** The cash part of a payment after card/Swish, before and after rounding. */
export interface TenderRounding {
  /** total − nonCashPaid, exact to the öre. */
  readonly cashDue: Ore;
  /** cashDue rounded to whole kronor: what changes hands in cash. */
  readonly cashDueRounded: Ore;
  /** cashDueRounded − cashDue. */
  readonly rounding: Ore;
}

/** Rounds a cash amount to whole kronor (1–49 öre down, 50–99 up, symmetric around zero). */
export function roundCashAmount(amount: Ore): RoundedCashAmount {
  const value = ore(amount);
  const magnitude = Math.abs(value);
  const orepart = magnitude % 100;
  const roundedMagnitude = orepart >= 50 ? magnitude - orepart + 100 : magnitude - orepart;
  // Symmetric: a cash refund of −0,50 is paid out as −1,00, mirroring a sale of 0,50.
  const rounded = ore(value < 0 ? -roundedMagnitude : roundedMagnitude);
  return { rounded, rounding: subtract(rounded, value) };
}

/**
 * Splits a total between non-cash tenders (card, Swish: exact) and cash (rounded).
 * The cash part `total − nonCashPaid` is the only part rounded. A negative cash part is cash
 * paid out (a refund or change) and is rounded symmetrically.
 */
export function splitTenderRounding(total: Ore, nonCashPaid: Ore): TenderRounding {
  const cashDue = subtract(total, nonCashPaid);
  const { rounded, rounding } = roundCashAmount(cashDue);
  return { cashDue, cashDueRounded: rounded, rounding };
}

/** What is left to pay after card and Swish, and that rest if it is paid in cash. */
export interface PaymentPlan {
  readonly total: Ore;
  /** Card and Swish confirmed so far. */
  readonly paidNonCash: Ore;
  /** total − paidNonCash, exact to the öre; never below zero. */
  readonly remaining: Ore;
  /** What is left if it is paid in cash: `remaining` rounded to whole kronor. */
  readonly cashDue: Ore;
  /** cashDue − remaining: the öresavrundning of the cash part. */
  readonly rounding: Ore;
}

/**
 * The payment of `total` as the till shows it while card and Swish parts are confirmed one by
 * one: only the cash part left is rounded (splitTenderRounding), as settleTender settles it.
 */
export function paymentPlan(total: Ore, nonCashPaid: readonly Ore[]): PaymentPlan {
  const paidNonCash = sum(nonCashPaid);
  const left = subtract(total, paidNonCash);
  const split = splitTenderRounding(left < 0 ? ore(0) : left, ore(0));
  return {
    total,
    paidNonCash,
    remaining: split.cashDue,
    cashDue: split.cashDueRounded,
    rounding: split.rounding,
  };
}

/** The change for cash handed over, or how much is still missing. */
export type CashChange =
  | { readonly enough: true; readonly change: Ore }
  | { readonly enough: false; readonly missing: Ore };

/** What is handed back when `tendered` is given for a (rounded) cash part `cashDue`. */
export function cashChange(cashDue: Ore, tendered: Ore): CashChange {
  return tendered >= cashDue
    ? { enough: true, change: subtract(tendered, cashDue) }
    : { enough: false, missing: subtract(cashDue, tendered) };
}

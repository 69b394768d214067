// The arithmetic the payment dialog shows: what is left to pay after card and Swish, the cash part
// with its öresavrundning (Lag 1970:1029: only cash is rounded, to whole kronor, 1–49 öre down and
// 50–99 up), and the change. The register settles the same way (@kassa/core settleTender) and has
// the last word; this is what the cashier sees before pressing "Slutför".

import type { TenderInput as Tender } from '@kassa/contracts';

export interface NonCashTender {
  method: 'card' | 'swish';
  amount: number;
}

/** Rounds a cash amount to whole kronor, symmetric around zero. */
export function roundCash(amount: number): number {
  const magnitude = Math.abs(amount);
  const orePart = magnitude % 100;
  const rounded = orePart >= 50 ? magnitude - orePart + 100 : magnitude - orePart;
  return amount < 0 && rounded !== 0 ? -rounded : rounded;
}

export interface PaymentPlan {
  total: number;
  /** Card and Swish confirmed so far. */
  paidNonCash: number;
  /** total − paidNonCash, exact to the öre; never below zero. */
  remaining: number;
  /** What is left if it is paid in cash: `remaining` rounded to whole kronor. */
  cashDue: number;
  /** cashDue − remaining: the öresavrundning of the cash part. */
  rounding: number;
}

export function paymentPlan(total: number, nonCash: readonly NonCashTender[]): PaymentPlan {
  const paidNonCash = nonCash.reduce((sum, tender) => sum + tender.amount, 0);
  const remaining = Math.max(0, total - paidNonCash);
  const cashDue = roundCash(remaining);
  return { total, paidNonCash, remaining, cashDue, rounding: cashDue - remaining };
}

export type CashOutcome = { enough: true; change: number } | { enough: false; missing: number };

/** What the cashier hands back for `tendered`, or how much is still missing. */
export function cashOutcome(cashDue: number, tendered: number): CashOutcome {
  return tendered >= cashDue
    ? { enough: true, change: tendered - cashDue }
    : { enough: false, missing: cashDue - tendered };
}

/** Swedish notes, in öre. */
export const notes = [2_000, 5_000, 10_000, 20_000, 50_000, 100_000] as const;

/**
 * Quick buttons for the cash handed over: the exact amount, the next ten and hundred kronor, and
 * the notes above the amount, at most `max` of them, ascending and without repeats.
 */
export function quickCashAmounts(cashDue: number, max = 5): number[] {
  const amounts = new Set<number>([cashDue]);
  for (const step of [1_000, 10_000]) {
    const next = Math.ceil(cashDue / step) * step;
    if (next > cashDue) amounts.add(next);
  }
  for (const note of notes) if (note > cashDue) amounts.add(note);
  return [...amounts].sort((a, b) => a - b).slice(0, max);
}

/** The largest card or Swish amount that may be added now (no change is given on a card). */
export function nonCashLimit(plan: PaymentPlan): number {
  return plan.remaining;
}

/** Whether the confirmed card and Swish amounts alone settle the sale. */
export function settledWithoutCash(plan: PaymentPlan): boolean {
  return plan.total > 0 ? plan.remaining === 0 : true;
}

/** The tenders sent to POST /local/sale/pay: card and Swish as confirmed, then cash if any. */
export function tendersFor(
  nonCash: readonly NonCashTender[],
  cashTendered: number | null,
): Tender[] {
  const tenders: Tender[] = nonCash.map((tender) => ({ ...tender }));
  if (cashTendered !== null) tenders.push({ method: 'cash', tendered: cashTendered });
  return tenders;
}

/** Rounds `numerator / denominator` half away from zero (as @kassa/core does). */
function divideHalfAwayFromZero(numerator: number, denominator: number): number {
  const quotient = Math.abs(numerator) / denominator;
  const whole = Math.floor(quotient);
  const rounded = quotient - whole >= 0.5 ? whole + 1 : whole;
  return numerator < 0 ? -rounded : rounded;
}

/**
 * The refund for returning `quantity` of a line sold as `soldQuantity` for `lineAmount`, when
 * `returnedBefore` already came back: round(A·(r+k)/n) − round(A·r/n), so that partial returns
 * add up to the line amount exactly (the register computes the same).
 */
export function refundShare(
  lineAmount: number,
  soldQuantity: number,
  returnedBefore: number,
  quantity: number,
): number {
  if (soldQuantity <= 0) return 0;
  const share = (units: number) => divideHalfAwayFromZero(lineAmount * units, soldQuantity);
  return share(returnedBefore + quantity) - share(returnedBefore);
}

// The payment dialog's tenders and buttons. The figures it shows come from @kassa/core, the same
// functions the register settles with (settleTender): what is left after card and Swish and the
// cash part with its öresavrundning (paymentPlan, Lag 1970:1029), the change (cashChange); the
// register has the last word. Nothing here rounds or divides money.

import { type PaymentPlan, ore, paymentPlan as planOf } from '@kassa/core';
import type { TenderInput as Tender } from '@kassa/contracts';

export type { PaymentPlan } from '@kassa/core';

export interface NonCashTender {
  method: 'card' | 'swish';
  amount: number;
}

/** The payment of `total` with the card and Swish parts confirmed so far (core's paymentPlan). */
export function paymentPlan(total: number, nonCash: readonly NonCashTender[]): PaymentPlan {
  return planOf(
    ore(total),
    nonCash.map((tender) => ore(tender.amount)),
  );
}

/** Swedish notes, in öre. */
const notes = [2_000, 5_000, 10_000, 20_000, 50_000, 100_000] as const;

/** The first multiple of `step` at or above `amount` (≥ 0), by remainder: exact in integers. */
function upTo(amount: number, step: number): number {
  const rest = amount % step;
  return rest === 0 ? amount : amount + (step - rest);
}

/**
 * Quick buttons for the cash handed over: the exact amount, the next ten and hundred kronor, and
 * the notes above the amount, at most `max` of them, ascending and without repeats.
 */
export function quickCashAmounts(cashDue: number, max = 5): number[] {
  const amounts = new Set<number>([cashDue]);
  for (const step of [1_000, 10_000]) {
    const next = upTo(cashDue, step);
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

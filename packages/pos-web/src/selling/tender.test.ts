import { describe, expect, it } from 'vitest';
import {
  nonCashLimit,
  paymentPlan,
  quickCashAmounts,
  settledWithoutCash,
  tendersFor,
} from './tender';

// The rounding, the change and the return shares are core's (cash-rounding.test.ts and
// sale/receipt.test.ts hold those assertions); these are the dialog's tenders and buttons.

describe('paymentPlan', () => {
  it('rounds only the cash part left after card and Swish', () => {
    const plan = paymentPlan(12_345, [{ method: 'card', amount: 5_000 }]);
    expect(plan).toEqual({
      total: 12_345,
      paidNonCash: 5_000,
      remaining: 7_345,
      cashDue: 7_300,
      rounding: -45,
    });
    expect(settledWithoutCash(plan)).toBe(false);
    expect(nonCashLimit(plan)).toBe(7_345);
  });

  it('is settled when card and Swish cover the total exactly', () => {
    const plan = paymentPlan(12_345, [
      { method: 'swish', amount: 2_345 },
      { method: 'card', amount: 10_000 },
    ]);
    expect(plan.remaining).toBe(0);
    expect(plan.rounding).toBe(0);
    expect(settledWithoutCash(plan)).toBe(true);
  });

  it('shows a rounding up on the cash part', () => {
    expect(paymentPlan(9_950, [])).toMatchObject({ cashDue: 10_000, rounding: 50 });
  });
});

describe('quickCashAmounts', () => {
  it('offers the exact amount, the next ten and hundred kronor and the notes above', () => {
    expect(quickCashAmounts(8_700)).toEqual([8_700, 9_000, 10_000, 20_000, 50_000]);
    expect(quickCashAmounts(27_000)).toEqual([27_000, 30_000, 50_000, 100_000]);
    expect(quickCashAmounts(2_000)).toEqual([2_000, 5_000, 10_000, 20_000, 50_000]);
    expect(quickCashAmounts(150_000)).toEqual([150_000]);
    expect(quickCashAmounts(149_000)).toEqual([149_000, 150_000]);
    expect(quickCashAmounts(0, 3)).toEqual([0, 2_000, 5_000]);
  });
});

describe('tendersFor', () => {
  it('sends card and Swish as confirmed and cash last with what was handed over', () => {
    expect(tendersFor([{ method: 'card', amount: 5_000 }], 10_000)).toEqual([
      { method: 'card', amount: 5_000 },
      { method: 'cash', tendered: 10_000 },
    ]);
    expect(tendersFor([{ method: 'swish', amount: 12_345 }], null)).toEqual([
      { method: 'swish', amount: 12_345 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  cashOutcome,
  nonCashLimit,
  paymentPlan,
  quickCashAmounts,
  refundShare,
  roundCash,
  settledWithoutCash,
  tendersFor,
} from './tender';

describe('roundCash (öresavrundning)', () => {
  it('rounds 1–49 öre down and 50–99 up, symmetrically', () => {
    expect(roundCash(8_749)).toBe(8_700);
    expect(roundCash(8_750)).toBe(8_800);
    expect(roundCash(8_700)).toBe(8_700);
    expect(roundCash(-50)).toBe(-100);
    expect(roundCash(-49)).toBe(0);
  });
});

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

describe('cashOutcome', () => {
  it('gives the change, or what is missing', () => {
    expect(cashOutcome(7_300, 10_000)).toEqual({ enough: true, change: 2_700 });
    expect(cashOutcome(7_300, 7_300)).toEqual({ enough: true, change: 0 });
    expect(cashOutcome(7_300, 5_000)).toEqual({ enough: false, missing: 2_300 });
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

describe('refundShare', () => {
  it('adds up to the line amount over several partial returns', () => {
    const amount = 10_000; // 3 for 100 kr
    const first = refundShare(amount, 3, 0, 1);
    const second = refundShare(amount, 3, 1, 1);
    const third = refundShare(amount, 3, 2, 1);
    expect([first, second, third]).toEqual([3_333, 3_334, 3_333]);
    expect(first + second + third).toBe(amount);
    expect(refundShare(amount, 3, 0, 3)).toBe(amount);
  });

  it('works on grams of a weighed line', () => {
    expect(refundShare(4_515, 350, 0, 100)).toBe(1_290);
  });
});

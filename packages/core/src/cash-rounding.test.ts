import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, negate, ore } from './money.js';
import { cashChange, paymentPlan, roundCashAmount, splitTenderRounding } from './cash-rounding.js';

describe('roundCashAmount', () => {
  it.each([
    [12300, 12300, 0],
    [12301, 12300, -1],
    [12349, 12300, -49],
    [12350, 12400, 50],
    [12399, 12400, 1],
    [49, 0, -49],
    [50, 100, 50],
    [0, 0, 0],
    [-50, -100, -50],
    [-49, 0, 49],
    [-12350, -12400, -50],
    [-12349, -12300, 49],
    [-12399, -12400, -1],
  ])('rounds %i öre to %i with rounding %i', (amount, rounded, rounding) => {
    expect(roundCashAmount(ore(amount))).toEqual({ rounded, rounding });
  });

  it('never yields −0', () => {
    const { rounded, rounding } = roundCashAmount(ore(-49));
    expect(Object.is(rounded, 0)).toBe(true);
    expect(rounding).toBe(49);
    expect(Object.is(roundCashAmount(ore(0)).rounding, 0)).toBe(true);
  });

  it('keeps |rounding| ≤ 50, rounds to whole kronor and balances', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (value) => {
        const amount = ore(value);
        const { rounded, rounding } = roundCashAmount(amount);
        expect(Math.abs(rounding)).toBeLessThanOrEqual(50);
        expect(Math.abs(rounded % 100)).toBe(0); // abs: −100 % 100 is −0
        expect(rounded - rounding).toBe(amount);
      }),
    );
  });

  it('rounds to the nearest krona, halves away from zero, symmetric for refunds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (value) => {
        const { rounded, rounding } = roundCashAmount(ore(value));
        expect(Math.abs(rounding) === 50).toBe(Math.abs(value) % 100 === 50);
        if (Math.abs(rounding) === 50) {
          expect(Math.abs(rounded)).toBeGreaterThan(Math.abs(value));
        }
        expect(roundCashAmount(ore(-value))).toEqual({
          rounded: negate(rounded),
          rounding: negate(rounding),
        });
      }),
    );
  });
});

describe('splitTenderRounding', () => {
  it('rounds an all-cash sale', () => {
    expect(splitTenderRounding(ore(12345), ore(0))).toEqual({
      cashDue: 12345,
      cashDueRounded: 12300,
      rounding: -45,
    });
  });

  it('does not round an all-card sale', () => {
    expect(splitTenderRounding(ore(12345), ore(12345))).toEqual({
      cashDue: 0,
      cashDueRounded: 0,
      rounding: 0,
    });
  });

  it('rounds only the cash part of a split payment', () => {
    // 123,45 kr total, 100,00 on card: cash part 23,45 → 23,00.
    expect(splitTenderRounding(ore(12345), ore(10000))).toEqual({
      cashDue: 2345,
      cashDueRounded: 2300,
      rounding: -45,
    });
    // 123,45 kr total, 23,00 by Swish: cash part 100,45 → 100,00, not 123,00 − 23,00 rounded.
    expect(splitTenderRounding(ore(12345), ore(2300))).toEqual({
      cashDue: 10045,
      cashDueRounded: 10000,
      rounding: -45,
    });
    // 100,00 kr total, 99,40 by card: cash part 0,60 → 1,00.
    expect(splitTenderRounding(ore(10000), ore(9940))).toEqual({
      cashDue: 60,
      cashDueRounded: 100,
      rounding: 40,
    });
  });

  it('rounds a cash refund symmetrically', () => {
    expect(splitTenderRounding(ore(-12350), ore(0))).toEqual({
      cashDue: -12350,
      cashDueRounded: -12400,
      rounding: -50,
    });
  });

  it('always balances: nonCash + cashDueRounded − rounding = total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        (total, nonCash) => {
          const split = splitTenderRounding(ore(total), ore(nonCash));
          expect(split.cashDue).toBe(total - nonCash);
          expect(add(ore(nonCash), split.cashDueRounded) - split.rounding).toBe(total);
          expect(Math.abs(split.cashDueRounded % 100)).toBe(0);
          expect(Math.abs(split.rounding)).toBeLessThanOrEqual(50);
        },
      ),
    );
  });
});

// What the till's payment dialog shows (pos-web asks core; the register settles the same way).
describe('roundCashAmount as the till shows it', () => {
  it('rounds 1–49 öre down and 50–99 up, symmetrically', () => {
    const rounded = (amount: number) => roundCashAmount(ore(amount)).rounded;
    expect(rounded(8_749)).toBe(8_700);
    expect(rounded(8_750)).toBe(8_800);
    expect(rounded(8_700)).toBe(8_700);
    expect(rounded(-50)).toBe(-100);
    expect(rounded(-49)).toBe(0);
  });
});

describe('paymentPlan', () => {
  it('rounds only the cash part left after card and Swish', () => {
    const plan = paymentPlan(ore(12_345), [ore(5_000)]);
    expect(plan).toEqual({
      total: 12_345,
      paidNonCash: 5_000,
      remaining: 7_345,
      cashDue: 7_300,
      rounding: -45,
    });
  });

  it('is settled when card and Swish cover the total exactly', () => {
    const plan = paymentPlan(ore(12_345), [ore(2_345), ore(10_000)]);
    expect(plan.remaining).toBe(0);
    expect(plan.rounding).toBe(0);
  });

  it('shows a rounding up on the cash part', () => {
    expect(paymentPlan(ore(9_950), [])).toMatchObject({ cashDue: 10_000, rounding: 50 });
  });

  it('never leaves less than nothing to pay', () => {
    expect(paymentPlan(ore(1_000), [ore(1_500)])).toMatchObject({ remaining: 0, cashDue: 0 });
  });
});

describe('cashChange', () => {
  it('gives the change, or what is missing', () => {
    expect(cashChange(ore(7_300), ore(10_000))).toEqual({ enough: true, change: 2_700 });
    expect(cashChange(ore(7_300), ore(7_300))).toEqual({ enough: true, change: 0 });
    expect(cashChange(ore(7_300), ore(5_000))).toEqual({ enough: false, missing: 2_300 });
  });
});

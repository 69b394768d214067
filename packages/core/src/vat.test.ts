import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ore, add, negate, ore, sum } from './money.js';
import { VAT_RATES, type VatRate, isVatRate, splitVatByRate, vatOfGross } from './vat.js';

const anyRate = fc.constantFrom(...VAT_RATES);
const anyGross = fc.integer({ min: -100_000_000, max: 100_000_000 }).map(ore);

describe('isVatRate', () => {
  it('accepts exactly the Swedish rates', () => {
    expect([2500, 1200, 600, 0].every(isVatRate)).toBe(true);
    expect(isVatRate(25)).toBe(false);
    expect(isVatRate(1250)).toBe(false);
  });
});

describe('vatOfGross', () => {
  it.each<[number, VatRate, number]>([
    [3500, 1200, 375], // 35,00 kr at 12 % → 3,75 (exact)
    [7000, 600, 396], // 70,00 kr at 6 % → 3,962… → 3,96
    [12500, 2500, 2500], // 125,00 kr at 25 % → 25,00
    [100, 2500, 20], // 1,00 kr at 25 % → 0,20
    [10, 2500, 2], // 0,10 kr at 25 % → 0,02
    [6, 2500, 1], // 0,06 kr at 25 % → 1,2 öre → 1
    [53, 600, 3], // 0,53 kr at 6 % → 3,0 öre
    [-3500, 1200, -375], // returns are symmetric
    [-7000, 600, -396],
    [9999, 0, 0],
    [0, 2500, 0],
  ])('VAT in %i öre at %i is %i öre', (gross, rate, expected) => {
    expect(vatOfGross(ore(gross), rate)).toBe(expected);
  });

  it('rounds an exact half away from zero', () => {
    // At 12 % the VAT is gross × 3/28, an exact half when gross = 14 öre (1,5) or 42 öre (4,5).
    expect(vatOfGross(ore(14), 1200)).toBe(2);
    expect(vatOfGross(ore(42), 1200)).toBe(5);
    expect(vatOfGross(ore(-14), 1200)).toBe(-2);
    // Just below and above a half at 25 % (gross / 5): 2,4 öre → 2 and 2,6 öre → 3.
    expect(vatOfGross(ore(12), 2500)).toBe(2);
    expect(vatOfGross(ore(13), 2500)).toBe(3);
  });

  it('throws on a rate that is not Swedish', () => {
    // Deliberate cast: simulates unvalidated data reaching the function.
    expect(() => vatOfGross(ore(100), 1000 as VatRate)).toThrow(RangeError);
  });

  it('is within half an öre of the exact VAT and odd-symmetric', () => {
    fc.assert(
      fc.property(anyGross, anyRate, (gross, rate) => {
        const vat = vatOfGross(gross, rate);
        // |vat − gross·r/(10000+r)| ≤ 1/2  ⇔  |2·vat·(10000+r) − 2·gross·r| ≤ 10000+r
        expect(Math.abs(2 * vat * (10_000 + rate) - 2 * gross * rate)).toBeLessThanOrEqual(
          10_000 + rate,
        );
        expect(vatOfGross(negate(gross), rate)).toBe(negate(vat));
      }),
    );
  });
});

describe('splitVatByRate', () => {
  it('returns nothing for no lines', () => {
    expect(splitVatByRate([])).toEqual([]);
  });

  it('groups by rate, highest first, with VAT on each rate total', () => {
    const rows = splitVatByRate([
      { gross: ore(3500), rate: 600 },
      { gross: ore(4500), rate: 2500 },
      { gross: ore(3500), rate: 1200 },
      { gross: ore(3500), rate: 600 },
      { gross: ore(1000), rate: 0 },
    ]);
    expect(rows).toEqual([
      { rate: 2500, gross: 4500, vat: 900, net: 3600 },
      { rate: 1200, gross: 3500, vat: 375, net: 3125 },
      { rate: 600, gross: 7000, vat: 396, net: 6604 },
      { rate: 0, gross: 1000, vat: 0, net: 1000 },
    ]);
  });

  it('computes VAT on the total, not per line', () => {
    // Three lines of 0,10 kr at 25 %: per line 2 öre each = 6 öre; on the total 30 öre → 6 öre.
    // Three lines of 0,13 kr at 25 %: per line 2,6 → 3 öre each = 9; on the total 39 öre → 7,8 → 8.
    const line = { gross: ore(13), rate: 2500 as const };
    expect(splitVatByRate([line, line, line])).toEqual([
      { rate: 2500, gross: 39, vat: 8, net: 31 },
    ]);
  });

  it('keeps a rate whose lines net to zero', () => {
    expect(
      splitVatByRate([
        { gross: ore(4900), rate: 1200 },
        { gross: ore(-4900), rate: 1200 },
      ]),
    ).toEqual([{ rate: 1200, gross: 0, vat: 0, net: 0 }]);
  });

  it('balances: gross = net + vat per row, and gross sums to the receipt total', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ gross: anyGross, rate: anyRate }), { maxLength: 30 }),
        (lines) => {
          const rows = splitVatByRate(lines);
          const total: Ore = sum(lines.map((l) => l.gross));
          expect(sum(rows.map((r) => r.gross))).toBe(total);
          for (const row of rows) {
            expect(add(row.net, row.vat)).toBe(row.gross);
            expect(row.vat).toBe(vatOfGross(row.gross, row.rate));
          }
          const rates = rows.map((r) => r.rate);
          expect(rates).toEqual([...new Set(lines.map((l) => l.rate))].sort((a, b) => b - a));
        },
      ),
    );
  });
});

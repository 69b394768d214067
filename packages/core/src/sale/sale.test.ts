import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ore, ore, sum } from '../money.js';
import {
  type LineInput,
  type Sale,
  addLine,
  createSale,
  priceSale,
  removeLine,
  setConsumption,
  setLineDiscount,
  setOrderDiscount,
  settleTender,
} from './sale.js';
import { value } from './test-shop.js';

const ALL = { maxDiscountRate: 10_000 };

function piece(
  lineId: string,
  unitPrice: number,
  quantity: number,
  extra: Partial<LineInput> = {},
): LineInput {
  return {
    lineId,
    articleNumber: `A-${lineId}`,
    text: `Artikel ${lineId}`,
    itemType: 'good',
    vatCategory: 'standard',
    pricing: { unit: 'piece', unitPrice: ore(unitPrice), quantity },
    ...extra,
  };
}

function saleWith(...inputs: LineInput[]): Sale {
  return inputs.reduce(
    (s, input) => value(addLine(s, input)),
    createSale('2026-04-11', 'take-away'),
  );
}

describe('priceSale', () => {
  it('prices the spec §2 example: coffee eaten in at 12 %, buns taken away at 6 %', () => {
    const sale = saleWith(
      piece('kaffe', 3500, 1, { vatCategory: 'food', consumption: 'eat-in' }),
      piece('bulle', 3500, 2, { vatCategory: 'food' }),
    );
    const priced = value(priceSale(sale));
    expect(priced.total).toBe(10_500);
    // 12/112 × 35,00 = 3,75 (exact); 6/106 × 70,00 = 3,9622… → 3,96.
    expect(priced.vat).toEqual([
      { rate: 1200, gross: 3500, vat: 375, net: 3125 },
      { rate: 600, gross: 7000, vat: 396, net: 6604 },
    ]);
  });

  it('resolves food at 12 % before 2026-04-01 and re-resolves on eat-in', () => {
    const before = value(
      addLine(createSale('2026-03-31', 'take-away'), piece('a', 1000, 1, { vatCategory: 'food' })),
    );
    expect(before.lines[0]?.vatRate).toBe(1200);
    const after = value(
      addLine(createSale('2026-04-01', 'take-away'), piece('a', 1000, 1, { vatCategory: 'food' })),
    );
    expect(after.lines[0]?.vatRate).toBe(600);
    expect(setConsumption(after, 'eat-in').lines[0]?.vatRate).toBe(1200);
  });

  it('prices a weighed good: 1 234 g at 89,90 kr/kg = 110,9366 → 110,94 kr', () => {
    const sale = saleWith({
      ...piece('ost', 0, 1),
      pricing: { unit: 'gram', pricePerKilogram: ore(8990), grams: 1234 },
    });
    expect(value(priceSale(sale)).total).toBe(11_094);
  });

  it('allocates an order discount so that VAT per rate stays exact', () => {
    // 100,00 at 25 % and 50,00 at 12 %, 10,00 off the order: allocate(1000, [10000, 5000]) = 667 + 333.
    let sale = saleWith(piece('a', 10_000, 1), piece('b', 5000, 1, { vatCategory: 'restaurant' }));
    sale = value(setOrderDiscount(sale, { kind: 'amount', amount: ore(1000) }, ALL));
    const priced = value(priceSale(sale));
    expect(priced.lines.map((l) => l.amount)).toEqual([9333, 4667]);
    // 25 %: 93,33 × 25/125 = 18,666 → 18,67; 12 %: 46,67 × 12/112 = 5,0004 → 5,00.
    expect(priced.vat).toEqual([
      { rate: 2500, gross: 9333, vat: 1867, net: 7466 },
      { rate: 1200, gross: 4667, vat: 500, net: 4167 },
    ]);
    expect(priced.total).toBe(14_000);
    expect(priced.discountTotal).toBe(1000);
  });

  it('applies a 10 % line discount before the order discount', () => {
    let sale = saleWith(piece('a', 2990, 3));
    sale = value(setLineDiscount(sale, 'a', { kind: 'percent', rate: 1000 }, ALL));
    // 89,70 × 10 % = 8,97 → 80,73.
    expect(value(priceSale(sale)).total).toBe(8073);
  });

  it('refuses a discount beyond the permission, and one beyond the amount', () => {
    const sale = saleWith(piece('a', 10_000, 1));
    const limit = { maxDiscountRate: 1500 };
    expect(setLineDiscount(sale, 'a', { kind: 'percent', rate: 2000 }, limit)).toMatchObject({
      ok: false,
      code: 'discount-beyond-permission',
    });
    expect(setOrderDiscount(sale, { kind: 'amount', amount: ore(1501) }, limit)).toMatchObject({
      ok: false,
      code: 'discount-beyond-permission',
      allowed: 1500,
    });
    expect(setOrderDiscount(sale, { kind: 'amount', amount: ore(1500) }, limit).ok).toBe(true);
    expect(setLineDiscount(sale, 'a', { kind: 'amount', amount: ore(10_001) }, ALL)).toMatchObject({
      ok: false,
      code: 'discount-exceeds-amount',
    });
  });

  it('refuses bad lines and removes lines', () => {
    const empty = createSale('2026-04-11', 'take-away');
    expect(addLine(empty, piece('a', 100, 0))).toMatchObject({ code: 'quantity-not-positive' });
    expect(addLine(empty, piece('a', -100, 1))).toMatchObject({ code: 'price-negative' });
    const sale = saleWith(piece('a', 100, 1), piece('b', 200, 1));
    expect(addLine(sale, piece('a', 100, 1))).toMatchObject({ code: 'line-id-taken' });
    expect(removeLine(sale, 'x')).toMatchObject({ code: 'line-not-found' });
    expect(value(removeLine(sale, 'a')).lines.map((l) => l.lineId)).toEqual(['b']);
  });

  it('refuses an order discount that exceeds the total after lines were removed', () => {
    let sale = saleWith(piece('a', 1000, 1), piece('b', 1000, 1));
    sale = value(setOrderDiscount(sale, { kind: 'amount', amount: ore(1500) }, ALL));
    sale = value(removeLine(sale, 'b'));
    expect(priceSale(sale)).toMatchObject({ ok: false, code: 'discount-exceeds-amount' });
  });

  it('keeps every line ≥ 0 and the discount exact for any order discount', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 1, max: 20 })), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (lines, permille, asPercent) => {
          const sale = saleWith(...lines.map(([price, qty], i) => piece(`l${i}`, price, qty)));
          const subtotal = lines.reduce((acc, [price, qty]) => acc + price * qty, 0);
          const discount = asPercent
            ? ({ kind: 'percent', rate: permille } as const)
            : ({
                kind: 'amount',
                amount: ore(Math.floor((subtotal * permille) / 10_000)),
              } as const);
          const priced = value(priceSale(value(setOrderDiscount(sale, discount, ALL))));
          for (const line of priced.lines) {
            expect(line.amount).toBeGreaterThanOrEqual(0);
          }
          expect(sum(priced.lines.map((l) => l.orderDiscountShare))).toBe(priced.discountTotal);
          expect(priced.total + priced.discountTotal).toBe(subtotal);
        },
      ),
    );
  });

  it('splits VAT so that the rows always sum to the total', () => {
    const category = fc.constantFrom(
      'standard',
      'food',
      'restaurant',
      'reduced',
      'exempt' as const,
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 1_000_000 }),
            fc.integer({ min: 1, max: 9 }),
            category,
          ),
          {
            minLength: 1,
            maxLength: 10,
          },
        ),
        fc.integer({ min: 0, max: 10_000 }),
        (lines, rate) => {
          const sale = saleWith(
            ...lines.map(([price, qty, vatCategory], i) =>
              piece(`l${i}`, price, qty, { vatCategory }),
            ),
          );
          const priced = value(
            priceSale(value(setOrderDiscount(sale, { kind: 'percent', rate }, ALL))),
          );
          expect(sum(priced.vat.map((row) => row.gross))).toBe(priced.total);
          expect(sum(priced.vat.map((row) => ore(row.net + row.vat)))).toBe(priced.total);
        },
      ),
    );
  });
});

describe('settleTender', () => {
  const due = (n: number): Ore => ore(n);

  it('rounds cash only and gives change: 105,50 paid with 200 kr', () => {
    expect(value(settleTender(due(10_550), [{ method: 'cash', tendered: ore(20_000) }]))).toEqual({
      payments: [{ method: 'cash', amount: 10_600 }],
      rounding: 50,
      totalToPay: 10_600,
      cashTendered: 20_000,
      change: 9400,
    });
  });

  it('rounds only the cash part of a split tender: 105,49 = card 50,00 + cash 55,49 → 55,00', () => {
    expect(
      value(
        settleTender(due(10_549), [
          { method: 'card', amount: ore(5000) },
          { method: 'cash', tendered: ore(10_000) },
        ]),
      ),
    ).toEqual({
      payments: [
        { method: 'card', amount: 5000 },
        { method: 'cash', amount: 5500 },
      ],
      rounding: -49,
      totalToPay: 10_500,
      cashTendered: 10_000,
      change: 4500,
    });
  });

  it('never rounds card or Swish', () => {
    const settled = value(
      settleTender(due(10_549), [
        { method: 'swish', amount: ore(549) },
        { method: 'card', amount: ore(10_000) },
      ]),
    );
    expect(settled.rounding).toBe(0);
    expect(settled.totalToPay).toBe(10_549);
  });

  it('refuses card overpayment, too little cash, and a negative amount due', () => {
    expect(settleTender(due(1000), [{ method: 'card', amount: ore(1001) }])).toMatchObject({
      code: 'non-cash-overpayment',
    });
    expect(settleTender(due(1000), [{ method: 'card', amount: ore(999) }])).toMatchObject({
      code: 'payment-insufficient',
      missing: 1,
    });
    expect(settleTender(due(1050), [{ method: 'cash', tendered: ore(1000) }])).toMatchObject({
      code: 'payment-insufficient',
      missing: 100,
    });
    expect(settleTender(due(-1), [])).toMatchObject({ code: 'amount-due-negative' });
    expect(settleTender(due(100), [{ method: 'card', amount: ore(0) }])).toMatchObject({
      code: 'payment-amount-invalid',
    });
  });

  it('always balances: payments sum to total + rounding, rounding only on cash', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        (total, pct) => {
          const card = Math.floor((total * pct) / 100);
          const tenders =
            card > 0
              ? [{ method: 'card' as const, amount: ore(card) }, { method: 'cash' as const }]
              : [{ method: 'cash' as const }];
          const settled = value(settleTender(ore(total), tenders));
          expect(sum(settled.payments.map((p) => p.amount))).toBe(settled.totalToPay);
          expect(settled.totalToPay - settled.rounding).toBe(total);
          expect(Math.abs(settled.rounding)).toBeLessThanOrEqual(50);
        },
      ),
    );
  });
});

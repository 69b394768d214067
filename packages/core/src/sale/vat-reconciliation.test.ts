/**
 * The Z, the X, the SIE voucher and the receipts reconcile exactly, per VAT rate: the Z's VAT
 * per rate is the sum of the VAT rows printed on the day's sale and return receipts (SKVFS
 * 2014:9 7 kap 1 § i–j on the receipt, 7 kap 3 § h on the Z; docs/domain/vat-and-rounding.md,
 * "VAT per rate on X and Z").
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Ore, negate, ore } from '../money.js';
import { DEFAULT_SIE_ACCOUNT_PLAN } from '../sie/account-plan.js';
import { buildSieVerification } from '../sie/sie-file.js';
import type { Consumption, VatCategory } from '../vat-category.js';
import { VAT_RATES, type VatRate } from '../vat.js';
import type { DayFigures } from './day-figures.js';
import { buildXReport, buildZReport } from './day-report.js';
import { type JournalEntry, type JournalEvent, receiptEvent } from './journal.js';
import { appendEntry } from './journal-chain.js';
import {
  type Receipt,
  type ReturnItem,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
} from './receipt.js';
import {
  type Discount,
  type LinePricing,
  type Sale,
  type Tender,
  addLine,
  createSale,
  priceSale,
  setLineDiscount,
  setOrderDiscount,
} from './sale.js';
import { ZONE, header, identity, sha256, value } from './test-shop.js';

const ANY_DISCOUNT = { maxDiscountRate: 10_000 };

/** A register's day: journals sales, returns, training receipts and copies with real numbering. */
class Day {
  readonly entries: JournalEntry[] = [];
  /** Sale and return receipts, as printed. */
  readonly receipts: Receipt[] = [];
  private minute = 0;
  private readonly numbers = { receipt: 0, copy: 0, training: 0 };

  constructor(readonly businessDay: string) {}

  /** 08:00 UTC plus one minute per entry: always inside the Stockholm business day. */
  private nextAt(): string {
    const at = new Date(Date.parse(`${this.businessDay}T08:00:00.000Z`) + this.minute * 60_000);
    this.minute += 1;
    return at.toISOString();
  }

  private append(event: JournalEvent, at: string): void {
    this.entries.push(appendEntry(this.entries.at(-1) ?? null, event, at, sha256));
  }

  sell(sale: Sale, tenders: (total: Ore) => Tender[], training = false): Receipt {
    const at = this.nextAt();
    const priced = value(priceSale(sale));
    const series = training ? 'training' : 'receipt';
    this.numbers[series] += 1;
    const receipt = value(
      buildSaleReceipt(
        { header, receiptNumber: this.numbers[series], issuedAt: at },
        priced,
        tenders(priced.total),
        { training },
      ),
    );
    this.append(receiptEvent(receipt), at);
    if (!training) this.receipts.push(receipt);
    return receipt;
  }

  returnItems(original: Receipt, items: readonly ReturnItem[], byCard: boolean): Receipt {
    const at = this.nextAt();
    const previous = this.receipts.filter(
      (r) => r.kind === 'return' && r.original?.receiptNumber === original.receiptNumber,
    );
    const context = {
      header,
      receiptNumber: this.numbers.receipt + 1,
      issuedAt: at,
      businessDay: this.businessDay,
    };
    let receipt = value(
      buildReturnReceipt(context, original, previous, items, [{ method: 'cash' }]),
    );
    if (byCard) {
      receipt = value(
        buildReturnReceipt(context, original, previous, items, [
          { method: 'card', amount: negate(receipt.total) },
        ]),
      );
    }
    this.numbers.receipt += 1;
    this.append(receiptEvent(receipt), at);
    this.receipts.push(receipt);
    return receipt;
  }

  copy(original: Receipt): void {
    const at = this.nextAt();
    const made = this.entries.flatMap((e) => (e.kind === 'copy' ? [e.data.receipt] : []));
    const built = buildReceiptCopy(
      { receiptNumber: this.numbers.copy + 1, issuedAt: at },
      original,
      made,
    );
    if (built.ok) {
      this.numbers.copy += 1;
      this.append(receiptEvent(built.value), at);
    }
  }

  z(): DayFigures & { zNumber: number; registerId: string } {
    return value(
      buildZReport(this.entries, this.businessDay, ZONE, {
        identity,
        producedAt: `${this.businessDay}T20:00:00.000Z`,
      }),
    );
  }
}

/** Per rate: the sum of the receipts' own VAT rows (what the customer's receipts say). */
function receiptsPerRate(receipts: readonly Receipt[]) {
  const out = new Map<VatRate, { gross: number; vat: number; net: number }>();
  for (const receipt of receipts) {
    for (const row of receipt.vat) {
      const sum = out.get(row.rate) ?? { gross: 0, vat: 0, net: 0 };
      out.set(row.rate, {
        gross: sum.gross + row.gross,
        vat: sum.vat + row.vat,
        net: sum.net + row.net,
      });
    }
  }
  return out;
}

/** Checks a report's VAT per rate against the receipts and the SIE voucher against the Z. */
function expectReconciled(day: Day): void {
  const z = day.z();
  const expected = receiptsPerRate(day.receipts);
  expect(z.vatPerRate.map((row) => row.rate)).toEqual(VAT_RATES.filter((r) => expected.has(r)));
  for (const row of z.vatPerRate) {
    expect({ rate: row.rate, gross: row.gross, vat: row.vat, net: row.net }).toEqual({
      rate: row.rate,
      ...expected.get(row.rate),
    });
    expect(row.gross).toBe(row.net + row.vat);
  }
  // The rows' gross is the day's sales net of returns.
  expect(z.vatPerRate.reduce((a, r) => a + r.gross, 0)).toBe(z.netTotal);

  // The X of the same journal says the same.
  const x = buildXReport(day.entries, day.businessDay, ZONE, {
    identity,
    producedAt: `${day.businessDay}T19:00:00.000Z`,
  });
  expect(x.vatPerRate).toEqual(z.vatPerRate);

  // The SIE voucher books exactly the Z's (and so the receipts') VAT and net per rate.
  const voucher = buildSieVerification(z, DEFAULT_SIE_ACCOUNT_PLAN);
  expect(voucher.ok, voucher.ok ? '' : voucher.code).toBe(true);
  if (!voucher.ok) return;
  const booked = (account: string): number =>
    voucher.value.transactions
      .filter((t) => t.account === account)
      .reduce((a, t) => a + t.amount, 0);
  for (const rate of VAT_RATES) {
    const row = expected.get(rate) ?? { gross: 0, vat: 0, net: 0 };
    expect(booked(DEFAULT_SIE_ACCOUNT_PLAN.sales[rate].number), `sales ${rate}`).toBe(0 - row.net);
    if (rate !== 0) {
      expect(booked(DEFAULT_SIE_ACCOUNT_PLAN.outputVat[rate].number), `VAT ${rate}`).toBe(
        0 - row.vat,
      );
    }
  }
}

function oneLineSale(businessDay: string, category: VatCategory, price: number): Sale {
  return value(
    addLine(createSale(businessDay, 'take-away'), {
      lineId: '1',
      articleNumber: '100',
      text: 'Vara',
      itemType: 'good',
      vatCategory: category,
      pricing: { unit: 'piece', unitPrice: ore(price), quantity: 1 },
    }),
  );
}

describe('VAT per rate on the Z', () => {
  it('is the sum of the receipts’ VAT rows (three 12 % receipts: 5,27 + 5,27 + 5,88 = 16,42)', () => {
    // 49,14 kr at 12 % holds 5,265 kr of VAT, printed as 5,27; 54,88 kr holds exactly 5,88.
    // VAT computed once on the day's 153,16 kr would be 16,41: one öre less than the receipts.
    const day = new Day('2026-03-20');
    for (const price of [4914, 4914, 5488]) {
      day.sell(oneLineSale(day.businessDay, 'food', price), () => [
        { method: 'card', amount: ore(price) },
      ]);
    }
    expect(day.receipts.map((r) => r.vat.map((v) => v.vat))).toEqual([[527], [527], [588]]);
    const z = day.z();
    expect(z.vatPerRate).toEqual([{ rate: 1200, gross: 15_316, vat: 1642, net: 13_674 }]);
    expectReconciled(day);
  });

  it('is the sum of the sale and the return receipts’ rows (3 × 5,27 − 5,27 = 10,54, not 10,53)', () => {
    const day = new Day('2026-03-20');
    const sold = day.sell(oneLineSale(day.businessDay, 'food', 4914), () => [{ method: 'cash' }]);
    day.sell(oneLineSale(day.businessDay, 'food', 4914), () => [{ method: 'cash' }]);
    day.sell(oneLineSale(day.businessDay, 'food', 4914), () => [
      { method: 'swish', amount: ore(4914) },
    ]);
    const returned = day.returnItems(sold, [{ lineNo: 1, quantity: 1 }], false);
    expect(returned.vat).toEqual([{ rate: 1200, gross: -4914, vat: -527, net: -4387 }]);
    // VAT on the day's 98,28 kr would be 10,53.
    expect(day.z().vatPerRate).toEqual([{ rate: 1200, gross: 9828, vat: 1054, net: 8774 }]);
    expectReconciled(day);
  });
});

// ---- Random days ----------------------------------------------------------------------------

const CATEGORIES: readonly VatCategory[] = ['standard', 'food', 'restaurant', 'reduced', 'exempt'];

const discountArb: fc.Arbitrary<Discount | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1, max: 5000 }).map((rate): Discount => ({ kind: 'percent', rate })),
  fc
    .integer({ min: 1, max: 3000 })
    .map((amount): Discount => ({ kind: 'amount', amount: ore(amount) })),
);

const pricingArb: fc.Arbitrary<LinePricing> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      unit: fc.constant('piece' as const),
      unitPrice: fc.integer({ min: 1, max: 40_000 }).map(ore),
      quantity: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      unit: fc.constant('gram' as const),
      pricePerKilogram: fc.integer({ min: 500, max: 60_000 }).map(ore),
      grams: fc.integer({ min: 1, max: 2500 }),
    }),
  },
);

interface LineSpec {
  readonly category: VatCategory;
  readonly consumption: Consumption | undefined;
  readonly pricing: LinePricing;
  readonly discount: Discount | null;
}

const lineArb: fc.Arbitrary<LineSpec> = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  consumption: fc.option(fc.constantFrom<Consumption>('eat-in', 'take-away'), { nil: undefined }),
  pricing: pricingArb,
  discount: discountArb,
});

const tenderArb = fc.constantFrom('cash', 'card', 'swish', 'split' as const);

const operationArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('sale' as const),
      consumption: fc.constantFrom<Consumption>('eat-in', 'take-away'),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 6 }),
      orderDiscount: discountArb,
      tender: tenderArb,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('return' as const),
      pick: fc.nat(),
      lines: fc.array(fc.record({ pick: fc.nat(), quantity: fc.integer({ min: 1, max: 6 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
      byCard: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('training' as const),
      lines: fc.array(lineArb, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('copy' as const), pick: fc.nat() }) },
);

/** Days with 12 % food, with 6 % food (the 2026 cut), and after it. */
const dayArb = fc.constantFrom('2026-03-20', '2026-06-10', '2028-02-01');

function buildSale(
  businessDay: string,
  consumption: Consumption,
  lines: readonly LineSpec[],
  orderDiscount: Discount | null,
): Sale {
  let sale = createSale(businessDay, consumption);
  lines.forEach((line, i) => {
    sale = value(
      addLine(sale, {
        lineId: `l${i + 1}`,
        articleNumber: String(100 + i),
        text: `Vara ${i + 1}`,
        itemType: i % 3 === 2 ? 'service' : 'good',
        vatCategory: line.category,
        ...(line.consumption === undefined ? {} : { consumption: line.consumption }),
        pricing: line.pricing,
      }),
    );
    if (line.discount !== null) {
      // A discount larger than the line is refused by the core; the line then has none.
      const discounted = setLineDiscount(sale, `l${i + 1}`, line.discount, ANY_DISCOUNT);
      if (discounted.ok) sale = discounted.value;
    }
  });
  if (orderDiscount !== null) {
    const discounted = setOrderDiscount(sale, orderDiscount, ANY_DISCOUNT);
    if (discounted.ok) sale = discounted.value;
  }
  return sale;
}

function tendersFor(tender: 'cash' | 'card' | 'swish' | 'split'): (total: Ore) => Tender[] {
  switch (tender) {
    case 'cash':
      return () => [{ method: 'cash' }];
    case 'card':
    case 'swish':
      return (total) => [{ method: tender, amount: total }];
    case 'split':
      return (total) => [
        { method: 'card', amount: ore(Math.floor(total / 2)) },
        { method: 'cash' },
      ];
  }
}

describe('VAT per rate over random days', () => {
  it('Z = X = Σ receipts’ VAT rows per rate, and the SIE voucher books the Z’s VAT and net', () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.array(operationArb, { minLength: 1, maxLength: 25 }),
        (businessDay, operations) => {
          const day = new Day(businessDay);
          for (const operation of operations) {
            const sales = day.receipts.filter((r) => r.kind === 'sale');
            switch (operation.op) {
              case 'sale':
                day.sell(
                  buildSale(
                    businessDay,
                    operation.consumption,
                    operation.lines,
                    operation.orderDiscount,
                  ),
                  tendersFor(operation.tender),
                );
                break;
              case 'training':
                day.sell(
                  buildSale(businessDay, 'take-away', operation.lines, null),
                  () => [{ method: 'cash' }],
                  true,
                );
                break;
              case 'copy': {
                const original = day.receipts[operation.pick % Math.max(1, day.receipts.length)];
                if (original !== undefined) day.copy(original);
                break;
              }
              case 'return': {
                const original = sales[operation.pick % Math.max(1, sales.length)];
                if (original === undefined) break;
                const returned = (lineNo: number): number =>
                  day.receipts
                    .filter(
                      (r) =>
                        r.kind === 'return' && r.original?.receiptNumber === original.receiptNumber,
                    )
                    .flatMap((r) => r.lines.filter((l) => l.lineNo === lineNo))
                    .reduce((a, l) => a - l.quantity, 0);
                const items = new Map<number, number>();
                for (const pick of operation.lines) {
                  const line = original.lines[pick.pick % original.lines.length];
                  if (line === undefined || items.has(line.lineNo)) continue;
                  const remaining = line.quantity - returned(line.lineNo);
                  if (remaining <= 0) continue;
                  // A weighed line comes back whole or in part, in grams.
                  const quantity =
                    line.unit === 'gram'
                      ? Math.max(1, Math.min(remaining, pick.quantity * 97))
                      : Math.min(remaining, pick.quantity);
                  items.set(line.lineNo, quantity);
                }
                if (items.size === 0) break;
                day.returnItems(
                  original,
                  [...items].map(([lineNo, quantity]) => ({ lineNo, quantity })),
                  operation.byCard,
                );
                break;
              }
            }
          }
          if (day.receipts.length === 0) return;
          expectReconciled(day);
        },
      ),
      { numRuns: 300 },
    );
  });
});

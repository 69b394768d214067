import { describe, expect, it } from 'vitest';
import { negate, ore } from '../money.js';
import {
  type Receipt,
  type ReceiptContext,
  buildProFormaReceipt,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  missingReceiptFields,
  receiptMarkings,
  receiptSeriesOf,
  returnShare,
  withControlCode,
} from './receipt.js';
import { type PricedSale, addLine, createSale, priceSale, setOrderDiscount } from './sale.js';
import { value } from './test-shop.js';

const header = {
  companyName: 'Kafé Exempel AB',
  organisationNumber: '556677-8899',
  placeOfSaleAddress: 'Storgatan 1, 111 22 Stockholm',
  registerId: 'K1',
  delivery: 'paper' as const,
};

function context(receiptNumber: number, issuedAt = '2026-04-11T12:32:00Z'): ReceiptContext {
  return { header, receiptNumber, issuedAt };
}

// Three buns at 10,00 (6 %) with 1,00 off the order: allocate(100, [3000]) → one line of 29,00.
function bunsSale(): PricedSale {
  let sale = value(
    addLine(createSale('2026-04-11', 'take-away'), {
      lineId: 'bulle',
      articleNumber: '1001',
      text: 'Kanelbulle',
      itemType: 'good',
      vatCategory: 'food',
      pricing: { unit: 'piece', unitPrice: ore(1000), quantity: 3 },
    }),
  );
  sale = value(
    setOrderDiscount(sale, { kind: 'amount', amount: ore(100) }, { maxDiscountRate: 10_000 }),
  );
  return value(priceSale(sale));
}

const coded = (receipt: Receipt): Receipt =>
  withControlCode(receipt, { serialNumber: 'CCSE0000000000001', controlCode: 'X'.repeat(59) });

describe('buildSaleReceipt', () => {
  it('carries every mandatory field once the control unit has answered', () => {
    const receipt = value(
      buildSaleReceipt(context(1), bunsSale(), [{ method: 'cash', tendered: ore(5000) }]),
    );
    expect(receipt).toMatchObject({
      kind: 'sale',
      total: 2900,
      totalToPay: 2900,
      discountTotal: 100,
      change: 2100,
      // 6/106 × 29,00 = 1,6415… → 1,64.
      vat: [{ rate: 600, gross: 2900, vat: 164, net: 2736 }],
    });
    expect(missingReceiptFields(receipt).map((m) => m.field)).toEqual([
      'controlUnitSerial',
      'controlCode',
    ]);
    expect(missingReceiptFields(coded(receipt))).toEqual([]);
  });

  it('lists missing header fields with their source letter', () => {
    const receipt = coded(
      value(buildSaleReceipt(context(1), bunsSale(), [{ method: 'card', amount: ore(2900) }])),
    );
    expect(missingReceiptFields({ ...receipt, companyName: ' ', registerId: '' })).toEqual([
      { field: 'companyName', source: 'SKVFS 2014:9 7 kap 1 § a' },
      { field: 'registerId', source: 'SKVFS 2014:9 7 kap 1 § e' },
    ]);
  });

  it('refuses an empty sale and marks training and electronic receipts', () => {
    const empty = value(priceSale(createSale('2026-04-11', 'take-away')));
    expect(buildSaleReceipt(context(1), empty, [])).toMatchObject({ code: 'sale-empty' });
    const training = value(
      buildSaleReceipt(
        { ...context(1), header: { ...header, delivery: 'electronic' } },
        bunsSale(),
        [{ method: 'card', amount: ore(2900) }],
        { training: true },
      ),
    );
    expect(training.kind).toBe('training');
    expect(receiptMarkings(training)).toEqual(['ÖVNINGSKVITTO', 'elektroniskt kassakvitto']);
    expect(receiptSeriesOf('training')).toBe('training');
  });
});

describe('buildReceiptCopy and buildProFormaReceipt', () => {
  it('allows exactly one copy, with its own number and a reference to the original', () => {
    const original = coded(
      value(buildSaleReceipt(context(7), bunsSale(), [{ method: 'card', amount: ore(2900) }])),
    );
    const copy = value(
      buildReceiptCopy({ receiptNumber: 1, issuedAt: '2026-04-11T13:00:00Z' }, original, []),
    );
    expect(copy).toMatchObject({
      kind: 'copy',
      receiptNumber: 1,
      controlCode: null,
      original: { receiptNumber: 7 },
    });
    expect(receiptMarkings(copy)).toEqual(['KOPIA']);
    expect(
      buildReceiptCopy({ receiptNumber: 2, issuedAt: '2026-04-11T13:01:00Z' }, original, [copy]),
    ).toMatchObject({
      code: 'copy-limit-reached',
    });
    expect(
      buildReceiptCopy({ receiptNumber: 2, issuedAt: '2026-04-11T13:01:00Z' }, copy, []),
    ).toMatchObject({
      code: 'copy-of-non-original',
    });
  });

  it('builds a pro forma receipt without payments, marked EJ KVITTO', () => {
    const proForma = coded(value(buildProFormaReceipt(context(1), bunsSale())));
    expect(proForma.payments).toEqual([]);
    expect(receiptMarkings(proForma)).toEqual(['EJ KVITTO']);
    expect(missingReceiptFields(proForma)).toEqual([]);
  });
});

describe('buildReturnReceipt', () => {
  const original = coded(
    value(buildSaleReceipt(context(7), bunsSale(), [{ method: 'card', amount: ore(2900) }])),
  );
  const returnContext = { ...context(8, '2026-04-12T09:00:00Z'), businessDay: '2026-04-12' };

  it('refunds partial returns that add up exactly to the line amount', () => {
    // 29,00 over 3 buns: 1 → round(9,666…) = 9,67; then 2 more → 29,00 − 9,67 = 19,33.
    const first = coded(
      value(
        buildReturnReceipt(
          returnContext,
          original,
          [],
          [{ lineNo: 1, quantity: 1 }],
          [{ method: 'card', amount: ore(967) }],
        ),
      ),
    );
    expect(first).toMatchObject({ kind: 'return', total: -967, original: { receiptNumber: 7 } });
    expect(first.lines[0]).toMatchObject({ quantity: -1, amount: -967, vatRate: 600 });
    // 6/106 × −9,67 = −0,547… → −0,55.
    expect(first.vat).toEqual([{ rate: 600, gross: -967, vat: -55, net: -912 }]);
    expect(first.payments).toEqual([{ method: 'card', amount: -967 }]);
    expect(missingReceiptFields(first)).toEqual([]);
    const second = value(
      buildReturnReceipt(
        { ...returnContext, receiptNumber: 9 },
        original,
        [first],
        [{ lineNo: 1, quantity: 2 }],
        [{ method: 'cash' }],
      ),
    );
    expect(second.total).toBe(-1933);
    // Cash refund of 19,33 is paid out as 19,00: rounding −(−0,33) recorded as +33 on the receipt.
    expect(second.payments).toEqual([{ method: 'cash', amount: -1900 }]);
    expect(second.rounding).toBe(33);
    expect(second.totalToPay).toBe(-1900);
    expect(first.total + second.total).toBe(negate(original.total));
  });

  it('refuses more than was sold and not yet returned, and bad references', () => {
    const first = value(
      buildReturnReceipt(
        returnContext,
        original,
        [],
        [{ lineNo: 1, quantity: 2 }],
        [{ method: 'cash' }],
      ),
    );
    expect(
      buildReturnReceipt(
        returnContext,
        original,
        [first],
        [{ lineNo: 1, quantity: 2 }],
        [{ method: 'cash' }],
      ),
    ).toMatchObject({
      code: 'return-quantity-exceeds-sold',
      remaining: 1,
    });
    expect(
      buildReturnReceipt(returnContext, original, [], [{ lineNo: 2, quantity: 1 }], []),
    ).toMatchObject({
      code: 'return-line-not-found',
    });
    expect(buildReturnReceipt(returnContext, original, [], [], [])).toMatchObject({
      code: 'return-empty',
    });
    expect(
      buildReturnReceipt(returnContext, first, [], [{ lineNo: 1, quantity: 1 }], []),
    ).toMatchObject({
      code: 'return-original-not-sale',
    });
    expect(
      buildReturnReceipt(returnContext, original, [original], [{ lineNo: 1, quantity: 1 }], []),
    ).toMatchObject({
      code: 'return-wrong-original',
    });
    expect(
      buildReturnReceipt(
        returnContext,
        original,
        [],
        [{ lineNo: 1, quantity: 1 }],
        [{ method: 'card', amount: ore(968) }],
      ),
    ).toMatchObject({ code: 'non-cash-overpayment' });
  });
});

// What the till shows before a return (pos-web asks core; buildReturnReceipt computes the same).
describe('returnShare', () => {
  it('adds up to the line amount over several partial returns', () => {
    const amount = ore(10_000); // 3 for 100 kr
    const first = returnShare(amount, 3, 0, 1);
    const second = returnShare(amount, 3, 1, 1);
    const third = returnShare(amount, 3, 2, 1);
    expect([first, second, third]).toEqual([3_333, 3_334, 3_333]);
    expect(first + second + third).toBe(amount);
    expect(returnShare(amount, 3, 0, 3)).toBe(amount);
  });

  it('works on grams of a weighed line', () => {
    expect(returnShare(ore(4_515), 350, 0, 100)).toBe(1_290);
  });
});

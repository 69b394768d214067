import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore } from '../money.js';
import {
  buildXReport,
  buildZReport,
  daysNeedingZ,
  foldDayReport,
  finishZReport,
  startDayReport,
} from './day-report.js';
import { type JournalEntry, type JournalEvent, receiptEvent } from './journal.js';
import { appendEntry } from './journal-chain.js';
import { nextReceiptNumber } from './receipt-numbering.js';
import { type Receipt, buildReceiptCopy, buildReturnReceipt, buildSaleReceipt } from './receipt.js';
import { type Tender, addLine, createSale, priceSale } from './sale.js';
import { ZONE, header, identity, sha256, value } from './test-shop.js';

const context = { identity, producedAt: '2026-04-11T20:00:00Z' };

/** A tiny register: appends events with the journal's own numbering. */
class Till {
  readonly entries: JournalEntry[] = [];
  append(event: JournalEvent, at: string): void {
    this.entries.push(appendEntry(this.entries.at(-1) ?? null, event, at, sha256));
  }
  sell(
    at: string,
    businessDay: string,
    price: number,
    tenders: Tender[],
    training = false,
  ): Receipt {
    const sale = value(
      addLine(createSale(businessDay, 'take-away'), {
        lineId: '1',
        articleNumber: '1',
        text: 'Vara',
        itemType: 'good',
        vatCategory: 'standard',
        group: 'Kaffe',
        pricing: { unit: 'piece', unitPrice: ore(price), quantity: 1 },
      }),
    );
    const series = training ? 'training' : 'receipt';
    const receipt = value(
      buildSaleReceipt(
        { header, receiptNumber: nextReceiptNumber(this.entries, series), issuedAt: at },
        value(priceSale(sale)),
        tenders,
        { training },
      ),
    );
    this.append(receiptEvent(receipt), at);
    return receipt;
  }
}

describe('buildZReport', () => {
  it('computes a worked day', () => {
    const till = new Till();
    till.append({ kind: 'cash-float', data: { amount: ore(50_000) } }, '2026-04-11T06:00:00Z');
    // 125,50 in cash → 126,00 (rounding +0,50); 80,00 by card.
    const first = till.sell('2026-04-11T08:00:00Z', '2026-04-11', 12_550, [
      { method: 'cash', tendered: ore(20_000) },
    ]);
    till.sell('2026-04-11T09:00:00Z', '2026-04-11', 8000, [{ method: 'card', amount: ore(8000) }]);
    till.sell(
      '2026-04-11T09:30:00Z',
      '2026-04-11',
      9900,
      [{ method: 'card', amount: ore(9900) }],
      true,
    );
    const copy = value(
      buildReceiptCopy({ receiptNumber: 1, issuedAt: '2026-04-11T10:00:00Z' }, first, []),
    );
    till.append(receiptEvent(copy), '2026-04-11T10:00:00Z');
    const ret = value(
      buildReturnReceipt(
        { header, receiptNumber: 3, issuedAt: '2026-04-11T11:00:00Z', businessDay: '2026-04-11' },
        first,
        [],
        [{ lineNo: 1, quantity: 1 }],
        [{ method: 'cash' }],
      ),
    );
    till.append(receiptEvent(ret), '2026-04-11T11:00:00Z');
    till.append({ kind: 'drawer-opened', data: { reason: 'växla' } }, '2026-04-11T12:00:00Z');
    till.append(
      { kind: 'sale-parked', data: { parkingId: 'p1', lineCount: 1, total: ore(4500) } },
      '2026-04-11T13:00:00Z',
    );
    till.append(
      { kind: 'cash-out', data: { amount: ore(10_000), reason: 'bank' } },
      '2026-04-11T14:00:00Z',
    );

    const z = value(buildZReport(till.entries, '2026-04-11', ZONE, context));
    expect(z).toMatchObject({
      type: 'Z',
      zNumber: 1,
      salesTotal: 20_550,
      receiptCount: 2,
      goodsSold: 2,
      salesByGroup: [{ group: 'Kaffe', amount: 20_550 }],
      copies: { count: 1, amount: 12_550 },
      training: { count: 1, amount: 9900 },
      returns: { count: 1, amount: 12_550 },
      drawerOpenings: 1,
      unfinishedSales: { count: 1, amount: 4500 },
      cashFloat: 50_000,
      cashOut: 10_000,
      // +0,50 on the sale; the 125,50 cash refund is paid out as 126,00, i.e. −0,50 on the return.
      rounding: 0,
      netTotal: 8000,
      payments: [
        { method: 'cash', sales: 12_600, returns: 12_600, net: 0 },
        { method: 'card', sales: 8000, returns: 0, net: 8000 },
      ],
      // float 500 + cash net 0 − 100 out.
      expectedCash: 40_000,
      grandTotals: { sales: 20_550, returns: 12_550, net: 8000 },
    });
    // Net 80,00 at 25 %: VAT 16,00 — training never counted.
    expect(z.vatPerRate).toEqual([{ rate: 2500, gross: 8000, vat: 1600, net: 6400 }]);
    const x = buildXReport(till.entries, '2026-04-11', ZONE, context);
    expect(x.type).toBe('X');
    expect(x.salesTotal).toBe(z.salesTotal);
  });

  it('leaves counted cash and its difference null when the cash was not counted', () => {
    const till = new Till();
    till.append({ kind: 'cash-float', data: { amount: ore(50_000) } }, '2026-04-11T06:00:00Z');
    till.sell('2026-04-11T08:00:00Z', '2026-04-11', 12_500, [
      { method: 'cash', tendered: ore(20_000) },
    ]);
    const z = value(buildZReport(till.entries, '2026-04-11', ZONE, context));
    expect(z.expectedCash).toBe(62_500);
    expect(z).toMatchObject({ countedCash: null, cashDifference: null });
    const x = buildXReport(till.entries, '2026-04-11', ZONE, context);
    expect(x).toMatchObject({ countedCash: null, cashDifference: null });
  });

  it('gives the difference as counted cash minus expected cash when counted', () => {
    const till = new Till();
    till.append({ kind: 'cash-float', data: { amount: ore(50_000) } }, '2026-04-11T06:00:00Z');
    till.sell('2026-04-11T08:00:00Z', '2026-04-11', 12_500, [
      { method: 'cash', tendered: ore(20_000) },
    ]);
    till.append(
      { kind: 'cash-in', data: { amount: ore(5_000), reason: 'växel' } },
      '2026-04-11T09:00:00Z',
    );
    till.append(
      { kind: 'cash-out', data: { amount: ore(20_000), reason: 'bank' } },
      '2026-04-11T10:00:00Z',
    );
    // Float 500 + cash sale 125 + in 50 − out 200.
    const expected = 47_500;
    for (const [counted, difference] of [
      [47_500, 0],
      [47_000, -500],
      [48_010, 510],
      [0, -47_500],
    ] as const) {
      const withCount = { ...context, countedCash: ore(counted) };
      const z = value(buildZReport(till.entries, '2026-04-11', ZONE, withCount));
      expect(z.expectedCash).toBe(expected);
      expect(z).toMatchObject({ countedCash: counted, cashDifference: difference });
      const x = buildXReport(till.entries, '2026-04-11', ZONE, withCount);
      expect(x).toMatchObject({ countedCash: counted, cashDifference: difference });
      // Counting changes nothing else on the report.
      const uncounted = value(buildZReport(till.entries, '2026-04-11', ZONE, context));
      expect({ ...z, countedCash: null, cashDifference: null }).toEqual(uncounted);
    }
  });

  it('keeps one Z per day with sales when sales continue after midnight', () => {
    const till = new Till();
    // 23:30 Stockholm (CEST, UTC+2) on 04-10, then 00:15 on 04-11, with no Z in between.
    till.sell('2026-04-10T21:30:00Z', '2026-04-10', 1000, [{ method: 'card', amount: ore(1000) }]);
    till.sell('2026-04-10T22:15:00Z', '2026-04-11', 2000, [{ method: 'card', amount: ore(2000) }]);
    expect(daysNeedingZ(till.entries, ZONE)).toEqual(['2026-04-10', '2026-04-11']);
    expect(buildZReport(till.entries, '2026-04-11', ZONE, context)).toMatchObject({
      ok: false,
      code: 'earlier-day-not-closed',
      businessDay: '2026-04-10',
    });
    const z1 = value(buildZReport(till.entries, '2026-04-10', ZONE, context));
    expect(z1).toMatchObject({ zNumber: 1, salesTotal: 1000, grandTotals: { sales: 1000 } });
    till.append({ kind: 'z-report', data: { report: z1 } }, '2026-04-10T22:30:00Z');
    expect(daysNeedingZ(till.entries, ZONE)).toEqual(['2026-04-11']);
    const z2 = value(buildZReport(till.entries, '2026-04-11', ZONE, context));
    expect(z2).toMatchObject({
      zNumber: 2,
      salesTotal: 2000,
      grandTotals: { sales: 3000, net: 3000 },
    });
    till.append({ kind: 'z-report', data: { report: z2 } }, '2026-04-11T20:00:00Z');
    expect(buildZReport(till.entries, '2026-04-10', ZONE, context)).toMatchObject({
      code: 'later-day-already-closed',
    });
    expect(daysNeedingZ(till.entries, ZONE)).toEqual([]);
  });

  it('equals itself replayed in chunks, and grand totals never decrease', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 100_000 }), fc.boolean(), fc.nat(3)), {
          minLength: 1,
          maxLength: 15,
        }),
        fc.array(fc.nat(20), { maxLength: 4 }),
        (sales, cuts) => {
          const till = new Till();
          let previousGrand = 0;
          const days = ['2026-04-10', '2026-04-11', '2026-04-12'];
          for (const day of days) {
            sales.forEach(([price, cash, hour], i) => {
              const at = `${day}T${String(8 + hour).padStart(2, '0')}:${String(i).padStart(2, '0')}:00Z`;
              till.sell(
                at,
                day,
                price,
                cash
                  ? [{ method: 'cash', tendered: ore(price + 100) }]
                  : [{ method: 'card', amount: ore(price) }],
              );
            });
            const whole = value(buildZReport(till.entries, day, ZONE, context));
            let state = startDayReport(day, ZONE);
            let from = 0;
            for (const cut of [...cuts].sort((a, b) => a - b)) {
              const to = Math.min(cut, till.entries.length);
              state = foldDayReport(state, till.entries.slice(from, Math.max(from, to)));
              from = Math.max(from, to);
            }
            state = foldDayReport(state, till.entries.slice(from));
            expect(value(finishZReport(state, context))).toEqual(whole);
            expect(whole.grandTotals.sales).toBeGreaterThanOrEqual(previousGrand);
            previousGrand = whole.grandTotals.sales;
            till.append({ kind: 'z-report', data: { report: whole } }, `${day}T20:00:00Z`);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

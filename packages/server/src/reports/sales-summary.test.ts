import { describe, expect, it } from 'vitest';
import type { UploadedEntry } from '@kassa/contracts';
import { projectEntries, type SummaryRow } from './sales-summary.js';

const OWNER = { tenantId: 'tenant', terminalId: 'terminal', placeOfBusinessId: 'place' };
const HASH = '0'.repeat(64);

interface LineSpec {
  articleNumber: string;
  text: string;
  amount: number;
  vatRate?: number;
  quantity?: number;
  unit?: 'piece' | 'gram';
}

/** A receipt as the register journals it; the figures are given, not computed. */
function receipt(
  kind: 'sale' | 'return' | 'training' | 'copy' | 'pro-forma',
  spec: {
    issuedAt: string;
    businessDay: string;
    lines: LineSpec[];
    vat: { rate: number; gross: number; vat: number; net: number }[];
    payments: { method: string; amount: number }[];
    discountTotal?: number;
    rounding?: number;
  },
): Record<string, unknown> {
  const total = spec.lines.reduce((acc, l) => acc + l.amount, 0);
  return {
    companyName: 'Kaffebaren AB',
    organisationNumber: '556677-8899',
    placeOfSaleAddress: 'Storgatan 1, 111 22 Stockholm',
    registerId: 'K1',
    delivery: 'paper',
    kind,
    issuedAt: spec.issuedAt,
    receiptNumber: 1,
    businessDay: spec.businessDay,
    lines: spec.lines.map((l, i) => ({
      lineNo: i + 1,
      articleNumber: l.articleNumber,
      text: l.text,
      itemType: 'good',
      unit: l.unit ?? 'piece',
      quantity: l.quantity ?? 1,
      unitPrice: l.amount,
      vatRate: l.vatRate ?? 1200,
      discount: 0,
      amount: l.amount,
    })),
    discountTotal: spec.discountTotal ?? 0,
    total,
    vat: spec.vat,
    payments: spec.payments,
    rounding: spec.rounding ?? 0,
    totalToPay: total + (spec.rounding ?? 0),
    cashTendered: 0,
    change: 0,
    controlUnitSerial: 'CU-1',
    controlCode: 'CODE',
    original: null,
  };
}

let nextSeq = 1;
function entry(kind: string, data: Record<string, unknown>, by?: string): UploadedEntry {
  const seq = nextSeq++;
  return {
    seq,
    at: '2026-04-10T10:00:00.000Z',
    kind,
    ...(by === undefined ? {} : { by }),
    data,
    prevHash: HASH,
    hash: HASH,
  };
}

const coffeeSale = (issuedAt: string, businessDay: string, by = 'anna'): UploadedEntry =>
  entry(
    'sale',
    {
      receipt: receipt('sale', {
        issuedAt,
        businessDay,
        lines: [
          { articleNumber: '1001', text: 'Kaffe', amount: 3500, quantity: 1 },
          { articleNumber: '2001', text: 'Bananer', amount: 1495, quantity: 500, unit: 'gram' },
        ],
        vat: [{ rate: 1200, gross: 4995, vat: 535, net: 4460 }],
        payments: [
          { method: 'card', amount: 2000 },
          { method: 'cash', amount: 3000 },
        ],
        discountTotal: 100,
        rounding: 5,
      }),
    },
    by,
  );

function row(
  rows: readonly SummaryRow[],
  dimension: string,
  grain: string,
  period: string,
  key: string,
): SummaryRow | undefined {
  return rows.find(
    (r) => r.dimension === dimension && r.grain === grain && r.period === period && r.key === key,
  );
}

describe('projectEntries', () => {
  it('sums a sale into its business day per total, hour, cashier, payment, VAT rate and product', () => {
    // 10:15 UTC in April is 12:15 in Stockholm (CEST).
    const sale = coffeeSale('2026-04-10T10:15:00.000Z', '2026-04-10');
    const projection = projectEntries(OWNER, [sale]);
    expect(projection.receipts).toBe(1);
    expect(projection.unreadable).toEqual([]);
    const rows = projection.summary;
    expect(row(rows, 'total', 'day', '2026-04-10', '')).toMatchObject({
      ...OWNER,
      count: 1,
      returnCount: 0,
      gross: 4995,
      vat: 535,
      returnsGross: 0,
      discounts: 100,
      rounding: 5,
    });
    expect(row(rows, 'hour', 'day', '2026-04-10', '12')).toMatchObject({ gross: 4995, vat: 535 });
    expect(row(rows, 'cashier', 'day', '2026-04-10', 'anna')).toMatchObject({ count: 1 });
    expect(row(rows, 'payment', 'day', '2026-04-10', 'card')?.gross).toBe(2000);
    expect(row(rows, 'payment', 'day', '2026-04-10', 'cash')?.gross).toBe(3000);
    expect(row(rows, 'vat', 'day', '2026-04-10', '1200')).toMatchObject({ gross: 4995, vat: 535 });
    // A line's VAT is computed from its amount at its rate: 3500 × 12/112 = 375.
    expect(row(rows, 'product', 'day', '2026-04-10', '1001')).toMatchObject({
      gross: 3500,
      vat: 375,
      quantity: 1,
      grams: false,
      label: 'Kaffe',
      labelSeq: sale.seq,
    });
    expect(row(rows, 'product', 'day', '2026-04-10', '2001')).toMatchObject({
      quantity: 500,
      grams: true,
    });
  });

  it('adds each day row into its month row, and counts returns apart from sales', () => {
    const first = coffeeSale('2026-04-10T10:15:00.000Z', '2026-04-10');
    const second = coffeeSale('2026-04-29T22:30:00.000Z', '2026-04-30', 'bo');
    const refund = entry('return', {
      receipt: receipt('return', {
        issuedAt: '2026-04-30T08:00:00.000Z',
        businessDay: '2026-04-30',
        lines: [{ articleNumber: '1001', text: 'Kaffe', amount: -3500, quantity: -1 }],
        vat: [{ rate: 1200, gross: -3500, vat: -375, net: -3125 }],
        payments: [{ method: 'card', amount: -3500 }],
      }),
    });
    const projection = projectEntries(OWNER, [first, second, refund]);
    expect(projection.receipts).toBe(3);
    const rows = projection.summary;
    expect(row(rows, 'total', 'day', '2026-04-30', '')).toMatchObject({
      count: 1,
      returnCount: 1,
      gross: 4995 - 3500,
      returnsGross: -3500,
    });
    expect(row(rows, 'total', 'month', '2026-04-01', '')).toMatchObject({
      count: 2,
      returnCount: 1,
      gross: 2 * 4995 - 3500,
      vat: 2 * 535 - 375,
      returnsGross: -3500,
      discounts: 200,
      rounding: 10,
    });
    // 22:30 UTC on 29 April is 00:30 on the 30th in Stockholm.
    expect(row(rows, 'hour', 'day', '2026-04-30', '00')?.gross).toBe(4995);
    expect(row(rows, 'product', 'month', '2026-04-01', '1001')).toMatchObject({
      count: 2,
      returnCount: 1,
      quantity: 1,
    });
    // Every row belongs to the owner; day and month rows only.
    expect(rows.every((r) => r.terminalId === 'terminal' && r.placeOfBusinessId === 'place')).toBe(
      true,
    );
    expect(new Set(rows.map((r) => r.grain))).toEqual(new Set(['day', 'month']));
  });

  it('keeps the label of the later entry, whatever the order of the rows', () => {
    const earlier = coffeeSale('2026-04-10T10:15:00.000Z', '2026-04-10');
    const renamed = entry('sale', {
      receipt: receipt('sale', {
        issuedAt: '2026-04-11T09:00:00.000Z',
        businessDay: '2026-04-11',
        lines: [{ articleNumber: '1001', text: 'Kaffe stor', amount: 4000 }],
        vat: [{ rate: 1200, gross: 4000, vat: 429, net: 3571 }],
        payments: [{ method: 'card', amount: 4000 }],
      }),
    });
    const projection = projectEntries(OWNER, [renamed, earlier]);
    const month = row(projection.summary, 'product', 'month', '2026-04-01', '1001');
    expect(month).toMatchObject({ label: 'Kaffe stor', labelSeq: renamed.seq });
  });

  it('sums a payment method it does not know under its name', () => {
    const sale = entry('sale', {
      receipt: receipt('sale', {
        issuedAt: '2026-04-10T10:15:00.000Z',
        businessDay: '2026-04-10',
        lines: [{ articleNumber: '1001', text: 'Kaffe', amount: 3500 }],
        vat: [{ rate: 1200, gross: 3500, vat: 375, net: 3125 }],
        payments: [{ method: 'gift-card', amount: 3500 }],
      }),
    });
    const projection = projectEntries(OWNER, [sale]);
    expect(row(projection.summary, 'payment', 'day', '2026-04-10', 'gift-card')?.gross).toBe(3500);
  });

  it('leaves training, copies, pro forma and other events out of the sales', () => {
    const base = {
      issuedAt: '2026-04-10T10:15:00.000Z',
      businessDay: '2026-04-10',
      lines: [{ articleNumber: '1001', text: 'Kaffe', amount: 3500 }],
      vat: [{ rate: 1200, gross: 3500, vat: 375, net: 3125 }],
      payments: [{ method: 'card', amount: 3500 }],
    };
    const projection = projectEntries(OWNER, [
      entry('training', { receipt: receipt('training', base) }),
      entry('copy', { receipt: receipt('copy', base) }),
      entry('pro-forma', { receipt: receipt('pro-forma', base) }),
      entry('drawer-opened', {}),
    ]);
    expect(projection).toEqual({
      summary: [],
      zRows: [],
      receipts: 0,
      zReports: 0,
      unreadable: [],
    });
  });

  it('reports a receipt it cannot read, or one whose kind is not its entry kind, and sums neither', () => {
    const odd = entry('sale', { receipt: { kind: 'sale', version: 2 } });
    const good = receipt('sale', {
      issuedAt: '2026-04-10T10:15:00.000Z',
      businessDay: '2026-04-10',
      lines: [{ articleNumber: '1001', text: 'Kaffe', amount: 3500 }],
      vat: [{ rate: 1200, gross: 3500, vat: 375, net: 3125 }],
      payments: [{ method: 'card', amount: 3500 }],
    });
    const mislabelled = entry('return', { receipt: good });
    const badRate = entry('sale', {
      receipt: { ...good, vat: [{ rate: 1300, gross: 3500, vat: 375, net: 3125 }] },
    });
    const badDay = entry('sale', { receipt: { ...good, businessDay: '2026-02-30' } });
    const projection = projectEntries(OWNER, [odd, mislabelled, badRate, badDay]);
    expect(projection.receipts).toBe(0);
    expect(projection.summary).toEqual([]);
    expect(projection.unreadable).toEqual([
      { seq: odd.seq, kind: 'sale' },
      { seq: mislabelled.seq, kind: 'return' },
      { seq: badRate.seq, kind: 'sale' },
      { seq: badDay.seq, kind: 'sale' },
    ]);
  });

  it('takes a receipt without the header fields an older register may not have journaled', () => {
    const full = receipt('sale', {
      issuedAt: '2026-04-10T10:15:00.000Z',
      businessDay: '2026-04-10',
      lines: [{ articleNumber: '1001', text: 'Kaffe', amount: 3500 }],
      vat: [{ rate: 1200, gross: 3500, vat: 375, net: 3125 }],
      payments: [{ method: 'card', amount: 3500 }],
    });
    const figures = Object.fromEntries(
      Object.entries(full).filter(
        ([field]) => !['companyName', 'delivery', 'totalToPay', 'original'].includes(field),
      ),
    );
    const projection = projectEntries(OWNER, [entry('sale', { receipt: figures })]);
    expect(projection.receipts).toBe(1);
    expect(row(projection.summary, 'total', 'day', '2026-04-10', '')?.gross).toBe(3500);
  });

  it('archives a Z-report with its number, day and time, and reports one it cannot read', () => {
    const report = {
      type: 'Z',
      zNumber: 7,
      businessDay: '2026-04-10',
      producedAt: '2026-04-10T21:00:00.000Z',
      salesTotal: 4995,
    };
    const z = entry('z-report', { report });
    const broken = entry('z-report', { report: { zNumber: 0, businessDay: '2026-04-10' } });
    const projection = projectEntries(OWNER, [z, broken]);
    expect(projection.zReports).toBe(1);
    expect(projection.zRows).toEqual([
      {
        tenantId: 'tenant',
        terminalId: 'terminal',
        seq: z.seq,
        zNumber: 7,
        businessDay: '2026-04-10',
        producedAt: new Date('2026-04-10T21:00:00.000Z'),
        report,
      },
    ]);
    expect(projection.unreadable).toEqual([{ seq: broken.seq, kind: 'z-report' }]);
  });
});

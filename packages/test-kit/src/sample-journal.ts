/**
 * A sample register journal for tests of the journal's documents (the SKVFS 2021:16 export in
 * @kassa/documents, `kassa export-journal` in the register, the export from the server's copy):
 * one realistic business day with every kind of entry, hash-chained with SHA-256 as the register
 * chains it. Deterministic: the same entries and hashes on every call.
 */
import {
  type JournalEntry,
  type JournalEvent,
  type Receipt,
  type ReceiptContext,
  type ReportIdentity,
  type Result,
  addLine,
  appendEntry,
  buildProFormaReceipt,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  buildXReport,
  buildZReport,
  createSale,
  ore,
  priceSale,
  receiptEvent,
  setLineDiscount,
  setOrderDiscount,
  withControlCode,
  SHOP_TIME_ZONE,
} from '@kassa/core';
import { sha256Hex } from '@kassa/core/sha256';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
  return result.value;
}

/** The control unit's serial: 17 characters, like a CleanCash serial. */
export const SAMPLE_UNIT = 'CCSE0000000004711';
/** The register's tillverkningsnummer. */
export const SAMPLE_REGISTER_SERIAL = 'KS0123456789ABCDE';
const UNIT = SAMPLE_UNIT;

export const SAMPLE_HEADER = {
  companyName: 'Kaffe & Bröd <Visby> AB',
  organisationNumber: '556677-8899',
  placeOfSaleAddress: 'Strandgatan 1, 621 56 Visby',
  registerId: 'K1',
  delivery: 'paper' as const,
};
const header = SAMPLE_HEADER;

export const SAMPLE_REPORT_IDENTITY: ReportIdentity = {
  companyName: header.companyName,
  organisationNumber: header.organisationNumber,
  registerId: header.registerId,
  registerSerialNumber: SAMPLE_REGISTER_SERIAL,
};
const reportIdentity = SAMPLE_REPORT_IDENTITY;
/** The control code of the sample's n-th signed receipt (59 characters). */
export const sampleControlCode = (n: number): string =>
  sha256Hex(`kontrollkod ${n}`).toUpperCase().slice(0, 59);
const code = sampleControlCode;
/** `receipt` signed by the sample's control unit with control code n. */
export const signSample = (receipt: Receipt, n: number): Receipt =>
  withControlCode(receipt, { serialNumber: UNIT, controlCode: code(n) });
const signed = signSample;
/** The receipt context of the sample's register. */
export const sampleContext = (receiptNumber: number, issuedAt: string): ReceiptContext => ({
  header,
  receiptNumber,
  issuedAt,
});

export interface SampleJournal {
  entries: JournalEntry[];
  sale: Receipt;
  copy: Receipt;
  returned: Receipt;
  training: Receipt;
  proForma: Receipt;
  late: Receipt;
  afterMidnight: Receipt;
}

/**
 * The journal of register K1 on business day 2026-04-10 (CEST, UTC+2) and the first minutes of
 * 2026-04-11: every kind of entry the register journals — a sale with two VAT rates, a weighed
 * good, discounts and split tender; its copy; a return; training; pro forma; parking; drawer;
 * cash float, in and out; sign-in/out; line registrations, changes and removal; price and setting
 * changes; a control-unit fault; X and Z; a sale after the Z; a sale after midnight. Built with
 * the core functions and SHA-256, as the register builds it.
 */
export function buildSampleJournal(): SampleJournal {
  const entries: JournalEntry[] = [];
  const add = (event: JournalEvent, at: string, by?: string): JournalEntry => {
    const entry = appendEntry(entries.at(-1) ?? null, event, at, sha256Hex, by);
    entries.push(entry);
    return entry;
  };
  const anna = 'anna';
  add({ kind: 'register-started', data: { programVersion: '0.1.0' } }, '2026-04-10T06:00:00Z');
  add({ kind: 'sign-in', data: { cashierId: anna } }, '2026-04-10T06:01:00Z', anna);
  add({ kind: 'cash-float', data: { amount: ore(150000) } }, '2026-04-10T06:02:00Z', anna);

  // The sale under construction, as registrations.
  const line = {
    l1: { lineId: 'l1', articleNumber: '1001', text: 'Kanelbulle', unit: 'piece' as const },
    l2: { lineId: 'l2', articleNumber: '2001', text: 'Termosmugg', unit: 'piece' as const },
    l3: { lineId: 'l3', articleNumber: '1002', text: 'Godis lösvikt', unit: 'gram' as const },
    l4: { lineId: 'l4', articleNumber: '2002', text: 'Tygkasse', unit: 'piece' as const },
  };
  const added = (
    l: { lineId: string; articleNumber: string; text: string; unit: 'piece' | 'gram' },
    quantity: number,
    unitPrice: number,
    vatRate: number,
  ) =>
    ({
      kind: 'line-added',
      data: { ...l, quantity, unitPrice: ore(unitPrice), vatRate },
    }) as JournalEvent;
  add(added(line.l1, 1, 3500, 600), '2026-04-10T06:03:10Z', anna);
  add(added(line.l2, 1, 19900, 2500), '2026-04-10T06:03:20Z', anna);
  add(added(line.l3, 453, 14900, 600), '2026-04-10T06:03:30Z', anna);
  add(added(line.l4, 1, 2500, 2500), '2026-04-10T06:03:40Z', anna);
  add(
    {
      kind: 'line-removed',
      data: {
        articleNumber: '2002',
        text: 'Tygkasse',
        unit: 'piece',
        quantity: 1,
        amount: ore(2500),
      },
    },
    '2026-04-10T06:03:50Z',
    anna,
  );
  add(
    {
      kind: 'line-changed',
      data: {
        lineId: 'l1',
        articleNumber: '1001',
        text: 'Kanelbulle',
        from: { quantity: 1, discount: ore(0) },
        to: { quantity: 2, discount: ore(0) },
      },
    },
    '2026-04-10T06:04:00Z',
    anna,
  );
  add(
    {
      kind: 'line-changed',
      data: {
        lineId: 'l2',
        articleNumber: '2001',
        text: 'Termosmugg',
        from: { quantity: 1, discount: ore(0) },
        to: { quantity: 1, discount: ore(1990) },
      },
    },
    '2026-04-10T06:04:10Z',
    anna,
  );

  // The same sale built with the core: food at 6 % (take-away), the mug at 25 %.
  let sale = createSale('2026-04-10', 'take-away');
  sale = value(
    addLine(sale, {
      lineId: 'l1',
      articleNumber: '1001',
      text: 'Kanelbulle',
      itemType: 'good',
      vatCategory: 'food',
      group: 'Bröd',
      pricing: { unit: 'piece', unitPrice: ore(3500), quantity: 2 },
    }),
  );
  sale = value(
    addLine(sale, {
      lineId: 'l2',
      articleNumber: '2001',
      text: 'Termosmugg',
      itemType: 'good',
      vatCategory: 'standard',
      group: 'Presenter',
      pricing: { unit: 'piece', unitPrice: ore(19900), quantity: 1 },
    }),
  );
  sale = value(
    addLine(sale, {
      lineId: 'l3',
      articleNumber: '1002',
      text: 'Godis lösvikt',
      itemType: 'good',
      vatCategory: 'food',
      pricing: { unit: 'gram', pricePerKilogram: ore(14900), grams: 453 },
    }),
  );
  sale = value(
    setLineDiscount(sale, 'l2', { kind: 'percent', rate: 1000 }, { maxDiscountRate: 2000 }),
  );
  sale = value(
    setOrderDiscount(sale, { kind: 'amount', amount: ore(500) }, { maxDiscountRate: 2000 }),
  );
  const priced = value(priceSale(sale));
  const saleReceipt = signed(
    value(
      buildSaleReceipt(sampleContext(1, '2026-04-10T06:05:00Z'), priced, [
        { method: 'card', amount: ore(10000) },
        { method: 'cash', tendered: ore(50000) },
      ]),
    ),
    1,
  );
  add(receiptEvent(saleReceipt), '2026-04-10T06:05:00Z', anna);

  const copy = signed(
    value(
      buildReceiptCopy({ receiptNumber: 1, issuedAt: '2026-04-10T06:06:00Z' }, saleReceipt, []),
    ),
    2,
  );
  add(receiptEvent(copy), '2026-04-10T06:06:00Z', anna);

  const returned = signed(
    value(
      buildReturnReceipt(
        { ...sampleContext(2, '2026-04-10T06:10:00Z'), businessDay: '2026-04-10' },
        saleReceipt,
        [],
        [{ lineNo: 1, quantity: 1 }],
        [{ method: 'cash' }],
      ),
    ),
    3,
  );
  add(receiptEvent(returned), '2026-04-10T06:10:00Z', anna);

  // Training mode and a training receipt, then a pro forma bill.
  add({ kind: 'training-switched', data: { training: true } }, '2026-04-10T06:15:00Z', anna);
  const single = value(
    priceSale(
      value(
        addLine(createSale('2026-04-10', 'take-away'), {
          lineId: 't1',
          articleNumber: '1001',
          text: 'Kanelbulle',
          itemType: 'good',
          vatCategory: 'food',
          pricing: { unit: 'piece', unitPrice: ore(3500), quantity: 1 },
        }),
      ),
    ),
  );
  const training = signed(
    value(
      buildSaleReceipt(sampleContext(1, '2026-04-10T06:16:00Z'), single, [{ method: 'cash' }], {
        training: true,
      }),
    ),
    4,
  );
  add(receiptEvent(training), '2026-04-10T06:16:00Z', anna);
  add({ kind: 'training-switched', data: { training: false } }, '2026-04-10T06:17:00Z', anna);
  const proForma = signed(
    value(buildProFormaReceipt(sampleContext(1, '2026-04-10T06:20:00Z'), single)),
    5,
  );
  add(receiptEvent(proForma), '2026-04-10T06:20:00Z', anna);

  add(
    { kind: 'sale-parked', data: { parkingId: 'P-7', lineCount: 1, total: ore(3500) } },
    '2026-04-10T06:25:00Z',
    anna,
  );
  add({ kind: 'sale-resumed', data: { parkingId: 'P-7' } }, '2026-04-10T06:30:00Z', anna);
  add({ kind: 'drawer-opened', data: { reason: 'växla' } }, '2026-04-10T06:35:00Z', anna);
  add(
    { kind: 'cash-in', data: { amount: ore(20000), reason: 'växel från banken' } },
    '2026-04-10T06:36:00Z',
    anna,
  );
  add(
    { kind: 'cash-out', data: { amount: ore(5000), reason: 'mjölk' } },
    '2026-04-10T06:37:00Z',
    anna,
  );
  add(
    {
      kind: 'price-change',
      data: {
        articleNumber: '1001',
        text: 'Kanelbulle',
        from: ore(3500),
        to: ore(3800),
        effectiveFrom: '2026-04-11',
      },
    },
    '2026-04-10T06:40:00Z',
    anna,
  );
  add(
    {
      kind: 'setting-changed',
      data: { setting: 'printer', from: null, to: 'tcp://192.168.1.50:9100' },
    },
    '2026-04-10T06:41:00Z',
    anna,
  );
  add(
    {
      kind: 'control-unit-fault',
      data: { code: 'timeout', message: 'Kontrollenheten svarar inte' },
    },
    '2026-04-10T06:42:00Z',
    anna,
  );
  add(
    { kind: 'control-unit-restored', data: { serialNumber: UNIT } },
    '2026-04-10T06:43:00Z',
    anna,
  );

  const x = buildXReport(entries, '2026-04-10', SHOP_TIME_ZONE, {
    identity: reportIdentity,
    producedAt: '2026-04-10T14:00:00Z',
  });
  add({ kind: 'x-report', data: { report: x } }, '2026-04-10T14:00:00Z', anna);
  const z = value(
    buildZReport(entries, '2026-04-10', SHOP_TIME_ZONE, {
      identity: reportIdentity,
      producedAt: '2026-04-10T15:00:00Z',
      countedCash: ore(198000),
    }),
  );
  add({ kind: 'z-report', data: { report: z } }, '2026-04-10T15:00:00Z', anna);

  // A sale after the Z on the same day: no Z covers it yet.
  const late = signed(
    value(
      buildSaleReceipt(sampleContext(3, '2026-04-10T15:05:00Z'), single, [
        { method: 'swish', amount: ore(3500) },
      ]),
    ),
    6,
  );
  add(receiptEvent(late), '2026-04-10T15:05:00Z', anna);
  add({ kind: 'sign-out', data: { cashierId: anna } }, '2026-04-10T15:06:00Z', anna);
  add({ kind: 'register-stopped', data: { programVersion: '0.1.0' } }, '2026-04-10T15:07:00Z');

  // 00:30 local on 2026-04-11: the next business day.
  add({ kind: 'register-started', data: { programVersion: '0.2.0' } }, '2026-04-10T22:29:00Z');
  const afterMidnight = signed(
    value(
      buildSaleReceipt(
        sampleContext(4, '2026-04-10T22:30:00Z'),
        { ...single, businessDay: '2026-04-11' },
        [{ method: 'card', amount: ore(3500) }],
      ),
    ),
    7,
  );
  add(receiptEvent(afterMidnight), '2026-04-10T22:30:00Z');
  return { entries, sale: saleReceipt, copy, returned, training, proForma, late, afterMidnight };
}

/**
 * Random journals for the state tests: days of sales, returns, training receipts and copies,
 * control-unit requests (some answered unknown or refused, some numbers skipped), parked sales,
 * floats and drawer openings, X-reports, and Z-reports taken on the day, a day later, or not yet
 * (days left pending) — appended through the journal store, dated in journal order. The Z's are
 * built by @kassa/core over every entry (the reference the kept state is compared with).
 */
import {
  type JournalEntry,
  type JournalEvent,
  type Receipt,
  type Tender,
  addDays,
  addLine,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  buildXReport,
  buildZReport,
  businessDayBounds,
  createSale,
  daysNeedingZ,
  ore,
  priceSale,
  receiptEvent,
  withControlCode,
} from '@kassa/core';
import { seededRandom } from '@kassa/test-kit';

/** The generator of the random journals (re-exported for the tests that build them). */
export const seeded = seededRandom;
import { controlUnitRequestOf } from '../../src/selling/control-unit-request.js';
import type { JournalStore, PendingEvent } from '../../src/selling/journal-store.js';

export const ZONE = 'Europe/Stockholm';
const HEADER = {
  companyName: 'Slumpbutiken AB',
  organisationNumber: '556000-1111',
  placeOfSaleAddress: 'Gatan 1, 111 11 Stad',
  registerId: 'R1',
  delivery: 'paper' as const,
};
const IDENTITY = {
  companyName: HEADER.companyName,
  organisationNumber: HEADER.organisationNumber,
  registerId: HEADER.registerId,
};
const ARTICLES = [
  { articleNumber: 'A', text: 'Kaffe', vatCategory: 'restaurant', price: 3500 },
  { articleNumber: 'B', text: 'Bulle', vatCategory: 'food', price: 2950 },
  { articleNumber: 'C', text: 'Mugg', vatCategory: 'standard', price: 14900 },
] as const;

/** Appends `days` random days from `firstDay` to `store` (an empty or continued journal). */
export function appendRandomDays(
  store: JournalStore,
  random: () => number,
  options: { firstDay: string; days: number; salesPerDay: number },
): void {
  const all = (): JournalEntry[] => store.entries();
  const numbers = { receipt: 0, copy: 0, training: 0 };
  numbers.receipt = store.nextNumber('receipt') - 1;
  numbers.copy = store.nextNumber('copy') - 1;
  numbers.training = store.nextNumber('training') - 1;
  const doubt: Record<'receipt' | 'training', number | null> = { receipt: null, training: null };
  let codes = 0;
  let parking = 0;
  const sold: Receipt[] = [];
  let lateZ: string | null = null;
  for (let d = 0; d < options.days; d += 1) {
    const day = addDays(options.firstDay, d);
    const { startMs } = businessDayBounds(day, ZONE);
    let t = startMs + 6 * 3_600_000 + Math.floor(random() * 3_600_000);
    const at = () => new Date(t).toISOString();
    const tick = () => {
      t += 1_000 + Math.floor(random() * 60_000);
    };
    const put = (events: readonly JournalEvent[]) => {
      tick();
      store.append(
        events.map((event): PendingEvent => ({ event, by: 'anna' })),
        at(),
      );
    };
    const z = (businessDay: string) => {
      // As the engine's Z: the oldest day still needing one first.
      const entries = all();
      const target = daysNeedingZ(entries, ZONE).find((d) => d < businessDay) ?? businessDay;
      const built = buildZReport(entries, target, ZONE, {
        identity: IDENTITY,
        producedAt: at(),
      });
      if (built.ok) put([{ kind: 'z-report', data: { report: built.value } }]);
    };
    // Yesterday's Z taken this morning, before the first sale of the day.
    if (lateZ !== null) {
      tick();
      z(lateZ);
      lateZ = null;
    }
    put([{ kind: 'cash-float', data: { amount: ore(50_000) } }]);
    // Now and then a day with nothing but a return (it needs a Z too).
    const returnsOnly = sold.length > 0 && random() < 0.15;
    const sales = returnsOnly ? 1 : 1 + Math.floor(random() * options.salesPerDay);
    for (let i = 0; i < sales; i += 1) {
      const roll = returnsOnly ? 0.12 : random();
      if (roll < 0.05) {
        put([{ kind: 'drawer-opened', data: { reason: 'växel' } }]);
        continue;
      }
      if (roll < 0.1) {
        parking += 1;
        put([
          {
            kind: 'sale-parked',
            data: { parkingId: `p${parking}`, lineCount: 1, total: ore(3500) },
          },
        ]);
        if (random() < 0.5) put([{ kind: 'sale-resumed', data: { parkingId: `p${parking}` } }]);
        continue;
      }
      if (roll < 0.14 && sold.length > 0) {
        const original = sold.splice(Math.floor(random() * sold.length), 1)[0] as Receipt;
        tick();
        numbers.receipt += 1;
        const built = buildReturnReceipt(
          { header: HEADER, receiptNumber: numbers.receipt, issuedAt: at(), businessDay: day },
          original,
          [],
          [{ lineNo: 1, quantity: 1 }],
          [{ method: 'cash' }],
        );
        if (!built.ok) throw new Error(built.code);
        codes += 1;
        const receipt = withControlCode(built.value, {
          serialNumber: 'CU-1',
          controlCode: `K${codes}`,
        });
        put([
          { kind: 'control-unit-request', data: controlUnitRequestOf(built.value, ZONE) },
          receiptEvent(receipt),
        ]);
        continue;
      }
      if (roll < 0.17 && sold.length > 0) {
        const original = sold[Math.floor(random() * sold.length)] as Receipt;
        numbers.copy += 1;
        tick();
        const copy = buildReceiptCopy(
          { receiptNumber: numbers.copy, issuedAt: at() },
          original,
          [],
        );
        if (copy.ok) put([receiptEvent(copy.value)]);
        else numbers.copy -= 1;
        continue;
      }
      let sale = createSale(day, 'take-away');
      const lines = 1 + Math.floor(random() * 3);
      for (let l = 0; l < lines; l += 1) {
        const a = ARTICLES[Math.floor(random() * ARTICLES.length)] ?? ARTICLES[0];
        const next = addLine(sale, {
          lineId: `l${l}`,
          articleNumber: a.articleNumber,
          text: a.text,
          itemType: random() < 0.9 ? 'good' : 'service',
          vatCategory: a.vatCategory,
          pricing: {
            unit: 'piece',
            unitPrice: ore(a.price),
            quantity: 1 + Math.floor(random() * 2),
          },
        });
        if (!next.ok) throw new Error(next.code);
        sale = next.value;
      }
      const priced = priceSale(sale);
      if (!priced.ok) throw new Error(priced.code);
      const training = random() < 0.05;
      const series = training ? 'training' : 'receipt';
      numbers[series] += 1;
      tick();
      const tenders: Tender[] =
        random() < 0.4 ? [{ method: 'cash' }] : [{ method: 'card', amount: priced.value.total }];
      const built = buildSaleReceipt(
        { header: HEADER, receiptNumber: numbers[series], issuedAt: at() },
        priced.value,
        tenders,
        { training },
      );
      if (!built.ok) throw new Error(built.code);
      const request = controlUnitRequestOf(built.value, ZONE);
      const inDoubt = doubt[series];
      if (inDoubt !== null) {
        // As the engine does: the number in doubt is given up before another is requested.
        put([
          {
            kind: 'receipt-number-skipped',
            data: { series, receiptNumber: inDoubt, reason: 'day-over' },
          },
        ]);
        doubt[series] = null;
      }
      const outcome = random();
      if (outcome < 0.04) {
        // The answer was lost: unknown, then the number given up.
        put([
          { kind: 'control-unit-request', data: request },
          {
            kind: 'control-unit-answer',
            data: {
              series,
              receiptNumber: numbers[series],
              outcome: 'unknown',
              code: 'control-unit-timeout',
            },
          },
        ]);
        if (random() < 0.7) {
          put([
            {
              kind: 'receipt-number-skipped',
              data: { series, receiptNumber: numbers[series], reason: 'content-changed' },
            },
          ]);
        } else {
          doubt[series] = numbers[series]; // in doubt until the next request of the series
        }
        continue;
      }
      if (outcome < 0.06) {
        put([
          { kind: 'control-unit-request', data: request },
          {
            kind: 'control-unit-answer',
            data: {
              series,
              receiptNumber: numbers[series],
              outcome: 'refused',
              code: 'control-unit-nak',
            },
          },
        ]);
        numbers[series] -= 1; // a refused number stays free
        continue;
      }
      codes += 1;
      const receipt = withControlCode(built.value, {
        serialNumber: 'CU-1',
        controlCode: `K${codes}`,
      });
      put([{ kind: 'control-unit-request', data: request }, receiptEvent(receipt)]);
      if (!training) sold.push(receipt);
      if (i === Math.floor(sales / 2) && random() < 0.6) {
        tick();
        put([
          {
            kind: 'x-report',
            data: {
              report: buildXReport(all(), day, ZONE, { identity: IDENTITY, producedAt: at() }),
            },
          },
        ]);
      }
    }
    const close = random();
    if (close < 0.6) z(day);
    else if (close < 0.8) lateZ = day; // tomorrow morning
    // else: left pending
  }
}

/**
 * A request left without an outcome (the register stopped while waiting): appended last, so the
 * ledger finds it unanswered.
 */
export function appendUnanswered(store: JournalStore, at: string): void {
  const number = store.nextNumber('receipt');
  let sale = createSale(at.slice(0, 10), 'take-away');
  const next = addLine(sale, {
    lineId: 'x',
    articleNumber: 'A',
    text: 'Kaffe',
    itemType: 'good',
    vatCategory: 'restaurant',
    pricing: { unit: 'piece', unitPrice: ore(3500), quantity: 1 },
  });
  if (!next.ok) throw new Error(next.code);
  sale = next.value;
  const priced = priceSale(sale);
  if (!priced.ok) throw new Error(priced.code);
  const built = buildSaleReceipt(
    { header: HEADER, receiptNumber: number, issuedAt: at },
    priced.value,
    [{ method: 'cash' }],
  );
  if (!built.ok) throw new Error(built.code);
  store.append(
    [{ event: { kind: 'control-unit-request', data: controlUnitRequestOf(built.value, ZONE) } }],
    at,
  );
}

/** A request whose answer was lost (the number in doubt), then, with `close`, the day's Z. */
export function appendDoubt(store: JournalStore, at: string, close: boolean): void {
  appendUnanswered(store, at);
  const number = store.nextNumber('receipt');
  store.append(
    [
      {
        event: {
          kind: 'control-unit-answer',
          data: {
            series: 'receipt',
            receiptNumber: number,
            outcome: 'unknown',
            code: 'control-unit-timeout',
          },
        },
      },
    ],
    at,
  );
  if (!close) return;
  const entries = store.entries();
  const day = daysNeedingZ(entries, ZONE)[0] ?? at.slice(0, 10);
  const built = buildZReport(entries, day, ZONE, { identity: IDENTITY, producedAt: at });
  if (built.ok) store.append([{ event: { kind: 'z-report', data: { report: built.value } } }], at);
}

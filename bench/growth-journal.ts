/**
 * A register's journal of a given size, built quickly with the journal store's own code
 * (openJournalStore: the same rows, chain, state tables and keyed checkpoint as selling writes):
 * days of a café (about 400 sales, 1–3 lines each, a control-unit request before every receipt,
 * 2 % returns, a float, an X at midday, the Z at closing), then today with `todaySales` sales and
 * no Z yet, ending a minute before `now`. One transaction per part of a day, so building 1,000,000
 * entries takes about a minute instead of a fsync per entry.
 */
import {
  type Receipt,
  type Tender,
  addDays,
  addLine,
  buildReturnReceipt,
  buildSaleReceipt,
  businessDayBounds,
  businessDayOf,
  createSale,
  finishXReport,
  finishZReport,
  ore,
  priceSale,
  receiptEvent,
  withControlCode,
} from '@kassa/core';
import { seededRandom as seeded } from '@kassa/test-kit';
import {
  type JournalStore,
  type PendingEvent,
  controlUnitRequestOf,
  dayReportState,
  openJournalStore,
} from '@kassa/register';

const ZONE = 'Europe/Stockholm';
const ARTICLES = [
  { articleNumber: 'KAFFE', text: 'Bryggkaffe', vatCategory: 'restaurant', price: 3500 },
  { articleNumber: 'LATTE', text: 'Caffè latte', vatCategory: 'restaurant', price: 4900 },
  { articleNumber: 'BULLE', text: 'Kanelbulle', vatCategory: 'food', price: 3000 },
  { articleNumber: 'MACKA', text: 'Ostfralla', vatCategory: 'food', price: 5500 },
  { articleNumber: 'MUGG', text: 'Kaffemugg Åre', vatCategory: 'standard', price: 14900 },
] as const;
const HEADER = {
  companyName: 'Benchkaféet AB',
  organisationNumber: '556677-8899',
  placeOfSaleAddress: 'Storgatan 1, 123 45 Åre',
  registerId: 'G1',
  delivery: 'paper' as const,
};
const SERIAL = 'CCSE0000000000042';

export interface GrowthJournal {
  readonly entries: number;
  readonly days: number;
  readonly firstDay: string;
  readonly today: string;
}

/** Builds the journal in `file` (which must not exist) with about `entries` entries. */
export function buildGrowthJournal(
  file: string,
  options: { entries: number; now: number; todaySales: number; salesPerDay?: number },
): GrowthJournal {
  const store = openJournalStore(file);
  try {
    return build(store, options);
  } finally {
    store.close();
  }
}

function build(
  store: JournalStore,
  options: { entries: number; now: number; todaySales: number; salesPerDay?: number },
): GrowthJournal {
  const random = seeded(20_261_207);
  const perDay = options.salesPerDay ?? 400;
  const today = businessDayOf(options.now, ZONE);
  // About 4.2 entries per sale (lines, request, receipt) and 8 per day around them.
  const todayEntries = Math.round(options.todaySales * 4.2) + 6;
  const earlierDays = Math.max(
    0,
    Math.round((options.entries - todayEntries) / (perDay * 4.2 + 8)),
  );
  const firstDay = addDays(today, -earlierDays);
  let receiptNumber = 0;
  let controlCode = 0;
  let lineId = 0;
  const identity = {
    companyName: HEADER.companyName,
    organisationNumber: HEADER.organisationNumber,
    registerId: HEADER.registerId,
    registerSerialNumber: 'BENCH-1',
  };

  const sell = (day: string, at: string, pending: PendingEvent[]): Receipt => {
    let sale = createSale(day, 'take-away');
    const lines = 1 + Math.floor(random() * 3);
    const added: PendingEvent[] = [];
    for (let i = 0; i < lines; i += 1) {
      const a = ARTICLES[Math.floor(random() * ARTICLES.length)] ?? ARTICLES[0];
      lineId += 1;
      const next = addLine(sale, {
        lineId: `g${lineId}`,
        articleNumber: a.articleNumber,
        text: a.text,
        itemType: 'good',
        vatCategory: a.vatCategory,
        pricing: { unit: 'piece', unitPrice: ore(a.price), quantity: 1 },
      });
      if (!next.ok) throw new Error(`addLine: ${next.code}`);
      sale = next.value;
      const line = sale.lines.at(-1);
      added.push({
        event: {
          kind: 'line-added',
          data: {
            lineId: `g${lineId}`,
            articleNumber: a.articleNumber,
            text: a.text,
            unit: 'piece',
            quantity: 1,
            unitPrice: ore(a.price),
            vatRate: (line as { vatRate?: number } | undefined)?.vatRate ?? 12,
          },
        },
        by: 'anna',
        at,
      });
    }
    const priced = priceSale(sale);
    if (!priced.ok) throw new Error(`priceSale: ${priced.code}`);
    const roll = random();
    const tenders: Tender[] =
      roll < 0.3
        ? [{ method: 'cash' }]
        : [{ method: roll < 0.8 ? 'card' : 'swish', amount: priced.value.total }];
    receiptNumber += 1;
    const built = buildSaleReceipt(
      { header: HEADER, receiptNumber, issuedAt: at },
      priced.value,
      tenders,
    );
    if (!built.ok) throw new Error(`buildSaleReceipt: ${built.code}`);
    controlCode += 1;
    const receipt = withControlCode(built.value, {
      serialNumber: SERIAL,
      controlCode: `KK${String(controlCode).padStart(8, '0')}`,
    });
    pending.push(
      ...added,
      {
        event: { kind: 'control-unit-request', data: controlUnitRequestOf(built.value, ZONE) },
        by: 'anna',
        at,
      },
      { event: receiptEvent(receipt), by: 'anna', at },
    );
    return receipt;
  };

  const giveBack = (day: string, at: string, original: Receipt, pending: PendingEvent[]) => {
    receiptNumber += 1;
    const built = buildReturnReceipt(
      { header: HEADER, receiptNumber, issuedAt: at, businessDay: day },
      original,
      [],
      [{ lineNo: 1, quantity: 1 }],
      [{ method: 'cash' }],
    );
    if (!built.ok) throw new Error(`buildReturnReceipt: ${built.code}`);
    controlCode += 1;
    const receipt = withControlCode(built.value, {
      serialNumber: SERIAL,
      controlCode: `KK${String(controlCode).padStart(8, '0')}`,
    });
    pending.push(
      {
        event: { kind: 'control-unit-request', data: controlUnitRequestOf(built.value, ZONE) },
        by: 'anna',
        at,
      },
      { event: receiptEvent(receipt), by: 'anna', at },
    );
  };

  const sellDay = (day: string, sales: number, startMs: number, endMs: number, close: boolean) => {
    const step = (endMs - startMs) / (sales + 6);
    let t = startMs;
    const at = () => new Date(Math.floor(t)).toISOString();
    let pending: PendingEvent[] = [
      { event: { kind: 'register-started', data: { programVersion: '0.1.0' } }, at: at() },
      { event: { kind: 'sign-in', data: { cashierId: 'anna' } }, by: 'anna', at: at() },
      { event: { kind: 'cash-float', data: { amount: ore(200_000) } }, by: 'anna', at: at() },
    ];
    const flush = () => {
      if (pending.length > 0) store.append(pending, at());
      pending = [];
    };
    const sold: Receipt[] = [];
    for (let i = 0; i < sales; i += 1) {
      t += step;
      sold.push(sell(day, at(), pending));
      if (random() < 0.02 && sold.length > 2) {
        const original = sold.splice(Math.floor(random() * (sold.length - 1)), 1)[0];
        if (original !== undefined) giveBack(day, at(), original, pending);
      }
      if (i === Math.floor(sales / 2)) {
        flush();
        const report = finishXReport(dayReportState(store, day, ZONE), {
          identity,
          producedAt: at(),
        });
        store.append([{ event: { kind: 'x-report', data: { report } }, by: 'anna' }], at());
      }
    }
    flush();
    if (close) {
      t += step;
      const z = finishZReport(dayReportState(store, day, ZONE), { identity, producedAt: at() });
      if (!z.ok) throw new Error(`Z: ${z.code}`);
      store.append(
        [
          { event: { kind: 'z-report', data: { report: z.value } }, by: 'anna' },
          { event: { kind: 'sign-out', data: { cashierId: 'anna' } }, by: 'anna' },
        ],
        at(),
      );
    }
  };

  for (let d = 0; d < earlierDays; d += 1) {
    const day = addDays(firstDay, d);
    const { startMs } = businessDayBounds(day, ZONE);
    // 07:00–18:00 local time.
    sellDay(day, perDay, startMs + 7 * 3_600_000, startMs + 18 * 3_600_000, true);
  }
  const { startMs } = businessDayBounds(today, ZONE);
  const open = Math.min(startMs + 7 * 3_600_000, options.now - 3_600_000);
  sellDay(today, options.todaySales, Math.max(startMs, open), options.now - 60_000, false);
  return {
    entries: store.head()?.seq ?? 0,
    days: earlierDays + 1,
    firstDay,
    today,
  };
}

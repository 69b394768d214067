/**
 * One VAT per rate everywhere the server shows it: the archived Z, the sales report grouped by
 * VAT, its totals and the SIE voucher all equal the sum of the VAT rows printed on the day's
 * receipts (docs/domain/vat-and-rounding.md, "VAT per rate on X and Z"). The day below is one
 * where VAT recomputed on the day's gross per rate is 1 öre off the receipts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Receipt, type ZReport, ore } from '@kassa/core';
import { describeDb } from './support/test-db.js';
import { FakeClock, as, type Session } from './support/test-app.js';
import { connectedTerminal, type ConnectedTerminal } from './support/connected-terminal.js';
import { type ArticleSpec, JournalBuilder, headerFor } from './support/journal-fixture.js';
import { MUG } from './support/sample-articles.js';
import {
  type SalesReportRow,
  type ShopWithBranch,
  openShopWithBranch,
  uploadJournal,
} from './support/report-shop.js';

/** 49,14 kr at 12 % (food in March 2026) holds 5,265 kr of VAT: 5,27 on its receipt. */
const BREAD: ArticleSpec = { articleNumber: 'BR1', text: 'Bröd', vatCategory: 'food', price: 4914 };
/** 54,88 kr at 12 % holds exactly 5,88 kr. */
const CAKE: ArticleSpec = { articleNumber: 'CA1', text: 'Tårta', vatCategory: 'food', price: 5488 };
/** 0,13 kr at 25 %: 2,6 öre of VAT, 3 öre on its own receipt. */
const SWEET: ArticleSpec = {
  articleNumber: 'SW1',
  text: 'Karamell',
  vatCategory: 'standard',
  price: 13,
};

const PERIOD = { from: '2026-03-02', to: '2026-03-02' };

interface Report {
  totals: { gross: number; vat: number; net: number };
  rows: SalesReportRow[];
}

/** The #TRANS amounts of a SIE file per account, in öre (amounts and accounts are ASCII). */
function sieAmounts(bytes: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of Buffer.from(bytes).toString('latin1').split('\r\n')) {
    const match = /^#TRANS (\d+) \{\} (-?)(\d+)\.(\d{2}) /.exec(line);
    if (!match) continue;
    const magnitude = Number(match[3]) * 100 + Number(match[4]);
    const amount = match[2] === '-' ? 0 - magnitude : magnitude;
    out.set(match[1] ?? '', (out.get(match[1] ?? '') ?? 0) + amount);
  }
  return out;
}

describeDb('VAT per rate: Z archive, sales report and SIE equal the receipts', () => {
  let shop: ShopWithBranch;
  let app: FastifyInstance;
  let admin: Session;
  let terminal: ConnectedTerminal;
  let z: ZReport;
  const receipts: Receipt[] = [];
  const clock = new FakeClock(new Date('2026-03-03T10:00:00.000Z'));

  beforeAll(async () => {
    shop = await openShopWithBranch(clock, 'momsavstamning', 'Momsbutiken AB', 1);
    ({ app, admin } = shop);
    terminal = await connectedTerminal(app, admin, shop.mainPlace, 'K1');
    const journal = new JournalBuilder(headerFor('K1', 'Momsbutiken AB'));
    const keep = (receipt: Receipt) => {
      receipts.push(receipt);
      return receipt;
    };
    const first = keep(
      journal.sell(
        '2026-03-02T08:00:00.000Z',
        'kim',
        [BREAD],
        [{ method: 'card', amount: ore(4914) }],
      ),
    );
    keep(journal.sell('2026-03-02T08:10:00.000Z', 'kim', [BREAD], [{ method: 'cash' }]));
    keep(journal.sell('2026-03-02T08:20:00.000Z', 'kim', [CAKE, SWEET], [{ method: 'cash' }]));
    keep(
      journal.sell(
        '2026-03-02T08:30:00.000Z',
        'kim',
        [SWEET, MUG],
        [{ method: 'swish', amount: ore(12_913) }],
      ),
    );
    keep(journal.sell('2026-03-02T08:40:00.000Z', 'kim', [BREAD], [{ method: 'cash' }]));
    keep(
      journal.returnItems(
        '2026-03-02T09:00:00.000Z',
        'kim',
        first,
        [{ lineNo: 1, quantity: 1 }],
        [{ method: 'cash' }],
      ),
    );
    z = journal.closeDay('2026-03-02', '2026-03-02T17:00:00.000Z', 'kim');
    await uploadJournal(app, shop.host, terminal, journal.entries, clock.now().getTime());
  });
  afterAll(() => shop.close());

  /** Per rate, the sums of the receipts' own VAT rows. */
  function receiptRows(): Map<number, { gross: number; vat: number; net: number }> {
    const out = new Map<number, { gross: number; vat: number; net: number }>();
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

  it('the day is one where VAT on the day’s gross would differ from the receipts', () => {
    // 12 %: 3 × 5,27 + 5,88 − 5,27 = 16,42 on the receipts; on 153,16 kr it would be 16,41.
    // 25 %: 0,03 + 25,83 = 25,86 on the receipts; on 129,26 kr it would be 25,85.
    expect(receiptRows()).toEqual(
      new Map([
        [2500, { gross: 12_926, vat: 2586, net: 10_340 }],
        [1200, { gross: 15_316, vat: 1642, net: 13_674 }],
      ]),
    );
  });

  it('the archived Z carries the receipts’ VAT per rate', async () => {
    const r = await app.inject({
      url: `/api/reports/z/${terminal.terminalId}/${z.zNumber}`,
      headers: as(admin),
    });
    expect(r.statusCode, r.body).toBe(200);
    const archived = r.json<{ report: ZReport }>().report;
    expect(new Map(archived.vatPerRate.map(({ rate, ...sums }) => [rate, sums]))).toEqual(
      receiptRows(),
    );
  });

  it('the sales report by VAT rate and its totals equal the Z', async () => {
    const r = await app.inject({
      url: `/api/reports/sales?${new URLSearchParams({ ...PERIOD, groupBy: 'vat' }).toString()}`,
      headers: as(admin),
    });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json<Report>();
    expect(
      new Map(
        report.rows.map((row) => [
          Number(row.key),
          { gross: row.gross, vat: row.vat, net: row.net },
        ]),
      ),
    ).toEqual(new Map(z.vatPerRate.map(({ rate, ...sums }) => [rate, sums])));
    expect(report.totals.vat).toBe(z.vatPerRate.reduce((a, row) => a + row.vat, 0));
    expect(report.totals.gross).toBe(z.netTotal);
  });

  it('the SIE voucher books the receipts’ (and the Z’s) VAT and net per rate', async () => {
    const r = await app.inject({
      url: `/api/exports/sie?${new URLSearchParams(PERIOD).toString()}`,
      headers: as(admin),
    });
    expect(r.statusCode, r.body).toBe(200);
    const booked = sieAmounts(r.rawPayload);
    const printed = receiptRows();
    const accounts = [
      { rate: 2500, sales: '3001', vat: '2611' },
      { rate: 1200, sales: '3002', vat: '2621' },
    ];
    for (const { rate, sales, vat } of accounts) {
      const row = z.vatPerRate.find((v) => v.rate === rate);
      expect(booked.get(vat), `VAT ${rate}`).toBe(0 - (printed.get(rate)?.vat ?? NaN));
      expect(booked.get(sales), `sales ${rate}`).toBe(0 - (printed.get(rate)?.net ?? NaN));
      expect(booked.get(vat)).toBe(0 - (row?.vat ?? NaN));
      expect(booked.get(sales)).toBe(0 - (row?.net ?? NaN));
    }
    expect([...booked.values()].reduce((a, b) => a + b, 0)).toBe(0);
  });
});

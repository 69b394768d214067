import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receipt, type Tender, type ZReport, ore } from '@kassa/core';
import { setLicence } from '../src/commands/terminals.js';
import { describeDb, type TestDatabase } from './support/test-db.js';
import { FakeClock, as, createUserAs, signInAs, type Session } from './support/test-app.js';
import { connectedTerminal, type ConnectedTerminal } from './support/connected-terminal.js';
import { type ArticleSpec, JournalBuilder, headerFor } from './support/journal-fixture.js';
import { BOOK, CHEESE, COFFEE, MUG, STAMP } from './support/sample-articles.js';
import {
  type SalesReportRow as Row,
  type ShopWithBranch,
  openShopWithBranch,
  uploadJournal,
} from './support/report-shop.js';

interface Report {
  from: string;
  to: string;
  groupBy: string;
  totals: Record<string, number>;
  rows: Row[];
}

/** One receipt that reached the reports, with what the test knows about it independently. */
interface Sold {
  receipt: Receipt;
  terminalId: string;
  placeId: string;
  cashier: string;
  /** The hour of day in Stockholm, written out by hand for each sale below. */
  hour: number;
}

// VAT in a VAT-inclusive amount, rounded half away from zero, in exact integer arithmetic.
function vatOf(amount: number, rate: number): number {
  const n = BigInt(Math.abs(amount)) * BigInt(rate) * 2n;
  const d = BigInt(10_000 + rate) * 2n;
  const magnitude = Number((n + d / 2n) / d);
  return amount < 0 ? -magnitude : magnitude;
}

describeDb('sales reports and the Z archive over uploaded journals', () => {
  let shop: ShopWithBranch;
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let slug: string;
  let mainPlace: string;
  let branchPlace: string;
  let t1: ConnectedTerminal;
  let t2: ConnectedTerminal;
  let t3: ConnectedTerminal;
  const sold: Sold[] = [];
  const zReportsOf = new Map<string, ZReport[]>();
  const clock = new FakeClock(new Date());

  /** Sells on a terminal's journal and remembers the receipt for the expected figures. */
  function sell(
    j: JournalBuilder,
    t: ConnectedTerminal,
    placeId: string,
    at: string,
    hour: number,
    cashier: string,
    articles: ArticleSpec[],
    tenders: Tender[],
  ): Receipt {
    const receipt = j.sell(at, cashier, articles, tenders);
    sold.push({ receipt, terminalId: t.terminalId, placeId, cashier, hour });
    return receipt;
  }

  const upload = (t: ConnectedTerminal, j: JournalBuilder) =>
    uploadJournal(app, host, t, j.entries, clock.now().getTime());

  beforeAll(async () => {
    shop = await openShopWithBranch(clock, 'rapport', 'Rapportbutiken AB', 5);
    ({ tdb, app, host, slug, admin, mainPlace, branchPlace } = shop);
    await createUserAs(app, admin, 'kim', 'cashier');
    t1 = await connectedTerminal(app, admin, mainPlace, 'T1');
    t2 = await connectedTerminal(app, admin, mainPlace, 'T2');
    t3 = await connectedTerminal(app, admin, branchPlace, 'T3');

    // March 2026 is CET (UTC+1): 08:05Z is 09 in Stockholm.
    const j1 = new JournalBuilder(headerFor('T1', 'Rapportbutiken AB'));
    const early = sell(
      j1,
      t1,
      mainPlace,
      '2026-02-28T12:00:00.000Z',
      13,
      'kim',
      [MUG],
      [{ method: 'card', amount: ore(12900) }],
    );
    j1.closeDay(early.businessDay, '2026-02-28T18:00:00.000Z', 'kim');
    const big = sell(
      j1,
      t1,
      mainPlace,
      '2026-03-02T08:05:00.000Z',
      9,
      'kim',
      [{ ...COFFEE, quantity: 3 }, MUG, { ...CHEESE, grams: 347 }],
      [{ method: 'cash', tendered: ore(50_000) }],
    );
    sell(
      j1,
      t1,
      mainPlace,
      '2026-03-02T08:40:00.000Z',
      9,
      'admin',
      [BOOK, STAMP],
      [{ method: 'swish', amount: ore(26700) }],
    );
    const back = j1.returnItems(
      '2026-03-02T14:10:00.000Z',
      'kim',
      big,
      [{ lineNo: 1, quantity: 2 }],
      [{ method: 'cash' }],
    );
    sold.push({
      receipt: back,
      terminalId: t1.terminalId,
      placeId: mainPlace,
      cashier: 'kim',
      hour: 15,
    });
    zReportsOf.set(t1.terminalId, [
      ...j1.entries.flatMap<ZReport>((e) => (e.kind === 'z-report' ? [e.data.report] : [])),
      j1.closeDay('2026-03-02', '2026-03-02T18:00:00.000Z', 'kim'),
    ]);
    sell(
      j1,
      t1,
      mainPlace,
      '2026-03-03T22:30:00.000Z',
      23,
      'ola',
      [COFFEE],
      [
        { method: 'card', amount: ore(2000) },
        { method: 'cash', tendered: ore(2000) },
      ],
    );
    await upload(t1, j1);

    const j2 = new JournalBuilder(headerFor('T2', 'Rapportbutiken AB'));
    sell(
      j2,
      t2,
      mainPlace,
      '2026-03-02T09:15:00.000Z',
      10,
      'ola',
      [{ ...MUG, quantity: 2 }],
      [{ method: 'card', amount: ore(25800) }],
    );
    // Training: in the journal, never in the sales.
    j2.sell('2026-03-02T09:20:00.000Z', 'ola', [BOOK], [{ method: 'card', amount: ore(24900) }], {
      training: true,
    });
    zReportsOf.set(t2.terminalId, [j2.closeDay('2026-03-02', '2026-03-02T17:00:00.000Z', 'ola')]);
    await upload(t2, j2);

    const j3 = new JournalBuilder(headerFor('T3', 'Rapportbutiken AB'));
    sell(
      j3,
      t3,
      branchPlace,
      '2026-03-03T07:00:00.000Z',
      8,
      'kim',
      [{ ...CHEESE, grams: 1250 }, COFFEE],
      [{ method: 'cash', tendered: ore(30_000) }],
    );
    sell(
      j3,
      t3,
      branchPlace,
      '2026-03-03T11:59:00.000Z',
      12,
      'kim',
      [BOOK],
      [{ method: 'card', amount: ore(24900) }],
    );
    await upload(t3, j3);
  });
  afterAll(() => shop.close());

  const PERIOD = { from: '2026-03-01', to: '2026-03-04' };

  async function report(query: Record<string, string>): Promise<Report> {
    const r = await app.inject({
      url: `/api/reports/sales?${new URLSearchParams(query).toString()}`,
      headers: as(admin),
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Report>();
  }

  /** The sold receipts inside the period (and place/terminal filters), computed in the test. */
  function inScope(filter: { placeId?: string; terminalId?: string } = {}): Sold[] {
    return sold.filter(
      (s) =>
        s.receipt.businessDay >= PERIOD.from &&
        s.receipt.businessDay <= PERIOD.to &&
        (filter.placeId === undefined || s.placeId === filter.placeId) &&
        (filter.terminalId === undefined || s.terminalId === filter.terminalId),
    );
  }

  type Expected = Map<string, Omit<Row, 'key' | 'label' | 'net'>>;

  function add(
    map: Expected,
    key: string,
    kind: string,
    gross: number,
    vat: number | null,
    extra: { quantity?: number; unit?: string } = {},
  ) {
    const row = map.get(key) ?? {
      count: 0,
      returnCount: 0,
      gross: 0,
      vat: vat === null ? null : 0,
    };
    row.count += kind === 'sale' ? 1 : 0;
    row.returnCount += kind === 'return' ? 1 : 0;
    row.gross += gross;
    if (vat !== null) row.vat = (row.vat ?? 0) + vat;
    if (extra.quantity !== undefined) row.quantity = (row.quantity ?? 0) + extra.quantity;
    if (extra.unit !== undefined) row.unit = extra.unit;
    map.set(key, row);
  }

  function byReceipt(scope: Sold[], keyOf: (s: Sold) => string): Expected {
    const map: Expected = new Map();
    for (const s of scope) {
      const vat = s.receipt.vat.reduce((a, v) => a + v.vat, 0);
      add(map, keyOf(s), s.receipt.kind, s.receipt.total, vat);
    }
    return map;
  }

  /** The rows as a map by key, with net checked to be gross − vat. */
  function asMap(rows: Row[]): Expected {
    const map: Expected = new Map();
    for (const { key, net, count, returnCount, gross, vat, quantity, unit } of rows) {
      expect(net, `net of ${key}`).toBe(vat === null ? null : gross - vat);
      map.set(key, { count, returnCount, gross, vat, quantity, unit });
    }
    return map;
  }

  const nonZero = (rows: Row[]) => rows.filter((r) => r.count + r.returnCount > 0);

  it('totals the period over sales and returns, without training or other days', async () => {
    const r = await report({ ...PERIOD, groupBy: 'day' });
    const scope = inScope();
    const gross = scope.reduce((a, s) => a + s.receipt.total, 0);
    const vat = scope.reduce((a, s) => a + s.receipt.vat.reduce((b, v) => b + v.vat, 0), 0);
    const returned = scope.filter((s) => s.receipt.kind === 'return');
    expect(r.totals).toEqual({
      receipts: scope.length - returned.length,
      returns: returned.length,
      gross,
      vat,
      net: gross - vat,
      returnsGross: -returned.reduce((a, s) => a + s.receipt.total, 0),
      discounts: scope.reduce((a, s) => a + s.receipt.discountTotal, 0),
      rounding: scope.reduce((a, s) => a + s.receipt.rounding, 0),
    });
    expect(r.totals.receipts).toBe(6);
    expect(r.totals.returns).toBe(1);
  });

  it('groups by day, with every day of the period present', async () => {
    const r = await report({ ...PERIOD, groupBy: 'day' });
    expect(r.rows.map((row) => row.key)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
    ]);
    const expected = byReceipt(inScope(), (s) => s.receipt.businessDay);
    expect(asMap(nonZero(r.rows))).toEqual(expected);
    expect(r.rows[0]).toMatchObject({ count: 0, gross: 0 });
  });

  it('groups by hour of day in Stockholm, 00–23', async () => {
    const r = await report({ ...PERIOD, groupBy: 'hour' });
    expect(r.rows.map((row) => row.key)).toEqual(
      Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
    );
    const expected = byReceipt(inScope(), (s) => String(s.hour).padStart(2, '0'));
    expect(asMap(nonZero(r.rows))).toEqual(expected);
    expect([...expected.keys()].sort()).toEqual(['08', '09', '10', '12', '15', '23']);
  });

  it('groups by place of business and by terminal, largest first, named', async () => {
    const places = await report({ ...PERIOD, groupBy: 'place' });
    expect(asMap(places.rows)).toEqual(byReceipt(inScope(), (s) => s.placeId));
    expect(places.rows.find((row) => row.key === branchPlace)?.label).toBe('Filialen');
    const grossOrder = places.rows.map((row) => row.gross);
    expect(grossOrder).toEqual([...grossOrder].sort((a, b) => b - a));

    const terminals = await report({ ...PERIOD, groupBy: 'terminal' });
    expect(asMap(terminals.rows)).toEqual(byReceipt(inScope(), (s) => s.terminalId));
    expect(terminals.rows.find((row) => row.key === t3.terminalId)?.label).toBe('Kassa T3 (T3)');
  });

  it('groups by cashier, named by the user where one exists', async () => {
    const r = await report({ ...PERIOD, groupBy: 'cashier' });
    expect(asMap(r.rows)).toEqual(byReceipt(inScope(), (s) => s.cashier));
    const labels = Object.fromEntries(r.rows.map((row) => [row.key, row.label]));
    expect(labels).toEqual({ kim: 'KIM', admin: 'Admin rapport', ola: 'ola' });
  });

  it('groups by payment method (what each took in, net of refunds)', async () => {
    const r = await report({ ...PERIOD, groupBy: 'payment' });
    const expected: Expected = new Map();
    for (const s of inScope()) {
      for (const p of s.receipt.payments) add(expected, p.method, s.receipt.kind, p.amount, null);
    }
    expect(asMap(r.rows)).toEqual(expected);
    expect(Object.fromEntries(r.rows.map((row) => [row.key, row.label]))).toEqual({
      cash: 'Kontant',
      card: 'Kort',
      swish: 'Swish',
    });
    // What the methods took equals what the receipts cost after rounding.
    const paid = r.rows.reduce((a, row) => a + row.gross, 0);
    expect(paid).toBe(inScope().reduce((a, s) => a + s.receipt.totalToPay, 0));
  });

  it('groups by VAT rate with the receipts’ own split (gross = net + vat)', async () => {
    const r = await report({ ...PERIOD, groupBy: 'vat' });
    const expected: Expected = new Map();
    for (const s of inScope()) {
      for (const v of s.receipt.vat) add(expected, String(v.rate), s.receipt.kind, v.gross, v.vat);
    }
    expect(asMap(r.rows)).toEqual(expected);
    expect(r.rows.map((row) => [row.key, row.label])).toEqual([
      ['2500', '25 %'],
      ['1200', '12 %'],
      ['600', '6 %'],
      ['0', '0 %'],
    ]);
  });

  it('groups by product with quantities (grams for weighed goods) and per-line VAT', async () => {
    const r = await report({ ...PERIOD, groupBy: 'product' });
    const expected: Expected = new Map();
    for (const s of inScope()) {
      for (const line of s.receipt.lines) {
        add(
          expected,
          line.articleNumber,
          s.receipt.kind,
          line.amount,
          vatOf(line.amount, line.vatRate),
          {
            quantity: line.quantity,
            unit: line.unit,
          },
        );
      }
    }
    expect(asMap(r.rows)).toEqual(expected);
    const cheese = r.rows.find((row) => row.key === 'O1');
    expect(cheese).toMatchObject({ label: 'Ost', quantity: 347 + 1250, unit: 'gram' });
    expect(r.rows.find((row) => row.key === 'K1')).toMatchObject({ quantity: 3 - 2 + 1 + 1 });
    const limited = await report({ ...PERIOD, groupBy: 'product', limit: '2' });
    expect(limited.rows).toEqual(r.rows.slice(0, 2));
  });

  it('filters by place and by terminal', async () => {
    const branch = await report({ ...PERIOD, groupBy: 'terminal', placeId: branchPlace });
    expect(asMap(branch.rows)).toEqual(
      byReceipt(inScope({ placeId: branchPlace }), (s) => s.terminalId),
    );
    expect(branch.rows.map((row) => row.key)).toEqual([t3.terminalId]);
    const one = await report({ ...PERIOD, groupBy: 'day', terminalId: t1.terminalId });
    expect(asMap(nonZero(one.rows))).toEqual(
      byReceipt(inScope({ terminalId: t1.terminalId }), (s) => s.receipt.businessDay),
    );
    const both = await report({
      ...PERIOD,
      groupBy: 'payment',
      placeId: mainPlace,
      terminalId: t3.terminalId,
    });
    expect(both.rows).toEqual([]);
    const unknown = await report({ ...PERIOD, groupBy: 'vat', terminalId: 'inte-ett-id' });
    expect(unknown.rows).toEqual([]);
    expect(unknown.totals.receipts).toBe(0);
  });

  it('refuses a period that runs backwards or is too long', async () => {
    for (const query of [
      { from: '2026-03-04', to: '2026-03-01' },
      { from: '2024-01-01', to: '2026-03-01' },
    ]) {
      const r = await app.inject({
        url: `/api/reports/sales?${new URLSearchParams(query).toString()}`,
        headers: as(admin),
      });
      expect(r.statusCode).toBe(400);
      expect(r.json<{ error: { code: string; sv: string } }>().error).toMatchObject({
        code: 'report-period-invalid',
        sv: expect.stringContaining('731') as string,
      });
    }
    const bad = await app.inject({
      url: '/api/reports/sales?from=igår&to=idag',
      headers: as(admin),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('answers every grouping of a filter in one overview, the same as eight single reports', async () => {
    const groupings = ['day', 'hour', 'place', 'terminal', 'payment', 'vat', 'product', 'cashier'];
    for (const filter of [
      PERIOD,
      { ...PERIOD, placeId: branchPlace },
      { ...PERIOD, terminalId: t1.terminalId },
    ]) {
      const r = await app.inject({
        url: `/api/reports/sales/overview?${new URLSearchParams(filter).toString()}`,
        headers: as(admin),
      });
      expect(r.statusCode, r.body).toBe(200);
      const overview = r.json<Omit<Report, 'groupBy' | 'rows'> & { rows: Record<string, Row[]> }>();
      expect(Object.keys(overview.rows).sort()).toEqual([...groupings].sort());
      for (const groupBy of groupings) {
        const single = await report({ ...filter, groupBy });
        expect(overview.rows[groupBy], groupBy).toEqual(single.rows);
        expect(overview.totals).toEqual(single.totals);
        expect([overview.from, overview.to]).toEqual([single.from, single.to]);
      }
    }
    const backwards = await app.inject({
      url: '/api/reports/sales/overview?from=2026-03-04&to=2026-03-01',
      headers: as(admin),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ error: { code: string } }>().error.code).toBe('report-period-invalid');
  });

  it('lists the Z archive newest first and returns one Z exactly as journaled', async () => {
    const all = await app.inject({ url: '/api/reports/z', headers: as(admin) });
    expect(all.statusCode).toBe(200);
    const list = all.json<{ reports: Record<string, unknown>[] }>().reports;
    expect(list.map((z) => [z['registerId'], z['zNumber'], z['businessDay']])).toEqual([
      ['T1', 2, '2026-03-02'],
      ['T2', 1, '2026-03-02'],
      ['T1', 1, '2026-02-28'],
    ]);
    const z1 = zReportsOf.get(t1.terminalId)?.[1] as ZReport;
    expect(list[0]).toEqual({
      terminalId: t1.terminalId,
      terminalName: 'Kassa T1',
      registerId: 'T1',
      zNumber: 2,
      businessDay: '2026-03-02',
      producedAt: z1.producedAt,
      salesTotal: z1.salesTotal,
      returnsTotal: z1.returns.amount,
      netTotal: z1.netTotal,
      receiptCount: z1.receiptCount,
    });
    const ofT2 = await app.inject({
      url: `/api/reports/z?terminalId=${t2.terminalId}`,
      headers: as(admin),
    });
    expect(
      ofT2.json<{ reports: { registerId: string }[] }>().reports.map((z) => z.registerId),
    ).toEqual(['T2']);
    const inMarch = await app.inject({
      url: '/api/reports/z?from=2026-03-01&to=2026-03-31',
      headers: as(admin),
    });
    expect(inMarch.json<{ reports: unknown[] }>().reports).toHaveLength(2);

    const one = await app.inject({ url: `/api/reports/z/${t1.terminalId}/2`, headers: as(admin) });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ terminalId: t1.terminalId, registerId: 'T1', zNumber: 2 });
    expect(one.json<{ report: unknown }>().report).toEqual(JSON.parse(JSON.stringify(z1)));
    for (const url of [
      `/api/reports/z/${t1.terminalId}/3`,
      `/api/reports/z/${t3.terminalId}/1`,
      '/api/reports/z/inte-ett-id/1',
    ]) {
      const missing = await app.inject({ url, headers: as(admin) });
      expect(missing.statusCode, url).toBe(404);
      expect(missing.json<{ error: { code: string } }>().error.code).toBe('z-report-not-found');
    }
  });

  describe('access', () => {
    it('is for admins and managers with the module reports', async () => {
      const cashier = await createUserAs(app, admin, 'kassor-r', 'cashier');
      expect(cashier).toBeTruthy();
      const session = await signInAs(app, host, 'kassor-r', 'ett-bra-losenord-42');
      const refused = await app.inject({ url: `/api/reports/z`, headers: as(session) });
      expect(refused.statusCode).toBe(403);
      await createUserAs(app, admin, 'chef-r', 'manager');
      const manager = await signInAs(app, host, 'chef-r', 'ett-bra-losenord-42');
      expect((await app.inject({ url: '/api/reports/z', headers: as(manager) })).statusCode).toBe(
        200,
      );

      await setLicence(tdb.database.db, slug, { modules: ['products'] }, clock.now());
      const unlicensed = await app.inject({
        url: `/api/reports/sales?from=2026-03-01&to=2026-03-02`,
        headers: as(admin),
      });
      expect(unlicensed.statusCode).toBe(403);
      expect(unlicensed.json<{ error: { code: string } }>().error.code).toBe('module-not-licensed');
      await setLicence(tdb.database.db, slug, { modules: ['products', 'reports'] }, clock.now());
      expect((await app.inject({ url: `/api/reports/z`, headers: as(admin) })).statusCode).toBe(
        200,
      );
    });
  });
});

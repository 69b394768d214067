/**
 * The register-related MUSTs of the regulation checklist (docs/spec/sweden-regulation.md §0),
 * one test each, named by item number, through the register's local API on real parts (server
 * catalogue over HTTP, CCSP simulator on a socket, SQLite journal, printer file decoded from
 * ESC/POS). Items about the business or the manufacturer (24, 25) are not the register's; item 15
 * (SKVFS 2021:16 XML) is tested in journal-export.test.ts, item 13's crash safety in
 * crash.test.ts.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type JournalEntry,
  type Receipt,
  SHOP_TIME_ZONE,
  businessDayOf,
  missingReceiptFields,
  verifyJournal,
} from '@kassa/core';
import type { ReceiptResult, SaleView } from '@kassa/contracts';
import { decodeEscPos, escPosText } from '@kassa/test-kit';
import { buildLocalService } from '../src/index.js';
import { JournalOpenError, openJournalStore } from '../src/selling/journal-store.js';
import { readJournal, startSellingRig, type SellingRig } from './support/selling.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

let rig: SellingRig;

function journal(): JournalEntry[] {
  return readJournal(rig);
}

async function add(body: object): Promise<SaleView> {
  const answer = await rig.call<SaleView>('POST', '/local/sale/lines', body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

async function pay(tenders: object[], delivery?: 'electronic'): Promise<ReceiptResult> {
  const answer = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
    tenders,
    ...(delivery ? { delivery } : {}),
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

/** The fields of the "RR" requests the simulator received (after the frame's own fields). */
function registrations(): string[][] {
  return rig.simulator.exchanges
    .map((e) => e.request)
    .filter((r) => r.startsWith('RR#'))
    .map((r) => r.split('#').map((f) => f.trim()));
}

beforeAll(async () => {
  // 2026-11-25 10:00 in Stockholm: food is 6 % (2026-04-01 – 2027-12-31).
  rig = await startSellingRig({ startAt: '2026-11-25T09:00:00Z' });
  await rig.signIn('maja', '8080');
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe('regulation checklist §0 (register items)', () => {
  it('§0.1 and §0.5: a sale is registered and produces its receipt at once, also when paid by card', async () => {
    await rig.takePrinted();
    await add({ articleNumber: 'MUGG' });
    const paid = await pay([{ method: 'card', amount: 14900 }]);
    const printed = escPosText(decodeEscPos(await rig.takePrinted()));
    expect(printed).toContain('Kaffemugg Åre');
    expect(printed).toContain(`${paid.receipt.receiptNumber}`);
    // The on-screen preview of a printed receipt is not marked electronic.
    expect(paid.html).not.toContain('elektroniskt kassakvitto');
    const entry = journal().find(
      (e) =>
        e.kind === 'sale' &&
        (e.data as { receipt: Receipt }).receipt.receiptNumber === paid.receipt.receiptNumber,
    );
    expect(entry).toBeDefined();
  });

  it('§0.2 and §0.3: the receipt has every mandatory field, in Swedish; electronic receipts say so', async () => {
    await add({ articleNumber: 'KAFFE' });
    await add({ articleNumber: 'BOK' });
    const paid = await pay([{ method: 'cash', tendered: 30000 }], 'electronic');
    expect(missingReceiptFields(paid.receipt as unknown as Receipt)).toEqual([]);
    expect(paid.print.status).toBe('no-printer');
    for (const text of [
      'Kaféet Exempel AB',
      '559999-0008',
      'Storgatan 1',
      'Bryggkaffe',
      'Kokbok',
      'Moms',
      'Kontant',
      'elektroniskt kassakvitto',
    ]) {
      expect(paid.html).toContain(text);
    }
    const stored = journal().find(
      (e) =>
        e.kind === 'sale' &&
        (e.data as { receipt: Receipt }).receipt.receiptNumber === paid.receipt.receiptNumber,
    );
    expect((stored?.data as { receipt: Receipt }).receipt.delivery).toBe('electronic');
    // Without a printer every receipt is electronic, and the journal says so.
    await rig.call('PUT', '/local/settings', { printer: 'none' });
    await add({ articleNumber: 'KAFFE' });
    const noPrinter = await pay([{ method: 'card', amount: 3500 }]);
    expect(noPrinter.print.status).toBe('no-printer');
    expect(noPrinter.html).toContain('elektroniskt kassakvitto');
    await rig.call('PUT', '/local/settings', { printer: rig.printerFile });
    const pdf = await rig.call('GET', `/local/receipts/${paid.receipt.receiptNumber}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('§0.4 and §0.21: the control code and unit serial are stored in the journal with each receipt', () => {
    const receipts = journal()
      .filter((e) => ['sale', 'return', 'copy', 'training', 'pro-forma'].includes(e.kind))
      .map((e) => (e.data as { receipt: Receipt }).receipt);
    expect(receipts.length).toBeGreaterThan(0);
    for (const receipt of receipts) {
      expect(receipt.controlCode).toMatch(/\S/);
      expect(receipt.controlUnitSerial).toBe(rig.simulator.serialNumber);
    }
  });

  it('§0.6: article texts come from the catalogue and cannot be edited at the sale', async () => {
    const view = await add({ articleNumber: 'KAFFE' });
    const line = view.lines.at(-1)!;
    const edit = await rig.call('PATCH', `/local/sale/lines/${line.lineId}`, {
      text: 'Gratis kaffe',
    });
    expect(edit.status).toBe(400);
    const free = await rig.call('POST', '/local/sale/lines', {
      articleNumber: 'KAFFE',
      text: 'X',
      priceOre: 0,
    });
    expect(free.status).toBe(400);
    expect((await rig.call<SaleView>('GET', '/local/sale')).body.lines.map((l) => l.text)).toEqual([
      'Bryggkaffe',
    ]);
    await rig.call('DELETE', '/local/sale');
  });

  it('§0.7 and §0.8: one copy, sent to the control unit as "kopia", marked KOPIA in double size', async () => {
    await add({ articleNumber: 'BULLE' });
    const paid = await pay([{ method: 'swish', amount: 2950 }]);
    await rig.takePrinted();
    const copy = await rig.call<ReceiptResult>(
      'POST',
      `/local/receipts/${paid.receipt.receiptNumber}/copy`,
    );
    expect(copy.status).toBe(200);
    expect(registrations().at(-1)?.[8]).toBe('kopia');
    const decoded = decodeEscPos(await rig.takePrinted());
    const spans = decoded.lines.flatMap((l) => l.spans);
    const marking = spans.find((s) => s.text.includes('KOPIA'));
    const amount = spans.find((s) => s.text.includes('29,50'));
    expect(marking?.height).toBeGreaterThanOrEqual(2 * (amount?.height ?? 99));
    const second = await rig.call('POST', `/local/receipts/${paid.receipt.receiptNumber}/copy`);
    expect(second.status).toBe(409);
  });

  it('§0.9: training receipts go as "ovning", are counted on X but never in sales or grand totals', async () => {
    const before = (
      await rig.call<{ report: { salesTotal: number; grandTotals: { sales: number } } }>(
        'POST',
        '/local/reports/x',
      )
    ).body.report;
    expect((await rig.call('PUT', '/local/training', { training: true })).status).toBe(200);
    await add({ articleNumber: 'MUGG' });
    const training = await pay([{ method: 'cash' }]);
    expect(training.receipt.kind).toBe('training');
    expect(registrations().at(-1)?.[8]).toBe('ovning');
    expect(training.html).toContain('ÖVNINGSKVITTO');
    expect((await rig.call('PUT', '/local/training', { training: false })).status).toBe(200);
    const after = (
      await rig.call<{
        report: {
          salesTotal: number;
          training: { count: number; amount: number };
          grandTotals: { sales: number };
        };
      }>('POST', '/local/reports/x')
    ).body.report;
    expect(after.salesTotal).toBe(before.salesTotal);
    expect(after.grandTotals.sales).toBe(before.grandTotals.sales);
    expect(after.training.count).toBeGreaterThanOrEqual(1);
    expect(journal().some((e) => e.kind === 'training-switched')).toBe(true);
  });

  it('§0.10: a pro forma receipt is sent as "profo", marked EJ KVITTO and journaled; the sale stays', async () => {
    await add({ articleNumber: 'KAFFE' });
    const proForma = await rig.call<ReceiptResult>('POST', '/local/sale/pro-forma');
    expect(proForma.status).toBe(200);
    expect(proForma.body.receipt.kind).toBe('pro-forma');
    expect(registrations().at(-1)?.[8]).toBe('profo');
    expect(proForma.body.html).toContain('EJ KVITTO');
    // Journaled, then what the printer did with it.
    expect(
      journal()
        .slice(-2)
        .map((e) => e.kind),
    ).toEqual(['pro-forma', 'receipt-printout']);
    expect((await rig.call<SaleView>('GET', '/local/sale')).body.lines).toHaveLength(1);
    await rig.call('DELETE', '/local/sale');
  });

  it('§0.11 and §0.12: a return is its own receipt against the original; Returbelopp carries its absolute amount', async () => {
    await add({ articleNumber: 'BOK' });
    await add({ articleNumber: 'KAFFE' });
    const sale = await pay([{ method: 'card', amount: 28400 }]);
    const returned = await rig.call<ReceiptResult>('POST', '/local/returns', {
      originalReceiptNumber: sale.receipt.receiptNumber,
      items: [{ lineNo: 1, quantity: 1 }],
      refunds: [{ method: 'card', amount: 24900 }],
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const r = returned.body.receipt;
    expect(r).toMatchObject({
      kind: 'return',
      total: -24900,
      original: { receiptNumber: sale.receipt.receiptNumber },
    });
    expect(r.lines.every((l) => l.quantity < 0)).toBe(true);
    expect(missingReceiptFields(r as unknown as Receipt)).toEqual([]);
    const fields = registrations().at(-1)!;
    expect(fields[8]).toBe('normal');
    expect(fields[7]).toBe('249,00');
  });

  it('§0.13: running use is journaled — lines, removals, parking, drawer, float, cash, sign-in/out, reports, settings, prices', async () => {
    const view = await add({ articleNumber: 'MUGG' });
    await rig.call('DELETE', `/local/sale/lines/${view.lines[0]!.lineId}`);
    await add({ articleNumber: 'KAFFE' });
    await rig.call('POST', '/local/sale/park', {});
    const parked = (await rig.call<{ parked: { parkingId: string }[] }>('GET', '/local/parked'))
      .body.parked[0]!;
    await rig.call('POST', `/local/parked/${parked.parkingId}/resume`);
    await rig.call('DELETE', '/local/sale');
    await rig.call('POST', '/local/drawer/open', { reason: 'Växla pengar' });
    await rig.call('POST', '/local/cash/float', { amount: 50000 });
    await rig.call('POST', '/local/cash/in', { amount: 10000, reason: 'Växel från banken' });
    await rig.call('PUT', '/local/settings', { cashierMaxDiscountRate: 1500 });
    // A price change in the backoffice reaches the register with the next sync, journaled.
    const products = (
      await rig.server.admin.call<{ products: { id: string; articleNumber: string }[] }>(
        'GET',
        '/api/products',
      )
    ).body.products;
    const coffee = products.find((p) => p.articleNumber === 'KAFFE')!;
    await rig.server.admin.call('POST', `/api/products/${coffee.id}/prices`, {
      priceOre: 3900,
      // Today in Sweden (the server's business day), not in UTC: from 00:00 to 01:00 Swedish
      // time the UTC date is still yesterday's.
      effectiveFrom: businessDayOf(Date.now(), SHOP_TIME_ZONE),
    });
    await rig.app.kassa.syncNow();
    const kinds = new Set(journal().map((e) => e.kind));
    for (const kind of [
      'register-started',
      'sign-in',
      'line-added',
      'line-removed',
      'sale-parked',
      'sale-resumed',
      'drawer-opened',
      'cash-float',
      'cash-in',
      'x-report',
      'setting-changed',
      'price-change',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const change = journal().find((e) => e.kind === 'price-change');
    expect(change?.data).toMatchObject({ articleNumber: 'KAFFE', from: 3500, to: 3900 });
    // Every entry names who was signed in when the cashier did it.
    expect(journal().find((e) => e.kind === 'drawer-opened')?.by).toMatch(/^maja/);
  });

  it('§0.14 and §0.16: entries cannot be changed or deleted, and an edited journal is detected and refused', async () => {
    const file = path.join(rig.pc.home, 'journal.sqlite');
    const live = new Database(file);
    try {
      expect(() => live.prepare("UPDATE journal SET data = '{}' WHERE seq = 2").run()).toThrow(
        /immutable/,
      );
      expect(() => live.prepare('DELETE FROM journal').run()).toThrow(/immutable/);
    } finally {
      live.close();
    }
    expect(verifyJournal(journal(), sha256).ok).toBe(true);
    // A copy whose triggers were dropped and one entry edited: the chain shows it.
    const copyDir = await mkdtemp(path.join(os.tmpdir(), 'kassa-tampered-'));
    const source = new Database(file, { readOnly: true });
    source.prepare('VACUUM INTO ?').run(path.join(copyDir, 'journal.sqlite'));
    source.close();
    const tampered = new Database(path.join(copyDir, 'journal.sqlite'));
    tampered.exec('DROP TRIGGER journal_no_update');
    tampered.prepare("UPDATE journal SET at = '2026-01-01T00:00:00.000Z' WHERE seq = 3").run();
    tampered.close();
    expect(() => openJournalStore(path.join(copyDir, 'journal.sqlite'))).toThrow(JournalOpenError);
    // A register on that folder refuses to sell and says what to do.
    const folder = path.join(copyDir, 'kassa');
    await cp(rig.pc.home, folder, { recursive: true });
    await rm(path.join(folder, 'journal.sqlite-wal'), { force: true });
    await rm(path.join(folder, 'journal.sqlite-shm'), { force: true });
    await cp(path.join(copyDir, 'journal.sqlite'), path.join(folder, 'journal.sqlite'));
    const app = await buildLocalService({
      folder,
      env: rig.pc.env,
      syncIntervalMs: 0,
      posWebDir: null,
      controlUnitProbeMs: 0,
    });
    try {
      const refused = await app.inject({
        method: 'GET',
        url: '/local/catalogue',
        headers: { host: '127.0.0.1' },
      });
      expect(refused.statusCode).toBe(500);
      expect(refused.json()).toMatchObject({ error: { code: 'journal-damaged' } });
      expect(refused.json<{ error: { sv: string } }>().error.sv).toContain('sju år');
    } finally {
      await app.close();
    }
  });

  it('§0.17: one Z per day with sales, days closed in order, grand totals never reset, a sale after midnight belongs to the new day', async () => {
    // Close today first, then sell at 23:50 and at 00:10 (Stockholm) without a Z in between.
    const first = await rig.call<{
      report: { zNumber: number; grandTotals: { sales: number; net: number } };
    }>('POST', '/local/reports/z', {});
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    rig.clock.set('2026-11-25T22:50:00Z');
    await add({ articleNumber: 'KAFFE' });
    const late = await pay([{ method: 'card', amount: 3900 }]);
    expect(late.receipt.businessDay).toBe('2026-11-25');
    rig.clock.set('2026-11-25T23:10:00Z');
    await add({ articleNumber: 'BULLE' });
    const early = await pay([{ method: 'card', amount: 2950 }]);
    expect(early.receipt.businessDay).toBe('2026-11-26');
    const status = (
      await rig.call<{ zPending: string[]; businessDay: string }>('GET', '/local/status')
    ).body;
    expect(status.businessDay).toBe('2026-11-26');
    expect(status.zPending).toEqual(['2026-11-25']);
    const closesYesterday = await rig.call<{
      report: {
        zNumber: number;
        businessDay: string;
        salesTotal: number;
        grandTotals: { sales: number };
      };
    }>('POST', '/local/reports/z', {});
    expect(closesYesterday.body.report).toMatchObject({
      zNumber: first.body.report.zNumber + 1,
      businessDay: '2026-11-25',
      salesTotal: 3900,
    });
    expect(closesYesterday.body.report.grandTotals.sales).toBe(
      first.body.report.grandTotals.sales + 3900,
    );
    const closesToday = await rig.call<{
      report: {
        zNumber: number;
        businessDay: string;
        salesTotal: number;
        grandTotals: { sales: number };
      };
    }>('POST', '/local/reports/z', {});
    expect(closesToday.body.report).toMatchObject({
      zNumber: first.body.report.zNumber + 2,
      businessDay: '2026-11-26',
      salesTotal: 2950,
    });
    expect(closesToday.body.report.grandTotals.sales).toBe(
      first.body.report.grandTotals.sales + 3900 + 2950,
    );
  });

  it('§0.18 and §0.19: the float and payment methods are recorded; the drawer opens only for cash', async () => {
    await rig.call('POST', '/local/cash/float', { amount: 100000 });
    await add({ articleNumber: 'KAFFE' });
    const card = await pay([{ method: 'card', amount: 3900 }]);
    expect(card.drawerOpened).toBe(false);
    await add({ articleNumber: 'KAFFE' });
    const cash = await pay([{ method: 'cash', tendered: 5000 }]);
    expect(cash.drawerOpened).toBe(true);
    const x = (
      await rig.call<{
        report: { cashFloat: number; payments: { method: string; sales: number }[] };
      }>('POST', '/local/reports/x')
    ).body.report;
    expect(x.cashFloat).toBe(100000);
    expect(x.payments.find((p) => p.method === 'card')?.sales).toBe(3900);
    expect(x.payments.find((p) => p.method === 'cash')?.sales).toBe(3900);
  });

  it('§0.20 and §0.26: the unit is named on the receipt, a simulator is flagged as not certified, the register serial is on the Z', async () => {
    const status = (
      await rig.call<{
        controlUnit: { simulated: boolean; serialNumber: string };
        terminal: { serialNumber: string };
      }>('GET', '/local/status')
    ).body;
    expect(status.controlUnit).toMatchObject({
      simulated: true,
      serialNumber: rig.simulator.serialNumber,
    });
    await add({ articleNumber: 'KAFFE' });
    const paid = await pay([{ method: 'card', amount: 3900 }]);
    expect(paid.simulated).toBe(true);
    expect(paid.html).toContain('EJ CERTIFIERAD');
    const z = (
      await rig.call<{ report: { registerSerialNumber: string } }>('POST', '/local/reports/z', {})
    ).body.report;
    expect(z.registerSerialNumber).toBe(status.terminal.serialNumber);
  });

  it('§0.22: with the unit unreachable payment is blocked, building and parking go on, the fault is journaled', async () => {
    await add({ articleNumber: 'MUGG' });
    await rig.simulator.stop();
    try {
      const blocked = await rig.call<{ error: { code: string; sv: string } }>(
        'POST',
        '/local/sale/pay',
        { tenders: [{ method: 'card', amount: 14900 }] },
      );
      expect(blocked.status).toBe(503);
      expect(blocked.body.error.sv).toContain('anmäla det till Skatteverket');
      expect((await rig.call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' })).status).toBe(
        200,
      );
      expect((await rig.call('POST', '/local/sale/park', { note: 'Väntar' })).status).toBe(200);
      expect(journal().some((e) => e.kind === 'control-unit-fault')).toBe(true);
    } finally {
      await rig.simulator.start(rig.simulatorPort, '127.0.0.1');
    }
  });

  it('§0.23: amounts go to the control unit in kronor and öre', async () => {
    await add({ articleNumber: 'BULLE' });
    await add({ articleNumber: 'GODIS', grams: 333 });
    const paid = await pay([{ method: 'card', amount: 2950 + 3297 }]);
    const fields = registrations().at(-1)!;
    expect(fields[6]).toBe('62,47');
    expect(paid.receipt.total).toBe(6247);
  });

  it('§0.27 and §0.28: VAT by category and date (food 6 % now, 12 % eaten in), cash rounded on the cash part only', async () => {
    await add({ articleNumber: 'BULLE' });
    let view = (await rig.call<SaleView>('GET', '/local/sale')).body;
    expect(view.lines[0]?.vatRate).toBe(600);
    view = (await rig.call<SaleView>('PUT', '/local/sale/consumption', { consumption: 'eat-in' }))
      .body;
    expect(view.lines[0]?.vatRate).toBe(1200);
    await rig.call('PUT', '/local/sale/consumption', { consumption: 'take-away' });
    // 29,50: card 10,00 exact, cash part 19,50 rounds to 20,00.
    const paid = await pay([
      { method: 'card', amount: 1000 },
      { method: 'cash', tendered: 2000 },
    ]);
    expect(paid.receipt.rounding).toBe(50);
    expect(paid.receipt.payments).toEqual([
      { method: 'card', amount: 1000 },
      { method: 'cash', amount: 2000 },
    ]);
    // After 2027-12-31 food is 12 % again.
    rig.clock.set('2028-01-03T09:00:00Z');
    await rig.call('POST', '/local/reports/z', {}).catch(() => undefined);
    await add({ articleNumber: 'BULLE' });
    expect((await rig.call<SaleView>('GET', '/local/sale')).body.lines[0]?.vatRate).toBe(1200);
    await rig.call('DELETE', '/local/sale');
  });
});

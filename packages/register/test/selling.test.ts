/**
 * Selling through the register's local API, end to end on real parts: the server's catalogue
 * pulled over HTTP, the control-unit simulator over a CCSP socket, the SQLite journal, receipt
 * bytes written to a printer file and decoded back to text.
 *
 * Regulation checklist items named here: §0.1 (a sale is registered and produces a receipt at
 * once), §0.2 (mandatory fields), §0.4/§0.21 (control code stored before the receipt is handed
 * over), §0.5 (card slip is not the receipt: the receipt is printed for card payments too),
 * §0.6 (article texts from the catalogue only), §0.7 (one copy), §0.9 (training), §0.10 (pro
 * forma journaled), §0.12 (returns on their own receipt), §0.13 (running use journaled), §0.14
 * (append-only), §0.17–19 (X/Z, float, payment methods), §0.22 (unit down: payment blocked,
 * parking allowed, fault journaled), §0.28 (cash rounding on the cash part only).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receipt, businessDayOf, missingReceiptFields, verifyJournal } from '@kassa/core';
import type { ReceiptResult, SaleView } from '@kassa/contracts';
import { decodeEscPos, escPosText } from '@kassa/test-kit';
import { readJournal, startSellingRig, type SellingRig } from './support/selling.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const journal = readJournal;

let rig: SellingRig;

beforeAll(async () => {
  rig = await startSellingRig();
  await rig.signIn('kalle', '4711');
}, 60_000);

afterAll(async () => {
  await rig?.close();
});

describe('a cashier sells', () => {
  it('has the catalogue locally, with weighed goods', async () => {
    const { status, body } = await rig.call<{
      products: { articleNumber: string; unit: string }[];
    }>('GET', '/local/catalogue');
    expect(status).toBe(200);
    expect(body.products.map((p) => p.articleNumber).sort()).toEqual([
      'BOK',
      'BULLE',
      'GODIS',
      'KAFFE',
      'MUGG',
    ]);
    expect(body.products.find((p) => p.articleNumber === 'GODIS')?.unit).toBe('kilogram');
  });

  it('scans, weighs, discounts, pays split cash and card, and prints a complete receipt', async () => {
    await rig.takePrinted();
    let view = (await rig.call<SaleView>('POST', '/local/sale/lines', { barcode: '7310865004703' }))
      .body;
    expect(view.lines).toHaveLength(1);
    view = (
      await rig.call<SaleView>('POST', '/local/sale/lines', {
        barcode: '7318690010166',
        quantity: 2,
      })
    ).body;
    const weighed = await rig.call('POST', '/local/sale/lines', { articleNumber: 'GODIS' });
    expect(weighed.status).toBe(400);
    expect(weighed.body).toMatchObject({ error: { code: 'weight-required' } });
    view = (
      await rig.call<SaleView>('POST', '/local/sale/lines', { articleNumber: 'GODIS', grams: 250 })
    ).body;
    expect(view.lines.map((l) => [l.text, l.quantity, l.amount])).toEqual([
      ['Bryggkaffe', 1, 3500],
      ['Kanelbulle', 2, 5900],
      ['Lösgodis', 250, 2475],
    ]);
    const unknown = await rig.call('POST', '/local/sale/lines', { barcode: '7310865004710' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'article-not-found' } });

    // 10 % off the buns is within a cashier's 20 %; 50 % is not.
    const bun = view.lines[1]!;
    const tooMuch = await rig.call('PATCH', `/local/sale/lines/${bun.lineId}`, {
      discount: { kind: 'percent', rate: 5000 },
    });
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.body).toMatchObject({ error: { code: 'discount-beyond-permission' } });
    view = (
      await rig.call<SaleView>('PATCH', `/local/sale/lines/${bun.lineId}`, {
        discount: { kind: 'percent', rate: 1000 },
      })
    ).body;
    expect(view.total).toBe(3500 + 5310 + 2475);
    expect(view.cashTotal).toBe(11300);

    // Too little: refused with the missing amount in kronor; the sale stays.
    const short = await rig.call<{ error: { code: string; sv: string } }>(
      'POST',
      '/local/sale/pay',
      {
        tenders: [{ method: 'card', amount: 5000 }],
      },
    );
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('payment-insufficient');
    expect(short.body.error.sv).toBe(
      'Det saknas 62,85\u00a0kr. Ta emot resten kontant, med kort eller Swish.',
    );
    // Card part 5000, the rest cash: 6285 rounded to 6300 (öresavrundning on the cash part only).
    const paid = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [
        { method: 'card', amount: 5000 },
        { method: 'cash', tendered: 10000 },
      ],
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const receipt = paid.body.receipt;
    expect(receipt.kind).toBe('sale');
    expect(receipt.rounding).toBe(15);
    expect(receipt.payments).toEqual([
      { method: 'card', amount: 5000 },
      { method: 'cash', amount: 6300 },
    ]);
    expect(receipt.change).toBe(3700);
    expect(receipt.controlCode).toMatch(/\S+/);
    expect(receipt.controlUnitSerial).toBe(rig.simulator.serialNumber);
    expect(paid.body.print.status).toBe('printed');
    expect(paid.body.drawerOpened).toBe(true);
    expect(paid.body.simulated).toBe(true);
    expect(missingReceiptFields(receipt as unknown as Receipt)).toEqual([]);

    const printed = await rig.takePrinted();
    const text = escPosText(decodeEscPos(printed));
    for (const expected of [
      'Kaféet Exempel AB',
      '559999-0008',
      'Storgatan 1',
      `${receipt.receiptNumber}`,
      'Bryggkaffe',
      'Kanelbulle',
      'Lösgodis',
      '113,00',
      'Kort',
      'Kontant',
      rig.simulator.serialNumber,
    ]) {
      expect(text).toContain(expected);
    }
    // The control code is printed whole (wrapped over lines when long).
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(receipt.controlCode);
    // A simulator signed it: the receipt says so in large letters (wrapped at double width).
    expect(flat).toContain('SIMULERADKONTROLLENHET-EJCERTIFIERAD');
    // The drawer kick (ESC p) follows the receipt.
    expect(printed.subarray(-5)).toEqual(Buffer.from([0x1b, 0x70, 0x00, 0x19, 0xfa]));
    // The sale is now empty.
    expect((await rig.call<SaleView>('GET', '/local/sale')).body.lines).toEqual([]);
  });

  it('makes one copy, marked KOPIA, and refuses a second', async () => {
    const latest = (
      await rig.call<{ receipts: { receiptNumber: number }[] }>('GET', '/local/receipts')
    ).body.receipts[0]!;
    await rig.takePrinted();
    const copy = await rig.call<ReceiptResult>(
      'POST',
      `/local/receipts/${latest.receiptNumber}/copy`,
    );
    expect(copy.status).toBe(200);
    expect(copy.body.receipt).toMatchObject({
      kind: 'copy',
      original: { receiptNumber: latest.receiptNumber },
    });
    expect(copy.body.drawerOpened).toBe(false);
    expect(escPosText(decodeEscPos(await rig.takePrinted()))).toContain('KOPIA');
    const again = await rig.call('POST', `/local/receipts/${latest.receiptNumber}/copy`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'copy-limit-reached' } });
  });

  it('returns one bun against the receipt number, on its own return receipt', async () => {
    const original = (
      await rig.call<{ receipts: { receiptNumber: number; kind: string }[] }>(
        'GET',
        '/local/receipts',
      )
    ).body.receipts.find((r) => r.kind === 'sale')!;
    const returned = await rig.call<ReceiptResult>('POST', '/local/returns', {
      originalReceiptNumber: original.receiptNumber,
      items: [{ lineNo: 2, quantity: 1 }],
      refunds: [{ method: 'cash' }],
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.receipt.kind).toBe('return');
    expect(returned.body.receipt.total).toBe(-2655);
    expect(returned.body.receipt.receiptNumber).toBe(original.receiptNumber + 1);
    const tooMany = await rig.call('POST', '/local/returns', {
      originalReceiptNumber: original.receiptNumber,
      items: [{ lineNo: 2, quantity: 2 }],
      refunds: [{ method: 'cash' }],
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body).toMatchObject({
      error: { code: 'return-quantity-exceeds-sold', details: { remaining: 1 } },
    });
  });

  it('parks a sale and resumes it; a cashier may not switch to training', async () => {
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'MUGG' });
    const parked = await rig.call<SaleView>('POST', '/local/sale/park', { note: 'Bord 4' });
    expect(parked.body.lines).toEqual([]);
    expect(parked.body.parkedCount).toBe(1);
    const list = (
      await rig.call<{ parked: { parkingId: string; summary: string }[] }>('GET', '/local/parked')
    ).body.parked;
    expect(list[0]?.summary).toContain('Bord 4');
    const training = await rig.call('PUT', '/local/training', { training: true });
    expect(training.status).toBe(403);
    const resumed = await rig.call<SaleView>('POST', `/local/parked/${list[0]!.parkingId}/resume`);
    expect(resumed.body.lines.map((l) => l.articleNumber)).toEqual(['MUGG']);
    expect(resumed.body.parkedCount).toBe(0);
    await rig.call('DELETE', '/local/sale');
  });

  it('shows the Swish QR code for the amount, prefilled and not editable', async () => {
    const qr = await rig.call<{ text: string; svg: string; payee: string }>(
      'GET',
      '/local/swish?amount=24950',
    );
    expect(qr.status).toBe(200);
    expect(qr.body.payee).toBe('1231234567');
    expect(qr.body.text).toMatch(/^C1231234567;249\.50;Kassa S\w+;0$/);
    expect(qr.body.svg.startsWith('<svg')).toBe(true);
    const bad = await rig.call('GET', '/local/swish?amount=0');
    expect(bad.status).toBe(400);
  });

  it('blocks payment while the control unit is down, allows parking, and journals the fault', async () => {
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'BOK' });
    await rig.simulator.stop();
    try {
      const blocked = await rig.call('POST', '/local/sale/pay', {
        tenders: [{ method: 'card', amount: 24900 }],
      });
      expect(blocked.status).toBe(503);
      expect(blocked.body).toMatchObject({ error: { code: 'control-unit-unreachable' } });
      expect(JSON.stringify(blocked.body)).toContain('Skatteverket');
      const status = (await rig.call<{ controlUnit: { state: string } }>('GET', '/local/status'))
        .body;
      expect(status.controlUnit.state).toBe('down');
      expect((await rig.call<SaleView>('GET', '/local/sale')).body.lines).toHaveLength(1);
      const parked = await rig.call<SaleView>('POST', '/local/sale/park', {});
      expect(parked.status).toBe(200);
      const kinds = journal(rig).map((e) => e.kind);
      expect(kinds).toContain('control-unit-fault');
      expect(kinds.filter((k) => k === 'sale')).toHaveLength(1);
    } finally {
      await rig.simulator.start(rig.simulatorPort, '127.0.0.1');
    }
    const list = (await rig.call<{ parked: { parkingId: string }[] }>('GET', '/local/parked')).body
      .parked;
    await rig.call('POST', `/local/parked/${list[0]!.parkingId}/resume`);
    const paid = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [{ method: 'swish', amount: 24900 }],
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.drawerOpened).toBe(false);
    expect(journal(rig).map((e) => e.kind)).toContain('control-unit-restored');
  });
});

describe('the local API is documented', () => {
  it('lists every selling route in /local/openapi.json', async () => {
    const { status, body } = await rig.call<{ openapi: string; paths: Record<string, object> }>(
      'GET',
      '/local/openapi.json',
    );
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.0.3');
    for (const route of [
      '/local/status',
      '/local/sign-in',
      '/local/catalogue',
      '/local/sale',
      '/local/sale/lines',
      '/local/sale/lines/{lineId}',
      '/local/sale/pay',
      '/local/sale/park',
      '/local/parked/{parkingId}/resume',
      '/local/receipts/{number}/copy',
      '/local/returns',
      '/local/drawer/open',
      '/local/reports/x',
      '/local/reports/z',
      '/local/settings',
    ]) {
      expect(Object.keys(body.paths)).toContain(route);
    }
  });
});

describe('the day closes', () => {
  it('opens the drawer with a reason, records the float and cash moves, and makes X and Z that match a replay', async () => {
    await rig.signIn('maja', '8080');
    expect((await rig.call('POST', '/local/cash/float', { amount: 100000 })).status).toBe(204);
    expect(
      (await rig.call('POST', '/local/cash/out', { amount: 20000, reason: 'Bank' })).status,
    ).toBe(204);
    const drawer = await rig.call('POST', '/local/drawer/open', { reason: 'Växla' });
    expect(drawer.body).toMatchObject({ drawerOpened: true });
    // Training mode: its receipt never counts as a sale.
    expect((await rig.call('PUT', '/local/training', { training: true })).status).toBe(200);
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
    const training = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [{ method: 'cash' }],
    });
    expect(training.body.receipt.kind).toBe('training');
    await rig.call('PUT', '/local/training', { training: false });

    const x = await rig.call<{ report: Record<string, unknown> }>('POST', '/local/reports/x');
    expect(x.status).toBe(200);
    const entries = journal(rig);
    expect(verifyJournal(entries, sha256).ok).toBe(true);
    // An independent replay of the journal: sale receipts minus return receipts, by method.
    const day = businessDayOf(rig.clock.epochMs, 'Europe/Stockholm');
    const receipts = entries
      .filter((e) => e.kind === 'sale' || e.kind === 'return')
      .map((e) => (e.data as { receipt: Receipt }).receipt)
      .filter((r) => r.businessDay === day);
    const sales = receipts.filter((r) => r.kind === 'sale');
    const returns = receipts.filter((r) => r.kind === 'return');
    const salesTotal = sales.reduce((a, r) => a + r.total, 0);
    const returnsTotal = -returns.reduce((a, r) => a + r.total, 0);
    expect(x.body.report).toMatchObject({
      type: 'X',
      salesTotal,
      receiptCount: sales.length,
      returns: { count: returns.length, amount: returnsTotal },
      drawerOpenings: 1,
      cashFloat: 100000,
      cashOut: 20000,
      training: { count: 1, amount: 3500 },
      netTotal: salesTotal - returnsTotal,
    });

    const z = await rig.call<{ report: Record<string, unknown> }>('POST', '/local/reports/z', {
      countedCash: 90000,
    });
    expect(z.status, JSON.stringify(z.body)).toBe(200);
    expect(z.body.report).toMatchObject({
      type: 'Z',
      zNumber: 1,
      salesTotal,
      grandTotals: { sales: salesTotal, returns: returnsTotal, net: salesTotal - returnsTotal },
      countedCash: 90000,
    });
    const pdf = await rig.call('GET', '/local/reports/z/1/pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps the journal append-only: SQLite refuses to change or delete an entry', () => {
    const db = new Database(path.join(rig.pc.home, 'journal.sqlite'));
    try {
      expect(() => db.prepare("UPDATE journal SET data = '{}' WHERE seq = 1").run()).toThrow(
        /immutable/,
      );
      expect(() => db.prepare('DELETE FROM journal WHERE seq = 1').run()).toThrow(/immutable/);
    } finally {
      db.close();
    }
  });
});

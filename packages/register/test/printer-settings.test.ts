/**
 * Where the receipt printer is, as a manager writes it under Inställningar: a network printer as
 * `host:port` or `tcp://host` (raw TCP, port 9100), a Windows printer share or port (only on
 * Windows), a device or file path. A refused address is a 400 with a stable code and a Swedish
 * text saying what to write; the setting is left as it was. A receipt goes to the printer the
 * setting names, here a real TCP server on 127.0.0.1 standing in for the printer.
 */
import { once } from 'node:events';
import { type AddressInfo, type Server, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptResult, RegisterSettings } from '@kassa/contracts';
import { decodeEscPos, escPosText } from '@kassa/test-kit';
import { readJournal, startSellingRig, type SellingRig } from './support/selling.js';

let rig: SellingRig;
let printer: Server;
let printerPort: number;
const jobs: Buffer[] = [];

beforeAll(async () => {
  printer = createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => jobs.push(Buffer.concat(chunks)));
  });
  printer.listen(0, '127.0.0.1');
  await once(printer, 'listening');
  printerPort = (printer.address() as AddressInfo).port;
  rig = await startSellingRig();
  await rig.signIn('maja', '8080');
}, 60_000);

afterAll(async () => {
  await rig?.close();
  printer?.close();
});

async function settings(): Promise<RegisterSettings> {
  return (await rig.call<RegisterSettings>('GET', '/local/settings')).body;
}

describe('the printer setting', () => {
  it('refuses an address it cannot use, says what to write, and keeps the setting', async () => {
    const before = (await settings()).printer;
    const refused = await rig.call<{ error: { code: string; sv: string; en: string } }>(
      'PUT',
      '/local/settings',
      { printer: 'kvittoskrivaren i köket' },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('printer-invalid-address');
    expect(refused.body.error.sv).toContain('192.168.1.50:9100');
    expect((await settings()).printer).toBe(before);
  });

  it('refuses a Windows printer share or port when the register does not run on Windows', async () => {
    for (const address of ['\\\\KASSA-PC\\Kvittoskrivare', 'LPT1', 'COM3']) {
      const refused = await rig.call<{ error: { code: string; sv: string } }>(
        'PUT',
        '/local/settings',
        { printer: address },
      );
      expect(refused.status, address).toBe(400);
      expect(refused.body.error.code).toBe('printer-windows-only');
      expect(refused.body.error.sv).toContain('bara när kassan körs i Windows');
    }
  });

  it('prints the receipt on a network printer given as host:port, and says when it is off', async () => {
    const saved = await rig.call('PUT', '/local/settings', {
      printer: `127.0.0.1:${printerPort}`,
    });
    expect(saved.status).toBe(200);
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
    const paid = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [{ method: 'card', amount: 3500 }],
    });
    expect(paid.status).toBe(200);
    expect(paid.body.print).toEqual({ status: 'printed' });
    await expect.poll(() => jobs.length).toBe(1);
    const text = escPosText(decodeEscPos(jobs[0]!));
    expect(text).toContain('Bryggkaffe');
    expect(text).toMatch(new RegExp(`Kvitto nr +${paid.body.receipt.receiptNumber}\\b`));

    // The printer switched off: the sale stands, the cashier is told why nothing came out.
    printer.close();
    await once(printer, 'close');
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
    const unprinted = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [{ method: 'card', amount: 3500 }],
    });
    expect(unprinted.status).toBe(200);
    expect(unprinted.body.receipt.receiptNumber).toBe(paid.body.receipt.receiptNumber + 1);
    expect(unprinted.body.print).toMatchObject({ status: 'failed', code: 'printer-unreachable' });
    expect(unprinted.body.print.sv).toMatch(/^Kan inte ansluta till skrivaren 127\.0\.0\.1:/);
  });

  it('prints a receipt the printer missed as the original once, then only the one copy', async () => {
    // The last sale above was not printed (printer off). The printer is back.
    const receipts = await rig.call<{
      receipts: { receiptNumber: number; unprinted: boolean; copied: boolean }[];
    }>('GET', '/local/receipts');
    const [missed, printedBefore] = receipts.body.receipts;
    expect(missed).toMatchObject({ unprinted: true, copied: false });
    expect(printedBefore).toMatchObject({ unprinted: false });
    printer.listen(printerPort, '127.0.0.1');
    await once(printer, 'listening');
    jobs.length = 0;

    const original = await rig.call<ReceiptResult>(
      'POST',
      `/local/receipts/${missed!.receiptNumber}/print`,
    );
    expect(original.status, JSON.stringify(original.body)).toBe(200);
    expect(original.body.print).toEqual({ status: 'printed' });
    await expect.poll(() => jobs.length).toBe(1);
    const text = escPosText(decodeEscPos(jobs[0]!));
    expect(text).toMatch(new RegExp(`Kvitto nr +${missed!.receiptNumber}\\b`));
    expect(text).not.toContain('KOPIA');

    // Never a second original: the copy is what is left.
    const again = await rig.call<{ error: { code: string; sv: string } }>(
      'POST',
      `/local/receipts/${missed!.receiptNumber}/print`,
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('receipt-already-printed');
    expect(again.body.error.sv).toContain('KOPIA');
    const copy = await rig.call<ReceiptResult>(
      'POST',
      `/local/receipts/${missed!.receiptNumber}/copy`,
    );
    expect(copy.status).toBe(200);
    await expect.poll(() => jobs.length).toBe(2);
    expect(escPosText(decodeEscPos(jobs[1]!))).toContain('KOPIA');

    // The journal says what came out of the printer, and when.
    const printouts = readJournal(rig)
      .filter((e) => e.kind === 'receipt-printout')
      .map(
        (e) =>
          e.data as {
            receiptNumber: number;
            receiptKind: string;
            outcome: string;
            later: boolean;
            code?: string;
          },
      );
    expect(
      printouts.filter(
        (p) => p.receiptNumber === missed!.receiptNumber && p.receiptKind === 'sale',
      ),
    ).toEqual([
      {
        receiptKind: 'sale',
        receiptNumber: missed!.receiptNumber,
        outcome: 'failed',
        code: 'printer-unreachable',
        later: false,
      },
      {
        receiptKind: 'sale',
        receiptNumber: missed!.receiptNumber,
        outcome: 'printed',
        later: true,
      },
    ]);
  });
});

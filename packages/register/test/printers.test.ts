/**
 * Printer outputs: receipt bytes rendered by @kassa/documents are sent to a
 * fake network printer (a real TCP server on 127.0.0.1) and to a device path (a file), and the
 * failures come back as PrinterErrors in Swedish. The rendering itself is tested in
 * packages/documents/test/receipt-output.test.ts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Receipt,
  type Result,
  addLine,
  buildSaleReceipt,
  createSale,
  ore,
  priceSale,
  withControlCode,
} from '@kassa/core';
import { renderEscPos } from '@kassa/documents';
import { decodeEscPos, escPosText } from '@kassa/test-kit';
import {
  DRAWER_KICK,
  PrinterError,
  printToDevice,
  printToNetworkPrinter,
} from '../src/printer/printers.js';

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}`);
  return result.value;
}

function receipt(options: { training?: boolean } = {}): Receipt {
  const sale = value(
    priceSale(
      value(
        addLine(createSale('2026-04-11', 'take-away'), {
          lineId: 'l1',
          articleNumber: '1001',
          text: 'Räksmörgås',
          itemType: 'good',
          vatCategory: 'food',
          pricing: { unit: 'piece', unitPrice: ore(8950), quantity: 1 },
        }),
      ),
    ),
  );
  const built = value(
    buildSaleReceipt(
      {
        header: {
          companyName: 'Kafé Åkerö AB',
          organisationNumber: '556677-8899',
          placeOfSaleAddress: 'Östra Långgatan 4, 413 03 Göteborg',
          registerId: 'K1',
          delivery: 'paper',
        },
        receiptNumber: 41,
        issuedAt: '2026-04-11T12:32:00Z',
      },
      sale,
      [{ method: 'cash', tendered: ore(10000) }],
      options,
    ),
  );
  return withControlCode(built, {
    serialNumber: 'CCSE0000000000001',
    controlCode: 'ABCDEF1234567890ABCDEF1234567890ABCDEF12345678901234567890X',
  });
}

describe('printer outputs', () => {
  let printer: Server;
  let port: number;
  let jobs: Promise<Buffer>[] = [];
  let tmp: string;

  beforeAll(async () => {
    printer = createServer((socket: Socket) => {
      const chunks: Buffer[] = [];
      jobs.push(
        new Promise<Buffer>((resolve) => {
          socket.on('data', (chunk: Buffer) => chunks.push(chunk));
          socket.on('end', () => resolve(Buffer.concat(chunks)));
        }),
      );
    });
    await new Promise<void>((resolve) => printer.listen(0, '127.0.0.1', resolve));
    port = (printer.address() as AddressInfo).port;
    tmp = await mkdtemp(path.join(tmpdir(), 'kassa-printer-'));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => printer.close(() => resolve()));
    await rm(tmp, { recursive: true, force: true });
  });

  it('sends the receipt bytes to a network printer over TCP', async () => {
    jobs = [];
    const bytes = renderEscPos(receipt());
    await printToNetworkPrinter(bytes, { host: '127.0.0.1', port, timeoutMs: 5000 });
    const [job] = jobs;
    expect(job).toBeDefined();
    const got = await job!;
    expect(new Uint8Array(got)).toEqual(bytes);
    const text = escPosText(decodeEscPos(got));
    expect(text).toContain('Kafé Åkerö AB');
    expect(text).toContain('Räksmörgås');
  });

  it('says in Swedish when the printer cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await printToNetworkPrinter(new Uint8Array([1]), {
      host: '127.0.0.1',
      port: freePort,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PrinterError);
    expect(error).toMatchObject({ code: 'printer-unreachable', reason: 'ECONNREFUSED' });
    expect((error as PrinterError).message).toMatch(
      /^Kan inte ansluta till skrivaren 127\.0\.0\.1:/,
    );
  });

  it('gives up after the timeout when the printer does not take the bytes', async () => {
    // A printer that accepts the connection but never reads: 64 MB cannot all be sent.
    const stuck = createServer({ pauseOnConnect: true }, () => undefined);
    await new Promise<void>((resolve) => stuck.listen(0, '127.0.0.1', resolve));
    const stuckPort = (stuck.address() as AddressInfo).port;
    const error = await printToNetworkPrinter(new Uint8Array(64 * 1024 * 1024), {
      host: '127.0.0.1',
      port: stuckPort,
      timeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'printer-timeout' });
    expect((error as PrinterError).message).toContain('svarade inte inom 0.3 s');
    stuck.close();
  });

  it('writes the receipt bytes to a device or file path, appending (a file is a printout log)', async () => {
    const file = path.join(tmp, 'lp0');
    const earlier = new TextEncoder().encode('tidigare utskrift');
    await writeFile(file, earlier);
    const bytes = renderEscPos(receipt({ training: true }));
    await printToDevice(bytes, file);
    await printToDevice(bytes, file);
    const written = new Uint8Array(await readFile(file));
    expect(written.length).toBe(earlier.length + 2 * bytes.length);
    expect(written.subarray(0, earlier.length)).toEqual(earlier);
    expect(written.subarray(earlier.length, earlier.length + bytes.length)).toEqual(bytes);
    expect(written.subarray(earlier.length + bytes.length)).toEqual(bytes);
    expect(escPosText(decodeEscPos(written.subarray(earlier.length)))).toContain('ÖVNINGSKVITTO');
  });

  it('says in Swedish when the device path does not exist', async () => {
    const error = await printToDevice(new Uint8Array([1]), path.join(tmp, 'saknas', 'lp0')).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'printer-path-not-found' });
    expect((error as PrinterError).message).toMatch(/^Skrivaren .* finns inte\./);
  });

  it('kicks the drawer with ESC p 0 25 250 (pin 2)', async () => {
    const file = path.join(tmp, 'drawer');
    await printToDevice(DRAWER_KICK, file);
    expect([...(await readFile(file))]).toEqual([0x1b, 0x70, 0x00, 0x19, 0xfa]);
  });
});

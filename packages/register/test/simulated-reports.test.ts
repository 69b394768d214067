/**
 * X and Z of a day sold with the control-unit simulator (the default unit): the report counts
 * the receipts the simulator signed and says, on paper, in HTML and in the PDF, that they are not
 * valid for accounting. The register with its simulator over a real socket, a real printer file
 * and the real server.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptResult } from '@kassa/contracts';
import type { XReport, ZReport } from '@kassa/core';
import { SIMULATED_NOTICE_TEXT } from '@kassa/documents';
import { startSellingRig, type SellingRig } from './support/selling.js';

let rig: SellingRig;

beforeAll(async () => {
  rig = await startSellingRig();
  await rig.signIn('maja', '8080');
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

const pdfText = async (bytes: Buffer): Promise<string> => {
  const file = path.join(os.tmpdir(), `kassa-simulated-${process.pid}.pdf`);
  await writeFile(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('X and Z of a day signed by the simulated control unit', () => {
  it('count the simulated receipts and say they are not valid for accounting, on paper, HTML and PDF', async () => {
    expect(rig.app.kassa.status()).toBeDefined();
    await rig.call('POST', '/local/sale/lines', { articleNumber: 'KAFFE' });
    const paid = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [{ method: 'card', amount: 3500 }],
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.controlUnitSerial?.startsWith('SIM-')).toBe(true);

    const x = await rig.call<{ report: XReport; html: string }>('POST', '/local/reports/x');
    expect(x.status, JSON.stringify(x.body)).toBe(200);
    expect(x.body.report.simulatedReceipts).toBe(1);
    expect(x.body.html).toContain('SIMULERAD KONTROLLENHET');
    expect(x.body.html).toContain('Inte giltiga för redovisning');
    expect(x.body.html).toContain('Antal kvitton från simulerad kontrollenhet');
    const pdf = await rig.call('GET', '/local/reports/x/pdf');
    expect(pdf.status).toBe(200);
    // The PDF sets the notice large, so it wraps: compare with the spaces folded.
    const text = (await pdfText(pdf.raw)).replace(/\s+/g, ' ');
    expect(text).toContain('INNEHÅLLER KVITTON SIGNERADE AV EN SIMULERAD KONTROLLENHET');
    expect(text).toContain('Inte giltiga för redovisning');

    const z = await rig.call<{ report: ZReport; html: string }>('POST', '/local/reports/z', {
      countedCash: 0,
    });
    expect(z.status, JSON.stringify(z.body)).toBe(200);
    expect(z.body.report.simulatedReceipts).toBe(1);
    expect(z.body.html).toContain('SIMULERAD KONTROLLENHET');
    // The paper copy (ESC/POS bytes in the printer file) carries it too.
    const paper = (await readFile(rig.printerFile)).toString('latin1');
    // The part after the Z's heading (the sale receipt printed before says it was simulated too).
    const zPaper = paper.slice(paper.lastIndexOf('Z-DAGRAPPORT'));
    expect(zPaper).toContain('SIMULERAD');
    expect(zPaper).toContain('KONTROLLENHET');
    expect(zPaper).toContain('Inte giltiga f');
    expect(SIMULATED_NOTICE_TEXT).toContain('simulerad kontrollenhet');
  });
});

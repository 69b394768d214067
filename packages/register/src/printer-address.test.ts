import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrinterError, parsePrinterAddress, printToDevice } from './printers.js';

describe('parsePrinterAddress', () => {
  it('reads network printers', () => {
    expect(parsePrinterAddress('tcp://192.168.1.60:9100')).toEqual({
      ok: true,
      value: { kind: 'tcp', host: '192.168.1.60', port: 9100 },
    });
    expect(parsePrinterAddress('tcp://skrivare.local')).toEqual({
      ok: true,
      value: { kind: 'tcp', host: 'skrivare.local', port: 9100 },
    });
    expect(parsePrinterAddress('skrivare:9101')).toEqual({
      ok: true,
      value: { kind: 'tcp', host: 'skrivare', port: 9101 },
    });
  });

  it('reads Windows shares, with spaces and åäö', () => {
    expect(parsePrinterAddress('\\\\DATORN\\Kvittoskrivare')).toEqual({
      ok: true,
      value: { kind: 'share', path: '\\\\DATORN\\Kvittoskrivare' },
    });
    expect(parsePrinterAddress(' \\\\KASSA-PC\\Kvitto skrivare Åsa\\ ')).toEqual({
      ok: true,
      value: { kind: 'share', path: '\\\\KASSA-PC\\Kvitto skrivare Åsa' },
    });
    for (const bad of ['\\\\DATORN', '\\\\DATORN\\', '\\\\DATORN\\a\\b', '\\\\DAT ORN\\x']) {
      expect(parsePrinterAddress(bad)).toMatchObject({ ok: false, reason: 'bad-share' });
    }
  });

  it('reads LPT and COM ports as device paths', () => {
    expect(parsePrinterAddress('lpt1')).toEqual({
      ok: true,
      value: { kind: 'port', path: '\\\\.\\LPT1' },
    });
    expect(parsePrinterAddress('\\\\.\\COM12')).toEqual({
      ok: true,
      value: { kind: 'port', path: '\\\\.\\COM12' },
    });
    expect(parsePrinterAddress('COM257')).toMatchObject({ ok: false, reason: 'bad-port' });
    expect(parsePrinterAddress('/dev/usb/lp0')).toEqual({
      ok: true,
      value: { kind: 'device', path: '/dev/usb/lp0' },
    });
    expect(parsePrinterAddress('C:\\ProgramData\\Kassa\\utskrift.bin')).toEqual({
      ok: true,
      value: { kind: 'device', path: 'C:\\ProgramData\\Kassa\\utskrift.bin' },
    });
    expect(parsePrinterAddress('C:utskrift.bin')).toMatchObject({ ok: false });
    expect(parsePrinterAddress('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parsePrinterAddress('skrivaren')).toMatchObject({ ok: false, reason: 'unrecognised' });
  });
});

describe('printToDevice on paths', () => {
  it('refuses a share or port outside Windows with a clear message', async () => {
    for (const target of ['\\\\DATORN\\Kvittoskrivare', '\\\\.\\LPT1']) {
      const error = await printToDevice(Uint8Array.of(1), target, 'linux').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PrinterError);
      expect(error).toMatchObject({ code: 'printer-share-unsupported' });
      expect((error as PrinterError).message).toContain('Windows');
    }
  });

  it('writes to a file in a folder with spaces and åäö', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'Åsa Öberg kvitton '));
    try {
      const file = path.join(dir, 'utskrift ä.bin');
      await printToDevice(Uint8Array.of(0x1b, 0x40), file);
      await printToDevice(Uint8Array.of(0x0a), file);
      expect([...(await readFile(file))]).toEqual([0x1b, 0x40, 0x0a]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

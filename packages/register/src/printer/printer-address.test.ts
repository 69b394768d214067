import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrinterError, parsePrinterAddress, printToDevice } from './printers.js';

describe('parsePrinterAddress', () => {
  it('reads network printers', () => {
    for (const [text, host, port] of [
      ['tcp://192.168.1.60:9100', '192.168.1.60', 9100],
      ['tcp://skrivare.local', 'skrivare.local', 9100],
      ['skrivare:9101', 'skrivare', 9101],
    ] as const) {
      expect(parsePrinterAddress(text)).toEqual({ ok: true, value: { kind: 'tcp', host, port } });
    }
  });

  it('reads Windows shares, with spaces and åäö', () => {
    for (const [text, path] of [
      ['\\\\DATORN\\Kvittoskrivare', '\\\\DATORN\\Kvittoskrivare'],
      [' \\\\KASSA-PC\\Kvitto skrivare Åsa\\ ', '\\\\KASSA-PC\\Kvitto skrivare Åsa'],
    ] as const) {
      expect(parsePrinterAddress(text)).toEqual({ ok: true, value: { kind: 'share', path } });
    }
    for (const bad of ['\\\\DATORN', '\\\\DATORN\\', '\\\\DATORN\\a\\b', '\\\\DAT ORN\\x']) {
      expect(parsePrinterAddress(bad)).toMatchObject({ ok: false, reason: 'bad-share' });
    }
  });

  it('reads LPT and COM ports as device paths', () => {
    for (const [text, kind, path] of [
      ['lpt1', 'port', '\\\\.\\LPT1'],
      ['\\\\.\\COM12', 'port', '\\\\.\\COM12'],
      ['/dev/usb/lp0', 'device', '/dev/usb/lp0'],
      ['C:\\ProgramData\\Kassa\\utskrift.bin', 'device', 'C:\\ProgramData\\Kassa\\utskrift.bin'],
    ] as const) {
      expect(parsePrinterAddress(text)).toEqual({ ok: true, value: { kind, path } });
    }
    expect(parsePrinterAddress('COM257')).toMatchObject({ ok: false, reason: 'bad-port' });
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

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeClock } from './clock-check.js';
import { formatDoctor } from './doctor-line.js';
import { checkLocalPort, checkPrinter, localPort } from './machine-checks.js';

describe('checkPrinter', () => {
  it('reaches a network printer without printing, and names one that is off', async () => {
    let connections = 0;
    const printer = createServer((socket) => {
      connections += 1;
      socket.on('data', () => {
        throw new Error('the doctor must not send anything to the printer');
      });
    });
    await new Promise<void>((resolve) => printer.listen(0, '127.0.0.1', resolve));
    const { port } = printer.address() as AddressInfo;
    const up = await checkPrinter(`127.0.0.1:${port}`, 'linux');
    expect(up).toEqual({ check: 'Kvittoskrivare', ok: true, text: `127.0.0.1:${port} svarar` });
    expect(connections).toBe(1);
    await new Promise<void>((resolve) => printer.close(() => resolve()));
    const down = await checkPrinter(`tcp://127.0.0.1:${port}`, 'linux');
    expect(down).toMatchObject({ ok: false, code: 'printer-unreachable' });
    expect(down.text).toBe(`127.0.0.1:${port} svarar inte (ECONNREFUSED)`);
    expect(down.fix).toContain('IP-adressen');
  });

  it('judges shares and ports by the system, paths by whether they exist', async () => {
    expect(await checkPrinter('none')).toMatchObject({ ok: true });
    expect(await checkPrinter('\\\\KASSA-PC\\Kvitto', 'linux')).toMatchObject({
      ok: false,
      code: 'printer-windows-only',
    });
    expect(await checkPrinter('COM3', 'win32')).toMatchObject({
      ok: true,
      text: '\\\\.\\COM3 (kontrolleras när ett kvitto skrivs ut)',
    });
    expect(await checkPrinter('skrivaren', 'linux')).toMatchObject({
      ok: false,
      code: 'printer-invalid-address',
    });
    const dir = await mkdtemp(path.join(tmpdir(), 'kassa-doctor-'));
    try {
      const file = path.join(dir, 'Åsa skrivare.bin');
      expect(await checkPrinter(file, 'linux')).toMatchObject({
        ok: false,
        code: 'printer-path-not-found',
      });
      await writeFile(file, '');
      expect(await checkPrinter(file, 'linux')).toEqual({
        check: 'Kvittoskrivare',
        ok: true,
        text: `${file} finns`,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('judgeClock', () => {
  it('accepts small differences', () => {
    expect(judgeClock(2_400)).toEqual({
      check: 'Klocka',
      ok: true,
      text: 'datorns klocka går 2 s efter serverns',
    });
    expect(judgeClock(-900).text).toBe('datorns klocka går 1 s före serverns');
  });

  it('warns above a minute but still works', () => {
    const line = judgeClock(-90_000);
    expect(line.ok).toBe(true);
    expect(line.text).toContain('90 s före serverns');
    expect(line.text).toContain('ställ gärna klockan');
  });

  it('fails at five minutes, the protocol window, with a fix', () => {
    const line = judgeClock(5 * 60_000);
    expect(line.ok).toBe(false);
    expect(line.text).toBe('datorns klocka går 300 s efter serverns (högst 5 minuter tillåts)');
    expect(line.fix).toContain('Ställ in tiden automatiskt');
  });
});

describe('formatDoctor', () => {
  it('prints OK, FEL with its fix, and skipped lines, then a summary', () => {
    expect(
      formatDoctor([
        { check: 'Datamapp', ok: true, text: '/x är skrivbar' },
        { check: 'Anslutning', ok: false, text: 'Inte ansluten', fix: 'kassa connect' },
        { check: 'Klocka', ok: null, text: 'inte kontrollerat' },
      ]),
    ).toEqual([
      'OK  Datamapp: /x är skrivbar',
      'FEL Anslutning: Inte ansluten',
      '    Åtgärd: kassa connect',
      ' –  Klocka: inte kontrollerat',
      '',
      '1 problem hittades – se Åtgärd ovan.',
    ]);
    expect(formatDoctor([{ check: 'A', ok: true, text: 'ok' }]).at(-1)).toBe('Allt ser bra ut.');
  });
});

describe('checkLocalPort', () => {
  it('says the port is free, and that the firewall needs no rule', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const line = await checkLocalPort(port);
    expect(line).toMatchObject({ ok: true, code: 'local-port-free' });
    expect(line.text).toContain('brandväggen');
  });

  it('names another program on the port, with the fix', async () => {
    const other = createServer();
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (other.address() as AddressInfo).port;
      const line = await checkLocalPort(port);
      expect(line).toMatchObject({ ok: false, code: 'local-port-in-use' });
      expect(line.text).toContain(`ett annat program använder port ${port}`);
      expect(line.en).toContain('another program');
      expect(line.fix).toContain('--port');
      expect(localPort({ KASSA_PORT: String(port) })).toBe(port);
      expect(localPort({})).toBe(8181);
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
    }
  });
});

import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkLocalPort, formatDoctor, judgeClock, localPort } from './doctor.js';

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

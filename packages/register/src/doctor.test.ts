import { describe, expect, it } from 'vitest';
import { formatDoctor, judgeClock } from './doctor.js';

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

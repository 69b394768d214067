import { describe, expect, it } from 'vitest';
import { stockholmHour } from './stockholm-hour.js';

const oracle = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: 'numeric',
  hourCycle: 'h23',
});

describe('stockholmHour', () => {
  it('is the hour in Stockholm on both sides of the DST changes', () => {
    expect(stockholmHour(new Date('2026-03-29T00:59:59Z'))).toBe(1); // CET
    expect(stockholmHour(new Date('2026-03-29T01:00:00Z'))).toBe(3); // CEST from 02:00
    expect(stockholmHour(new Date('2026-10-25T00:30:00Z'))).toBe(2); // CEST
    expect(stockholmHour(new Date('2026-10-25T01:30:00Z'))).toBe(2); // CET again: 02 twice
    expect(stockholmHour(new Date('2026-12-31T23:15:00Z'))).toBe(0);
  });

  it('agrees with Intl at an instant in every hour of two years, remembered or not', () => {
    const start = Date.parse('2025-01-01T00:00:00Z');
    for (let pass = 0; pass < 2; pass += 1) {
      for (let h = 0; h < 2 * 366 * 24; h += 1) {
        const at = new Date(start + h * 3_600_000 + ((h * 7) % 60) * 60_000);
        expect(stockholmHour(at)).toBe(Number(oracle.format(at)));
      }
    }
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, businessDayBounds, businessDayOf, isValidBusinessDay } from './business-day.js';

const STOCKHOLM = 'Europe/Stockholm';
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

describe('isValidBusinessDay', () => {
  it.each(['2026-04-01', '2024-02-29', '2000-02-29', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (text) => {
      expect(isValidBusinessDay(text)).toBe(true);
    },
  );

  it.each([
    '2026-4-1',
    '2026-04-1',
    '20260401',
    '2026/04/01',
    ' 2026-04-01',
    '2026-04-01T00:00',
    '2026-13-01',
    '2026-00-10',
    '2026-04-00',
    '2026-04-31',
    '2025-02-29',
    '1900-02-29',
    '0000-01-01',
    '',
  ])('rejects %j', (text) => {
    expect(isValidBusinessDay(text)).toBe(false);
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2100-03-01', -1)).toBe('2100-02-28');
    expect(addDays('2026-01-15', 0)).toBe('2026-01-15');
    expect(addDays('2026-01-15', 365)).toBe('2027-01-15');
  });

  it('agrees with UTC calendar arithmetic', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: -5000, max: 5000 }),
        (start, delta) => {
          const day = new Date(start * 86_400_000).toISOString().slice(0, 10);
          const expected = new Date((start + delta) * 86_400_000).toISOString().slice(0, 10);
          expect(addDays(day, delta)).toBe(expected);
        },
      ),
    );
  });

  it('throws on an invalid date or a fractional count', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-01', 0.5)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('businessDayOf', () => {
  it('uses the local date in Stockholm, not the UTC date', () => {
    expect(businessDayOf(at('2026-01-14T22:59:59.999Z'), STOCKHOLM)).toBe('2026-01-14');
    expect(businessDayOf(at('2026-01-14T23:00:00.000Z'), STOCKHOLM)).toBe('2026-01-15'); // CET
    expect(businessDayOf(at('2026-07-14T21:59:59.999Z'), STOCKHOLM)).toBe('2026-07-14');
    expect(businessDayOf(at('2026-07-14T22:00:00.000Z'), STOCKHOLM)).toBe('2026-07-15'); // CEST
  });

  it('depends on the zone it is given', () => {
    const instant = at('2026-01-15T03:00:00Z');
    expect(businessDayOf(instant, 'UTC')).toBe('2026-01-15');
    expect(businessDayOf(instant, 'America/New_York')).toBe('2026-01-14');
    expect(businessDayOf(instant, 'Pacific/Kiritimati')).toBe('2026-01-15');
  });

  it('throws on an unknown zone or an unusable instant', () => {
    expect(() => businessDayOf(0, 'Europe/Atlantis')).toThrow(RangeError);
    expect(() => businessDayOf(Number.NaN, STOCKHOLM)).toThrow(RangeError);
    expect(() => businessDayOf(8.64e15, STOCKHOLM)).toThrow(RangeError);
  });
});

describe('businessDayBounds', () => {
  it('gives a normal Stockholm day 24 hours from local midnight', () => {
    expect(businessDayBounds('2026-01-15', STOCKHOLM)).toEqual({
      startMs: at('2026-01-14T23:00:00Z'),
      endMs: at('2026-01-15T23:00:00Z'),
    });
  });

  it('gives the spring-forward day 2026-03-29 23 hours', () => {
    const { startMs, endMs } = businessDayBounds('2026-03-29', STOCKHOLM);
    expect(startMs).toBe(at('2026-03-28T23:00:00Z')); // 00:00 CET
    expect(endMs).toBe(at('2026-03-29T22:00:00Z')); // 00:00 CEST
    expect(endMs - startMs).toBe(23 * HOUR);
  });

  it('gives the fall-back day 2026-10-25 25 hours', () => {
    const { startMs, endMs } = businessDayBounds('2026-10-25', STOCKHOLM);
    expect(startMs).toBe(at('2026-10-24T22:00:00Z')); // 00:00 CEST
    expect(endMs).toBe(at('2026-10-25T23:00:00Z')); // 00:00 CET
    expect(endMs - startMs).toBe(25 * HOUR);
  });

  it('starts a day at its first local instant where the zone skips midnight', () => {
    // Chile springs forward at 24:00: 2026-09-06 has no 00:00 and begins at 01:00 (UTC−3).
    const { startMs, endMs } = businessDayBounds('2026-09-06', 'America/Santiago');
    expect(startMs).toBe(at('2026-09-06T04:00:00Z'));
    expect(endMs - startMs).toBe(23 * HOUR);
  });

  it('gives an empty interval for a date a zone skipped entirely', () => {
    // Samoa moved across the date line: 2011-12-30 never happened in Pacific/Apia.
    const { startMs, endMs } = businessDayBounds('2011-12-30', 'Pacific/Apia');
    expect(endMs).toBe(startMs);
    expect(businessDayOf(startMs - 1, 'Pacific/Apia')).toBe('2011-12-29');
    expect(businessDayOf(startMs, 'Pacific/Apia')).toBe('2011-12-31');
  });

  it('throws on an invalid date', () => {
    expect(() => businessDayBounds('2026-02-30', STOCKHOLM)).toThrow(RangeError);
  });

  it('contains exactly the instants whose business day it is, in any zone', () => {
    const zones = [
      STOCKHOLM,
      'UTC',
      'America/New_York',
      'America/Santiago',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: at('1980-01-01T00:00:00Z'), max: at('2040-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const day = businessDayOf(instant, zone);
          const { startMs, endMs } = businessDayBounds(day, zone);
          expect(startMs).toBeLessThanOrEqual(instant);
          expect(instant).toBeLessThan(endMs);
          expect(businessDayOf(startMs, zone)).toBe(day);
          expect(businessDayOf(endMs - 1, zone)).toBe(day);
          expect(businessDayOf(startMs - 1, zone)).toBe(addDays(day, -1));
          expect(businessDayOf(endMs, zone)).toBe(addDays(day, 1));
        },
      ),
      { numRuns: 300 },
    );
  });
});

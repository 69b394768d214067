import { describe, expect, it } from 'vitest';
import { zonedTime } from './zoned-time.js';

describe('zonedTime', () => {
  it('gives the wall-clock fields in the zone, zero-padded, across the DST change', () => {
    // 2026-03-29 01:59:59Z is 02:59:59 CET; one second later Stockholm is at 04:00:00 CEST.
    expect(zonedTime(Date.parse('2026-03-29T00:59:59Z'), 'Europe/Stockholm')).toEqual({
      year: '2026',
      month: '03',
      day: '29',
      hour: '01',
      minute: '59',
      second: '59',
    });
    expect(zonedTime(Date.parse('2026-03-29T01:00:00Z'), 'Europe/Stockholm').hour).toBe('03');
    expect(zonedTime(Date.parse('2026-12-31T23:00:00Z'), 'Europe/Stockholm')).toMatchObject({
      year: '2027',
      month: '01',
      day: '01',
      hour: '00',
    });
  });

  it('pads early years to four digits and refuses NaN and unknown zones', () => {
    expect(zonedTime(Date.parse('0999-06-01T12:00:00Z'), 'UTC').year).toBe('0999');
    expect(() => zonedTime(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => zonedTime(0, 'Europe/Atlantis')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  addDays,
  businessDayOf,
  daysOf,
  isDay,
  periodLength,
  periodProblem,
  presetPeriod,
  weekdayIndex,
} from './period';

describe('businessDayOf', () => {
  it('is the calendar date in Stockholm, not in UTC or the browser’s zone', () => {
    // 23:30 UTC in winter is 00:30 the next day in Stockholm (CET, UTC+1).
    expect(businessDayOf(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
    expect(businessDayOf(new Date('2026-11-24T22:59:59Z'))).toBe('2026-11-24');
    // In summer (CEST, UTC+2) the day starts at 22:00 UTC.
    expect(businessDayOf(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(businessDayOf(new Date('2026-06-30T21:59:59Z'))).toBe('2026-06-30');
  });

  it('handles the short day when the clocks go forward', () => {
    // 2026-03-29 is 23 hours long in Stockholm: 00:00 CET is 23:00 UTC the day before,
    // the next midnight (CEST) is 22:00 UTC.
    expect(businessDayOf(new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(businessDayOf(new Date('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(businessDayOf(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
  });
});

describe('day arithmetic', () => {
  it('adds days across months, years and the DST change', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('numbers weekdays from Monday', () => {
    expect(weekdayIndex('2026-11-23')).toBe(0); // Monday
    expect(weekdayIndex('2026-11-29')).toBe(6); // Sunday
  });

  it('knows real dates', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-2-28')).toBe(false);
    expect(isDay('')).toBe(false);
  });
});

describe('presetPeriod', () => {
  const wednesday = '2026-11-25';

  it('today and yesterday', () => {
    expect(presetPeriod('today', wednesday)).toEqual({ from: wednesday, to: wednesday });
    expect(presetPeriod('yesterday', wednesday)).toEqual({ from: '2026-11-24', to: '2026-11-24' });
    expect(presetPeriod('yesterday', '2026-01-01')).toEqual({
      from: '2025-12-31',
      to: '2025-12-31',
    });
  });

  it('weeks start on Monday; this week ends today', () => {
    expect(presetPeriod('thisWeek', wednesday)).toEqual({ from: '2026-11-23', to: wednesday });
    expect(presetPeriod('thisWeek', '2026-11-23')).toEqual({
      from: '2026-11-23',
      to: '2026-11-23',
    });
    expect(presetPeriod('thisWeek', '2026-11-29')).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
    });
    expect(presetPeriod('lastWeek', wednesday)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetPeriod('lastWeek', '2026-11-29')).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
    });
    // A week across the new year.
    expect(presetPeriod('lastWeek', '2027-01-06')).toEqual({
      from: '2026-12-28',
      to: '2027-01-03',
    });
  });

  it('months: this month so far, and the whole of last month', () => {
    expect(presetPeriod('thisMonth', wednesday)).toEqual({ from: '2026-11-01', to: wednesday });
    expect(presetPeriod('lastMonth', wednesday)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('lastMonth', '2026-03-31')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    expect(presetPeriod('lastMonth', '2028-03-15')).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
    expect(presetPeriod('lastMonth', '2027-01-10')).toEqual({
      from: '2026-12-01',
      to: '2026-12-31',
    });
  });
});

describe('typed periods', () => {
  it('counts both ends', () => {
    expect(periodLength({ from: '2026-11-25', to: '2026-11-25' })).toBe(1);
    expect(periodLength({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(daysOf({ from: '2026-03-28', to: '2026-03-30' })).toEqual([
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
    ]);
  });

  it('says what is wrong with a period', () => {
    expect(periodProblem({ from: '2026-11-01', to: '2026-11-25' })).toBeNull();
    expect(periodProblem({ from: '2026-11-26', to: '2026-11-25' })).toBe('reversed');
    expect(periodProblem({ from: '', to: '2026-11-25' })).toBe('invalid-date');
    // 2024 is a leap year: 366 + 365 = 731 days is the longest period the server accepts.
    expect(periodProblem({ from: '2024-01-01', to: '2025-12-31' })).toBeNull();
    expect(periodProblem({ from: '2024-01-01', to: '2026-01-01' })).toBe('too-long');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@kassa/core';
import { periodRanges } from './report-period.js';

/** Every business day a range's summary rows stand for. */
function daysOf(range: { grain: 'day' | 'month'; from: string; to: string }): string[] {
  const days: string[] = [];
  if (range.grain === 'day') {
    for (let d = range.from; d <= range.to; d = addDays(d, 1)) days.push(d);
    return days;
  }
  for (let month = range.from; month <= range.to;) {
    expect(month.endsWith('-01')).toBe(true);
    let d = month;
    for (; d.slice(0, 7) === month.slice(0, 7); d = addDays(d, 1)) days.push(d);
    month = d;
  }
  return days;
}

describe('periodRanges', () => {
  it('reads whole months from month rows and the days around them from day rows', () => {
    expect(periodRanges('2025-01-01', '2025-12-31')).toEqual([
      { grain: 'month', from: '2025-01-01', to: '2025-12-01' },
    ]);
    expect(periodRanges('2025-12-01', '2025-12-31')).toEqual([
      { grain: 'month', from: '2025-12-01', to: '2025-12-01' },
    ]);
    expect(periodRanges('2025-11-20', '2026-02-10')).toEqual([
      { grain: 'day', from: '2025-11-20', to: '2025-11-30' },
      { grain: 'month', from: '2025-12-01', to: '2026-01-01' },
      { grain: 'day', from: '2026-02-01', to: '2026-02-10' },
    ]);
    expect(periodRanges('2025-12-02', '2025-12-31')).toEqual([
      { grain: 'day', from: '2025-12-02', to: '2025-12-31' },
    ]);
    expect(periodRanges('2024-02-01', '2024-02-29')).toEqual([
      { grain: 'month', from: '2024-02-01', to: '2024-02-01' },
    ]);
    expect(periodRanges('2026-03-05', '2026-03-05')).toEqual([
      { grain: 'day', from: '2026-03-05', to: '2026-03-05' },
    ]);
  });

  it('covers every day of any period exactly once', () => {
    const day = fc.integer({ min: 0, max: 3 * 366 }).map((n) => addDays('2024-01-01', n));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 731 }), (from, length) => {
        const to = addDays(from, length);
        const covered = periodRanges(from, to).flatMap(daysOf);
        const expected: string[] = [];
        for (let d = from; d <= to; d = addDays(d, 1)) expected.push(d);
        expect([...covered].sort()).toEqual(expected);
      }),
    );
  });
});

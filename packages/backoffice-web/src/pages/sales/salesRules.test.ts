import { describe, expect, it } from 'vitest';
import type { SalesReportRow, SalesTotals } from '@kassa/contracts';
import {
  averageReceipt,
  chartPoints,
  dayLabel,
  hasNoSales,
  nextSortOrder,
  openingHours,
  quantityText,
  sortRows,
} from './salesRules';

const totals = (change: Partial<SalesTotals>): SalesTotals => ({
  receipts: 0,
  returns: 0,
  gross: 0,
  vat: 0,
  net: 0,
  returnsGross: 0,
  discounts: 0,
  rounding: 0,
  ...change,
});

const row = (
  key: string,
  label: string,
  gross: number,
  change: Partial<SalesReportRow> = {},
): SalesReportRow => ({
  key,
  label,
  count: 1,
  returnCount: 0,
  gross,
  vat: null,
  net: null,
  ...change,
});

describe('key figures', () => {
  it('has no sales only without sale and return receipts', () => {
    expect(hasNoSales(totals({}))).toBe(true);
    expect(hasNoSales(totals({ returns: 1, gross: -3200 }))).toBe(false);
  });

  it('averages the sale receipts before returns, rounded to the öre', () => {
    // Two sales of 100,00 and 50,01 and a return of 20,00: gross is net of the return.
    expect(
      averageReceipt(totals({ receipts: 2, returns: 1, gross: 13001, returnsGross: 2000 })),
    ).toBe(7501); // 150,01 / 2 = 75,005 → 75,01
    expect(averageReceipt(totals({ returns: 1, gross: -2000, returnsGross: 2000 }))).toBeNull();
  });
});

describe('sortRows', () => {
  const rows = [
    row('3', 'Äppelkaka', 5000, { count: 2 }),
    row('1', 'Bulle 10', 9000, { count: 5, returnCount: 1 }),
    row('2', 'Bulle 9', 9000, { count: 1 }),
    row('4', 'Öl', -500, { count: 0, returnCount: 1 }),
  ];

  it('sorts names the Swedish way, numbers by value', () => {
    expect(sortRows(rows, { column: 'label', direction: 'asc' }).map((r) => r.label)).toEqual([
      'Bulle 9',
      'Bulle 10',
      'Äppelkaka',
      'Öl',
    ]);
  });

  it('sorts amounts; equal amounts keep the server’s order', () => {
    expect(sortRows(rows, { column: 'gross', direction: 'desc' }).map((r) => r.key)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(sortRows(rows, { column: 'gross', direction: 'asc' }).map((r) => r.key)).toEqual([
      '4',
      '3',
      '1',
      '2',
    ]);
  });

  it('counts sales net of returns', () => {
    expect(sortRows(rows, { column: 'count', direction: 'desc' }).map((r) => r.key)).toEqual([
      '1',
      '3',
      '2',
      '4',
    ]);
  });

  it('does not change the given array', () => {
    const before = rows.map((r) => r.key);
    sortRows(rows, { column: 'label', direction: 'desc' });
    expect(rows.map((r) => r.key)).toEqual(before);
  });

  it('toggles the direction of the same column; a new column starts in its natural order', () => {
    expect(nextSortOrder({ column: 'gross', direction: 'desc' }, 'gross')).toEqual({
      column: 'gross',
      direction: 'asc',
    });
    expect(nextSortOrder({ column: 'gross', direction: 'desc' }, 'label')).toEqual({
      column: 'label',
      direction: 'asc',
    });
    expect(nextSortOrder({ column: 'label', direction: 'asc' }, 'count')).toEqual({
      column: 'count',
      direction: 'desc',
    });
  });
});

describe('texts', () => {
  it('writes quantities in pieces or kilograms', () => {
    expect(quantityText(row('a', 'a', 0, { quantity: 12, unit: 'piece' }))).toBe('12 st');
    expect(quantityText(row('a', 'a', 0, { quantity: 12, unit: 'piece' }), 'en')).toBe('12 pcs');
    expect(quantityText(row('a', 'a', 0, { quantity: 1250, unit: 'gram' }))).toBe('1,250 kg');
    expect(quantityText(row('a', 'a', 0, { quantity: -75, unit: 'gram' }))).toBe('-0,075 kg');
  });

  it('names days with the weekday, in either language', () => {
    expect(dayLabel('2026-11-23', 'sv')).toBe('mån 23/11');
    expect(dayLabel('2026-11-29', 'en')).toBe('Sun 29/11');
  });
});

describe('chart data', () => {
  it('keeps öre for texts and kronor for the geometry', () => {
    expect(chartPoints([row('cash', 'Kontant', 123450)], (r) => r.label)).toEqual([
      { key: 'cash', label: 'Kontant', ore: 123450, kronor: 1234.5, count: 1 },
    ]);
  });

  it('shows the hours with sales, and at least 08–17', () => {
    const hours = Array.from({ length: 24 }, (_, h) =>
      row(String(h).padStart(2, '0'), `${h}:00`, 0, { count: 0 }),
    );
    expect(openingHours(hours).map((r) => r.key)).toEqual([
      '08',
      '09',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
    ]);
    hours[6] = row('06', '06:00', 3200);
    hours[21] = row('21', '21:00', 0, { count: 0, returnCount: 1 });
    const shown = openingHours(hours).map((r) => r.key);
    expect(shown[0]).toBe('06');
    expect(shown.at(-1)).toBe('21');
  });
});

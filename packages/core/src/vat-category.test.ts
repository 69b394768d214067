import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isValidBusinessDay } from './business-day.js';
import { isVatRate } from './vat.js';
import {
  VAT_CATEGORIES,
  VAT_CATEGORY_RATES,
  type VatCategory,
  categoryForConsumption,
  resolveVatRate,
} from './vat-category.js';

const TABLE_START = '2000-01-01';

describe('VAT_CATEGORY_RATES', () => {
  it('has valid dates, rates and sources in every row', () => {
    for (const row of VAT_CATEGORY_RATES) {
      expect(VAT_CATEGORIES).toContain(row.category);
      expect(isValidBusinessDay(row.from)).toBe(true);
      if (row.to !== undefined) {
        expect(isValidBusinessDay(row.to)).toBe(true);
        expect(row.from <= row.to).toBe(true);
      }
      expect(isVatRate(row.rate)).toBe(true);
      expect(row.source).not.toBe('');
    }
  });

  it.each(VAT_CATEGORIES)(
    'covers %s from 2000-01-01 onward with no gap or overlap, open-ended at the end',
    (category) => {
      const rows = VAT_CATEGORY_RATES.filter((row) => row.category === category).sort((a, b) =>
        a.from.localeCompare(b.from),
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows[0]?.from).toBe(TABLE_START);
      rows.forEach((row, i) => {
        const next = rows[i + 1];
        if (next === undefined) {
          expect(row.to).toBeUndefined();
        } else {
          expect(row.to).toBeDefined();
          expect(next.from).toBe(addDays(row.to ?? '', 1));
        }
      });
    },
  );
});

describe('resolveVatRate', () => {
  it.each<[VatCategory, string, number]>([
    ['standard', '2026-01-15', 2500],
    ['food', '2026-03-31', 1200],
    ['food', '2026-04-01', 600],
    ['food', '2027-12-31', 600],
    ['food', '2028-01-01', 1200],
    ['food', '2040-06-01', 1200],
    ['restaurant', '2011-12-31', 2500],
    ['restaurant', '2012-01-01', 1200],
    ['restaurant', '2026-04-01', 1200],
    ['reduced', '2026-04-01', 600],
    ['exempt', '2026-04-01', 0],
  ])('resolves %s on %s to %i', (category, day, rate) => {
    expect(resolveVatRate(category, day)).toBe(rate);
  });

  it('throws on a malformed date', () => {
    expect(() => resolveVatRate('food', '2026-4-1')).toThrow(RangeError);
    expect(() => resolveVatRate('food', '2026-02-30')).toThrow(RangeError);
  });

  it('throws on a date before the table starts, which is a table bug', () => {
    expect(() => resolveVatRate('standard', '1999-12-31')).toThrow(/table bug/);
  });

  it('resolves every category on every date from 2000 to 2100', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VAT_CATEGORIES),
        fc.integer({ min: 0, max: 36_524 }),
        (category, offset) => {
          expect(isVatRate(resolveVatRate(category, addDays(TABLE_START, offset)))).toBe(true);
        },
      ),
    );
  });
});

describe('categoryForConsumption', () => {
  it('turns food eaten in into a restaurant service', () => {
    expect(categoryForConsumption('food', 'eat-in')).toBe('restaurant');
    expect(categoryForConsumption('food', 'take-away')).toBe('food');
  });

  it.each(VAT_CATEGORIES.filter((c) => c !== 'food'))('leaves %s unchanged', (category) => {
    expect(categoryForConsumption(category, 'eat-in')).toBe(category);
    expect(categoryForConsumption(category, 'take-away')).toBe(category);
  });

  it('makes eat-in and take-away food differ during the 2026–2027 food cut', () => {
    const day = '2026-06-01';
    expect(resolveVatRate(categoryForConsumption('food', 'eat-in'), day)).toBe(1200);
    expect(resolveVatRate(categoryForConsumption('food', 'take-away'), day)).toBe(600);
  });
});

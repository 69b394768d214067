import { describe, expect, it } from 'vitest';
import { ApiError } from '@kassa/web-kit';
import type { Product } from '@kassa/contracts';
import {
  formatOre,
  formatPrice,
  importRowErrors,
  matchesSearch,
  parseBarcodes,
  parseKronor,
  upcomingPrice,
} from './productRules';

const product: Product = {
  id: '00000000-0000-4000-8000-000000000001',
  articleNumber: 'KAF-1',
  name: 'Kaffe bryggt',
  barcodes: ['7310865004703'],
  vatCategory: 'restaurant',
  kind: 'good',
  unit: 'piece',
  group: 'Dryck',
  active: true,
  priceOre: 3500,
  prices: [
    { effectiveFrom: '2026-01-01', priceOre: 3500 },
    { effectiveFrom: '2026-12-15', priceOre: 4200 },
    { effectiveFrom: '2026-12-01', priceOre: 3900 },
  ],
};

describe('parseKronor', () => {
  it.each([
    ['35', 3500],
    ['35,00', 3500],
    ['35,5', 3550],
    ['0,10', 10],
    ['19.99', 1999],
    ['1 234,50', 123450],
    ['35 kr', 3500],
    ['0,07', 7],
  ])('reads %s as %i öre', (text, ore) => {
    expect(parseKronor(text)).toBe(ore);
  });

  it.each(['', 'abc', '35,001', '-5', '3,5,0', ','])('refuses %s', (text) => {
    expect(parseKronor(text)).toBeNull();
  });
});

describe('formatOre', () => {
  it('formats as Swedish kronor', () => {
    expect(formatOre(3500)).toBe('35,00\u00a0kr');
    expect(formatOre(7)).toBe('0,07\u00a0kr');
    expect(formatOre(123450).replace(/\s/g, ' ')).toBe('1 234,50 kr');
  });
});

describe('formatPrice', () => {
  it('shows a weighed article per kilogram', () => {
    expect(formatPrice(3500, 'piece')).toBe('35,00\u00a0kr');
    expect(formatPrice(12900, 'kilogram')).toBe('129,00\u00a0kr/kg');
  });
});

describe('product helpers', () => {
  it('finds the next price change', () => {
    expect(upcomingPrice(product, '2026-11-25')).toEqual({
      effectiveFrom: '2026-12-01',
      priceOre: 3900,
    });
    expect(upcomingPrice(product, '2026-12-15')).toBeNull();
  });

  it('splits barcodes and searches', () => {
    expect(parseBarcodes('123\n 456\n\n123')).toEqual(['123', '456']);
    expect(matchesSearch(product, 'kaffe')).toBe(true);
    expect(matchesSearch(product, '73108')).toBe(true);
    expect(matchesSearch(product, 'dryck')).toBe(true);
    expect(matchesSearch(product, 'te')).toBe(false);
  });

  it('reads the import report from an API error', () => {
    const row = { row: 3, column: 'pris', code: 'price-invalid', sv: 'Fel pris', en: 'Bad price' };
    const error = new ApiError(400, 'import-has-errors', { sv: 's', en: 'e' }, { errors: [row] });
    expect(importRowErrors(error)).toEqual([row]);
    expect(importRowErrors(new ApiError(400, 'other', null))).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ore } from '../money.js';
import { VAT_RATES, type VatRate } from '../vat.js';
import {
  formatControlUnitAmount,
  formatControlUnitDateTime,
  formatControlUnitVatRate,
  isValidControlUnitDateTime,
  padControlUnitField,
} from './control-unit-fields.js';

describe('formatControlUnitAmount', () => {
  it.each([
    [0, '0,00'],
    [5, '0,05'],
    [2460, '24,60'], // the spec's example VAT amount
    [10500, '105,00'],
    [123456789, '1234567,89'], // no thousands separator
    [-3500, '-35,00'],
    [-1, '-0,01'],
    [9_999_999_999_999, '99999999999,99'], // 14 characters: the widest positive amount
  ])('formats %i öre as %j', (amount, text) => {
    expect(formatControlUnitAmount(ore(amount))).toBe(text);
  });

  it('always has a decimal comma and two decimals, and reads back exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (amount) => {
        const text = formatControlUnitAmount(ore(amount));
        expect(text).toMatch(/^-?\d+,\d{2}$/);
        expect(Math.round(Number(text.replace(',', '.')) * 100)).toBe(amount);
      }),
    );
  });
});

describe('formatControlUnitVatRate', () => {
  it.each([
    [2500, '25,00'],
    [1200, '12,00'],
    [600, '6,00'],
    [0, '0,00'],
  ] as const)('formats %i as %j', (rate, text) => {
    expect(formatControlUnitVatRate(rate)).toBe(text);
  });

  it('fits every rate within 5 characters', () => {
    for (const rate of VAT_RATES) {
      expect(formatControlUnitVatRate(rate).length).toBeLessThanOrEqual(5);
    }
  });

  it('throws on an unknown rate (a caller bug)', () => {
    // The cast simulates a caller that bypassed the type, e.g. with JSON input.
    expect(() => formatControlUnitVatRate(1900 as VatRate)).toThrow(RangeError);
  });
});

describe('isValidControlUnitDateTime', () => {
  it.each(['202604111432', '202402292359', '200002290000', '199912310000'])(
    'accepts %j',
    (text) => {
      expect(isValidControlUnitDateTime(text)).toBe(true);
    },
  );

  it.each([
    '',
    '20260411143', // 11 digits
    '2026041114320', // 13 digits
    '2026-04-11 14:32',
    '202613011200', // month 13
    '202600011200', // month 0
    '202604001200', // day 0
    '202604311200', // 31 April
    '202302291200', // not a leap year
    '190002291200', // 1900 is not a leap year
    '202604112400', // hour 24
    '202604111460', // minute 60
    '000004111200', // year 0
    '２０２６０４１１１４３２', // full-width digits
  ])('refuses %j', (text) => {
    expect(isValidControlUnitDateTime(text)).toBe(false);
  });
});

describe('formatControlUnitDateTime', () => {
  it('formats local Stockholm time, in winter (UTC+1) and summer (UTC+2)', () => {
    expect(formatControlUnitDateTime(Date.UTC(2026, 0, 15, 13, 5, 59), 'Europe/Stockholm')).toBe(
      '202601151405',
    );
    expect(formatControlUnitDateTime(Date.UTC(2026, 3, 11, 12, 32), 'Europe/Stockholm')).toBe(
      '202604111432',
    );
  });

  it('writes midnight as 00, not 24, and changes date in the zone', () => {
    expect(formatControlUnitDateTime(Date.UTC(2026, 3, 10, 22, 0), 'Europe/Stockholm')).toBe(
      '202604110000',
    );
  });

  it('always gives a valid YYYYMMDDhhmm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (epochMs) => {
        expect(
          isValidControlUnitDateTime(formatControlUnitDateTime(epochMs, 'Europe/Stockholm')),
        ).toBe(true);
      }),
    );
  });

  it('throws for an unknown zone, a non-finite instant or a year outside 1000–9999', () => {
    expect(() => formatControlUnitDateTime(0, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatControlUnitDateTime(Number.NaN, 'UTC')).toThrow(RangeError);
    expect(() => formatControlUnitDateTime(Date.UTC(999, 0, 1), 'UTC')).toThrow(RangeError);
  });
});

describe('padControlUnitField', () => {
  it('right-aligns with spaces', () => {
    expect(padControlUnitField('123', 12)).toBe('         123');
    expect(padControlUnitField('K1', 2)).toBe('K1');
  });

  it('throws when the value is wider than its field', () => {
    expect(() => padControlUnitField('1234567', 6)).toThrow(RangeError);
  });
});

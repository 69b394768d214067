import { describe, expect, it } from 'vitest';
import { formatAmount, formatKg, formatKr, formatRate, formatWholeKr, parseKronor } from './money';

/** The no-break space the receipt prints between thousands and before "kr" (core's formatKronor). */
const NBSP = '\u00a0';

describe('formatKr', () => {
  it('writes öre as Swedish kronor with a no-break space between thousands, as the receipt does', () => {
    expect(formatKr(123_450)).toBe(`1${NBSP}234,50${NBSP}kr`);
    expect(formatKr(0)).toBe(`0,00${NBSP}kr`);
    expect(formatKr(5)).toBe(`0,05${NBSP}kr`);
    expect(formatKr(100_000_000)).toBe(`1${NBSP}000${NBSP}000,00${NBSP}kr`);
    expect(formatKr(-2_550)).toBe(`-25,50${NBSP}kr`);
    expect(formatAmount(99_999)).toBe('999,99');
  });

  it('leaves out öre on whole notes only', () => {
    expect(formatWholeKr(50_000)).toBe(`500${NBSP}kr`);
    expect(formatWholeKr(100_000)).toBe(`1${NBSP}000${NBSP}kr`);
    expect(formatWholeKr(8_750)).toBe(`87,50${NBSP}kr`);
  });
});

describe('parseKronor', () => {
  it('reads what cashiers type', () => {
    expect(parseKronor('12')).toBe(1_200);
    expect(parseKronor('12,5')).toBe(1_250);
    expect(parseKronor('12,50')).toBe(1_250);
    expect(parseKronor('12.05')).toBe(1_205);
    expect(parseKronor('1 234,50')).toBe(123_450);
    expect(parseKronor(' 100 kr ')).toBe(10_000);
    expect(parseKronor('0')).toBe(0);
  });

  it('refuses anything that is not an amount', () => {
    for (const text of ['', ',50', '12,505', '-5', 'tio', '1e3', '12,', '1234567890']) {
      expect(parseKronor(text), text).toBeNull();
    }
  });

  it('round-trips with formatAmount', () => {
    for (const ore of [0, 1, 99, 100, 123_456, 99_999_999]) {
      expect(parseKronor(formatAmount(ore))).toBe(ore);
    }
  });
});

describe('formatRate and formatKg', () => {
  it('shows VAT and discount rates without needless decimals', () => {
    expect(formatRate(2_500)).toBe('25 %');
    expect(formatRate(600)).toBe('6 %');
    expect(formatRate(1_250)).toBe('12,5 %');
    expect(formatRate(1_225)).toBe('12,25 %');
    expect(formatRate(0)).toBe('0 %');
  });

  it('shows grams as kilograms with three decimals', () => {
    expect(formatKg(350)).toBe('0,350 kg');
    expect(formatKg(1_205)).toBe('1,205 kg');
    expect(formatKg(5)).toBe('0,005 kg');
  });
});

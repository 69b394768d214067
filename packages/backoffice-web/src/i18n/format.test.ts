import { describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatOre, formatVatRate, formatWholeKronor } from './format';

describe('formatDateTime', () => {
  it('shows Swedish time in winter and summer', () => {
    expect(formatDateTime('2026-11-25T06:31:55.692Z')).toBe('2026-11-25 07:31');
    expect(formatDateTime('2026-07-01T22:30:05Z', { seconds: true })).toBe('2026-07-02 00:30:05');
  });

  it('leaves text that is not a date alone', () => {
    expect(formatDateTime('okänt')).toBe('okänt');
  });
});

describe('formatCount', () => {
  it('groups thousands the Swedish way', () => {
    expect(formatCount(12345).replace(/\s/g, ' ')).toBe('12 345');
    expect(formatCount(0)).toBe('0');
  });
});

/** Intl groups thousands with a no-break space; compare with plain spaces. */
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('formatOre', () => {
  it('writes money as Swedish shops do, from integer öre', () => {
    expect(plain(formatOre(123450))).toBe('1 234,50 kr');
    expect(formatOre(3500)).toBe('35,00\u00a0kr');
    expect(formatOre(7)).toBe('0,07\u00a0kr');
    expect(formatOre(0)).toBe('0,00\u00a0kr');
    expect(formatOre(-3200)).toBe('-32,00\u00a0kr');
    expect(plain(formatOre(123456789))).toBe('1 234 567,89 kr');
  });

  it('rounds to whole kronor for chart axes', () => {
    expect(plain(formatWholeKronor(123450))).toBe('1 235 kr');
    expect(formatWholeKronor(-149)).toBe('-1\u00a0kr');
    expect(formatWholeKronor(0)).toBe('0\u00a0kr');
  });
});

describe('formatVatRate', () => {
  it('writes rates in hundredths of a percent as percentages', () => {
    expect(formatVatRate(2500)).toBe('25 %');
    expect(formatVatRate(600)).toBe('6 %');
    expect(formatVatRate(0)).toBe('0 %');
    expect(formatVatRate(1250)).toBe('12,5 %');
    expect(formatVatRate(1275)).toBe('12,75 %');
  });
});

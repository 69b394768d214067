import { describe, expect, it } from 'vitest';
import {
  describeDiscount,
  keypadKeyFromKeyboard,
  parseDiscount,
  parsePercent,
  parseQuantity,
  parseWeight,
  pressKeypad,
  type KeypadKey,
} from './entry';

const press = (keys: KeypadKey[], decimals: number, maxLength = 9) =>
  keys.reduce((entry, key) => pressKeypad(entry, key, { decimals, maxLength }), '');

describe('pressKeypad', () => {
  it('types digits, a comma and corrections', () => {
    expect(press(['1', '2', ',', '5', '0'], 2)).toBe('12,50');
    expect(press(['1', '2', 'backspace', '3'], 0)).toBe('13');
    expect(press(['1', '2', 'clear', '7'], 0)).toBe('7');
  });

  it('refuses what would make the entry invalid', () => {
    expect(press(['1', ','], 0)).toBe('1');
    expect(press(['1', ',', '5', ','], 2)).toBe('1,5');
    expect(press(['1', ',', '2', '3', '4'], 2)).toBe('1,23');
    expect(press([',', '3', '5', '0'], 3)).toBe('0,350');
    expect(press(['0', '0', '7'], 0)).toBe('7');
    expect(press(['9', '9', '9', '9', '9'], 0, 4)).toBe('9999');
  });

  it('maps the physical keyboard', () => {
    expect(keypadKeyFromKeyboard('7')).toBe('7');
    expect(keypadKeyFromKeyboard('.')).toBe(',');
    expect(keypadKeyFromKeyboard('Backspace')).toBe('backspace');
    expect(keypadKeyFromKeyboard('a')).toBeNull();
  });
});

describe('parsers', () => {
  it('reads whole quantities of 1–9999', () => {
    expect(parseQuantity('3')).toBe(3);
    expect(parseQuantity('0')).toBeNull();
    expect(parseQuantity('1,5')).toBeNull();
    expect(parseQuantity('10000')).toBeNull();
  });

  it('reads weights in grams or kilograms', () => {
    expect(parseWeight('350', 'g')).toBe(350);
    expect(parseWeight('0,35', 'kg')).toBe(350);
    expect(parseWeight('1.205', 'kg')).toBe(1_205);
    expect(parseWeight('2', 'kg')).toBe(2_000);
    expect(parseWeight('0', 'g')).toBeNull();
    expect(parseWeight('0,0004', 'kg')).toBeNull();
    expect(parseWeight('12,5', 'g')).toBeNull();
  });

  it('reads percentages as hundredths of a percent', () => {
    expect(parsePercent('10')).toBe(1_000);
    expect(parsePercent('12,5')).toBe(1_250);
    expect(parsePercent('100')).toBe(10_000);
    expect(parsePercent('101')).toBeNull();
    expect(parsePercent('0')).toBeNull();
  });

  it('reads a discount of either kind and describes it', () => {
    expect(parseDiscount('percent', '15')).toEqual({ kind: 'percent', rate: 1_500 });
    expect(parseDiscount('amount', '25,50')).toEqual({ kind: 'amount', amount: 2_550 });
    expect(parseDiscount('amount', '0')).toBeNull();
    expect(parseDiscount('percent', 'mycket')).toBeNull();
    expect(describeDiscount({ kind: 'percent', rate: 1_500 })).toBe('15 %');
    expect(describeDiscount({ kind: 'amount', amount: 2_550 })).toBe('25,50\u00a0kr');
  });
});

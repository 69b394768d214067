// Numbers typed on the screen's keypad (or a keyboard): quantities, weights, amounts, rates.

import type { DiscountInput as Discount } from '@kassa/contracts';
import { formatKr, formatRate, parseKronor } from './money';

export type KeypadKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | ',' | 'backspace' | 'clear';

export const keypadDigits = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;

export interface EntryRules {
  /** How many digits may follow the comma; 0 allows no comma. */
  decimals: number;
  /** The most characters the entry may hold. */
  maxLength: number;
}

/** The entry after one key; keys that would make it invalid leave it unchanged. */
export function pressKeypad(current: string, key: KeypadKey, rules: EntryRules): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return current.slice(0, -1);
  if (current.length >= rules.maxLength) return current;
  if (key === ',') {
    if (rules.decimals === 0 || current.includes(',')) return current;
    return current === '' ? '0,' : `${current},`;
  }
  const comma = current.indexOf(',');
  if (comma >= 0 && current.length - comma - 1 >= rules.decimals) return current;
  if (current === '0') return key;
  return current + key;
}

/** Maps a physical key to a keypad key (`.` is a comma too), or null. */
export function keypadKeyFromKeyboard(key: string): KeypadKey | null {
  if (/^[0-9]$/.test(key)) return key as KeypadKey;
  if (key === ',' || key === '.') return ',';
  if (key === 'Backspace') return 'backspace';
  return null;
}

/** A whole positive quantity (1–9999), or null. */
export function parseQuantity(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= 1 ? value : null;
}

/** A weight typed in grams (`350`) or kilograms (`0,35`), in whole grams (1 g–1000 kg), or null. */
export function parseWeight(text: string, unit: 'g' | 'kg'): number | null {
  const trimmed = text.trim().replace('.', ',');
  let grams: number;
  if (unit === 'g') {
    if (!/^\d{1,7}$/.test(trimmed)) return null;
    grams = Number(trimmed);
  } else {
    const match = /^(\d{1,4})(?:,(\d{1,3}))?$/.exec(trimmed);
    if (match === null) return null;
    grams = Number(match[1]) * 1000 + Number((match[2] ?? '0').padEnd(3, '0'));
  }
  return grams >= 1 && grams <= 1_000_000 ? grams : null;
}

/**
 * A percentage typed by the cashier (`10`, `12,5`, `12,25`) in hundredths of a percent (1–10000),
 * or null.
 */
export function parsePercent(text: string): number | null {
  const match = /^(\d{1,3})(?:[,.](\d{1,2}))?$/.exec(text.trim());
  if (match === null) return null;
  const rate = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return rate >= 1 && rate <= 10_000 ? rate : null;
}

/** A discount of the chosen kind from what was typed, or null when it is not a valid one. */
export function parseDiscount(kind: Discount['kind'], text: string): Discount | null {
  if (kind === 'percent') {
    const rate = parsePercent(text);
    return rate === null ? null : { kind: 'percent', rate };
  }
  const amount = parseKronor(text);
  return amount === null || amount < 1 ? null : { kind: 'amount', amount };
}

/** `10 %` or `25,00 kr`. */
export function describeDiscount(discount: Discount): string {
  return discount.kind === 'percent' ? formatRate(discount.rate) : formatKr(discount.amount);
}

// Amounts as Swedish shops write them: "1 234,50 kr". Money is integer öre everywhere; öre become
// text and typed text becomes öre through core, the same functions the receipt and the backoffice
// use, so an amount looks the same on the till, the receipt and in the backoffice.
import { formatKronor, formatWholeKronor, ore as toOre, parseTypedKronor } from '@kassa/core';

/** `123450` → `1 234,50` (core's `formatKronor`: no-break spaces, as on the printed receipt). */
export function formatAmount(ore: number): string {
  return formatKronor(toOre(ore), { unit: false });
}

/** `123450` → `1 234,50 kr`, exactly as the receipt prints it. */
export function formatKr(ore: number): string {
  return formatKronor(toOre(ore));
}

/** Whole kronor without öre, for note buttons: `50000` → `500 kr`. */
export function formatWholeKr(ore: number): string {
  return ore % 100 === 0 ? formatWholeKronor(toOre(ore)) : formatKr(ore);
}

/** The most a cashier can type: 999 999 999,99 kr (nine digits of kronor). */
const MAX_TYPED_ORE = 99_999_999_999;

/**
 * What a cashier types as an amount in kronor (`12`, `12,5`, `12,50`, `12.50`, `1 234,50`) in
 * öre; null for anything else (negative, more than two decimals, letters, empty).
 */
export function parseKronor(text: string): number | null {
  return parseTypedKronor(text, MAX_TYPED_ORE);
}

/** A rate in hundredths of a percent: `2500` → `25 %`, `1250` → `12,5 %`. */
export function formatRate(rate: number): string {
  const whole = Math.trunc(rate / 100);
  const fraction = Math.abs(rate % 100);
  if (fraction === 0) return `${whole} %`;
  const decimals = fraction.toString().padStart(2, '0').replace(/0$/, '');
  return `${whole},${decimals} %`;
}

/** Grams as kilograms with three decimals: `350` → `0,350 kg`. */
export function formatKg(grams: number): string {
  const kg = Math.floor(grams / 1000);
  const rest = (grams % 1000).toString().padStart(3, '0');
  return `${kg},${rest} kg`;
}

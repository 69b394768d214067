// Dates and times as Swedish shops read them: sv-SE (2026-11-25 07:31), always in Swedish time,
// whatever the browser's own time zone is. The format is the same in both languages.

import { formatKronor, formatWholeKronor as formatWholeKronorOfCore, ore } from '@kassa/core';

const timeZone = 'Europe/Stockholm';

/** `12 345`: counts are grouped as in the till and in plural messages. */
export { formatCount } from '@kassa/web-kit';

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone,
});
const dateTimeSeconds = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone,
});

/** `2026-11-25 07:31` (or with seconds); text that is not a date is returned unchanged. */
export function formatDateTime(iso: string, options: { seconds?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (options.seconds === true ? dateTimeSeconds : dateTime).format(date);
}

/**
 * Öre as Swedish shops write money, in both languages: `1 234,50 kr`, `-32,00 kr`. Core's
 * `formatKronor`, the one the printed receipt uses (no-break spaces), so an amount looks the same
 * on the receipt, the till and here. Integer arithmetic only (no floating point on amounts).
 */
export function formatOre(amount: number): string {
  return formatKronor(ore(amount));
}

/** Öre rounded to whole kronor, for chart axes: `1 235 kr`. */
export function formatWholeKronor(amount: number): string {
  return formatWholeKronorOfCore(ore(amount));
}

/** A VAT rate in hundredths of a percent as people say it: 2500 → `25 %`, 1250 → `12,5 %`. */
export function formatVatRate(rate: number): string {
  const whole = Math.trunc(rate / 100);
  const fraction = Math.abs(rate % 100);
  return fraction === 0
    ? `${whole} %`
    : `${whole},${String(fraction).padStart(2, '0').replace(/0$/, '')} %`;
}

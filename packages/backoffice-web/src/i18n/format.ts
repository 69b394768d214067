// Dates and times as Swedish shops read them: sv-SE (2026-11-25 07:31), always in Swedish time,
// whatever the browser's own time zone is. The format is the same in both languages.

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

const grouped = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/**
 * Öre as Swedish shops write money, in both languages: `1 234,50 kr`, `-32,00 kr`. Integer
 * arithmetic only (no floating point on amounts).
 */
export function formatOre(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  const abs = Math.abs(ore);
  const kronor = Math.floor(abs / 100);
  return `${sign}${grouped.format(kronor)},${String(abs % 100).padStart(2, '0')} kr`;
}

/** Öre rounded to whole kronor, for chart axes: `1 235 kr`. */
export function formatWholeKronor(ore: number): string {
  const sign = ore < 0 ? '-' : '';
  return `${sign}${grouped.format(Math.round(Math.abs(ore) / 100))} kr`;
}

/** A VAT rate in hundredths of a percent as people say it: 2500 → `25 %`, 1250 → `12,5 %`. */
export function formatVatRate(rate: number): string {
  const whole = Math.trunc(rate / 100);
  const fraction = Math.abs(rate % 100);
  return fraction === 0
    ? `${whole} %`
    : `${whole},${String(fraction).padStart(2, '0').replace(/0$/, '')} %`;
}

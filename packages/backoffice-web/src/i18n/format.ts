// Dates and times as Swedish shops read them: sv-SE (2026-11-25 07:31), always in Swedish time,
// whatever the browser's own time zone is. The format is the same in both languages.

const timeZone = 'Europe/Stockholm';

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

const integer = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });

/** `12 345`. */
export function formatCount(value: number): string {
  return integer.format(value);
}

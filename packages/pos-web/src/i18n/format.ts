// Times as Swedish shops read them: sv-SE (2026-11-25 07:31) in Swedish time, in both languages.

const dateTime = new Intl.DateTimeFormat('sv-SE', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: 'Europe/Stockholm',
});

/** `2026-11-25 07:31`; text that is not a date is returned unchanged. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

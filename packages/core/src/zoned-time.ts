/**
 * The local wall-clock time of an instant in a time zone, as zero-padded fields: the one place
 * that asks Intl for it (business days, receipt and control-unit times, the SKVFS export all
 * format from these fields). Gregorian calendar and Latin digits whatever the runtime's locale.
 */

export interface ZonedTime {
  /** At least four digits: "0999", "2026". */
  readonly year: string;
  readonly month: string;
  readonly day: string;
  readonly hour: string;
  readonly minute: string;
  readonly second: string;
}

// Making an Intl.DateTimeFormat costs about a millisecond; one per zone is kept. This cache is
// memoisation only: it never changes a result.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatOf(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (format === undefined) {
    // Throws RangeError for an unknown zone, which is a configuration bug.
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock fields of `epochMs` in `timeZone`; RangeError for an unknown zone or NaN. */
export function zonedTime(epochMs: number, timeZone: string): ZonedTime {
  if (!Number.isFinite(epochMs)) throw new RangeError(`epochMs must be finite, got ${epochMs}`);
  const fields = { year: '', month: '', day: '', hour: '', minute: '', second: '' };
  for (const part of formatOf(timeZone).formatToParts(epochMs)) {
    if (part.type in fields) fields[part.type as keyof ZonedTime] = part.value;
  }
  return { ...fields, year: fields.year.padStart(4, '0') };
}

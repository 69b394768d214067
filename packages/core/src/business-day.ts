/**
 * The business day (affärsdag): the local calendar date of a sale in the shop's time zone,
 * used for Z-reports (one Z per day with sales, SKVFS 2014:9 7 kap 3 §) and for resolving VAT
 * rates by date. The zone is always passed in (Kassa uses "Europe/Stockholm"); nothing here
 * reads a clock or the process time zone.
 */

import { zonedTime } from './zoned-time.js';

/**
 * The time zone of every Kassa shop: Sweden's. What callers pass as the zone of business days,
 * printed times and report hours (the functions here take any zone).
 */
export const SHOP_TIME_ZONE = 'Europe/Stockholm';

/** A calendar date written 'YYYY-MM-DD' (ISO 8601, years 0001–9999). */
export type BusinessDay = string;

/** A half-open interval of epoch milliseconds: startMs ≤ t < endMs. */
export interface BusinessDayBounds {
  readonly startMs: number;
  readonly endMs: number;
}

const MS_PER_DAY = 86_400_000;
// Instants handled by businessDayOf: a day of margin inside the years 0001–9999 in any zone.
const FIRST_INSTANT_MS = -62_135_510_400_000; // 0001-01-02T00:00Z
const LAST_INSTANT_MS = 253_402_214_400_000; // 9999-12-31T00:00Z (exclusive)
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Tells whether `text` is a real calendar date written 'YYYY-MM-DD'. */
export function isValidBusinessDay(text: string): boolean {
  return parseDay(text) !== undefined;
}

/** Returns the date `days` days after (or before, if negative) `day`. */
export function addDays(day: BusinessDay, days: number): BusinessDay {
  if (!Number.isSafeInteger(days)) {
    throw new RangeError(`days must be a safe integer, got ${days}`);
  }
  return formatDay(civilFromDays(daysFromCivil(requireDay(day)) + days));
}

/** Returns the local calendar date in `timeZone` of the instant `epochMs`. */
export function businessDayOf(epochMs: number, timeZone: string): BusinessDay {
  if (!(epochMs >= FIRST_INSTANT_MS && epochMs < LAST_INSTANT_MS)) {
    throw new RangeError(`epochMs must be an instant within the years 0001–9999, got ${epochMs}`);
  }
  const local = zonedTime(epochMs, timeZone);
  return formatDay({
    year: Number(local.year),
    month: Number(local.month),
    day: Number(local.day),
  });
}

/**
 * Returns the instants where `day` starts and ends in `timeZone`, as a half-open interval.
 * A day is not always 24 hours: in Europe/Stockholm 2026-03-29 lasts 23 hours and 2026-10-25
 * lasts 25. Where a zone skips midnight itself, the day starts at its first local instant.
 */
export function businessDayBounds(day: BusinessDay, timeZone: string): BusinessDayBounds {
  requireDay(day);
  return {
    startMs: findDayStart(day, timeZone),
    endMs: findDayStart(addDays(day, 1), timeZone),
  };
}

interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

function parseDay(text: string): CivilDate | undefined {
  const match = DAY_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return { year, month, day };
}

function requireDay(text: BusinessDay): CivilDate {
  const parsed = parseDay(text);
  if (parsed === undefined) {
    throw new RangeError(`not a 'YYYY-MM-DD' date: ${JSON.stringify(text)}`);
  }
  return parsed;
}

function formatDay({ year, month, day }: CivilDate): BusinessDay {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant, "chrono-compatible
// low-level date algorithms"). Pure integer arithmetic, so no Date and no two-digit-year quirks.
function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) {
    throw new RangeError(`date outside the years 0001–9999 (${days} days from 1970-01-01)`);
  }
  return { year, month, day };
}

// The first millisecond whose local date is `day` or later. Every real zone offset lies within
// ±26 hours of UTC midnight, so the answer is inside that window; a binary search over it relies
// only on local dates never going backwards, and so handles any DST rule, including zones that
// skip midnight.
function findDayStart(day: BusinessDay, timeZone: string): number {
  const utcMidnight = daysFromCivil(requireDay(day)) * MS_PER_DAY;
  let before = utcMidnight - 26 * 3_600_000; // local date still earlier than `day`
  let atOrAfter = utcMidnight + 26 * 3_600_000; // local date already `day` or later
  while (atOrAfter - before > 1) {
    const middle = before + Math.floor((atOrAfter - before) / 2);
    if (businessDayOf(middle, timeZone) >= day) {
      atOrAfter = middle;
    } else {
      before = middle;
    }
  }
  return atOrAfter;
}

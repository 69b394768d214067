// Report periods as the shop counts them: business days (calendar days in Swedish time, whatever
// the browser's own zone), weeks from Monday, `from` and `to` both included. Pure: "now" is passed
// in. Dates are `YYYY-MM-DD` text; arithmetic on them is done in UTC, where every day has 24 h.

const TIME_ZONE = 'Europe/Stockholm';

/** The longest period the server reports on (MAX_REPORT_DAYS in @kassa/contracts). */
const MAX_PERIOD_DAYS = 731;

export const periodPresets = [
  'today',
  'yesterday',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
] as const;
export type PeriodPreset = (typeof periodPresets)[number];
export type PeriodChoice = PeriodPreset | 'custom';

export interface Period {
  from: string;
  to: string;
}

const stockholmDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The business day (Stockholm calendar date) of an instant. */
export function businessDayOf(instant: Date): string {
  const parts = Object.fromEntries(
    stockholmDate.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  const match = dayPattern.exec(text);
  if (match === null) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function utc(day: string): Date {
  if (!isDay(day)) throw new RangeError(`not a day: ${day}`);
  return new Date(`${day}T00:00:00Z`);
}

function dayText(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + days);
  return dayText(date);
}

/** 0 = Monday … 6 = Sunday (Swedish weeks start on Monday). */
export function weekdayIndex(day: string): number {
  return (utc(day).getUTCDay() + 6) % 7;
}

function firstOfMonth(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The period of a preset, given today's business day. Periods end today at the latest. */
export function presetPeriod(preset: PeriodPreset, today: string): Period {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const yesterday = addDays(today, -1);
      return { from: yesterday, to: yesterday };
    }
    case 'thisWeek':
      return { from: addDays(today, -weekdayIndex(today)), to: today };
    case 'lastWeek': {
      const monday = addDays(today, -weekdayIndex(today) - 7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'thisMonth':
      return { from: firstOfMonth(today), to: today };
    case 'lastMonth': {
      const lastOfPrevious = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(lastOfPrevious), to: lastOfPrevious };
    }
  }
}

/** Number of days in the period, both ends included. */
export function periodLength(period: Period): number {
  return Math.round((utc(period.to).getTime() - utc(period.from).getTime()) / 86_400_000) + 1;
}

export type PeriodProblem = 'invalid-date' | 'reversed' | 'too-long';

/** Why a typed period cannot be reported on, or null when it can. */
export function periodProblem(period: Period): PeriodProblem | null {
  if (!isDay(period.from) || !isDay(period.to)) return 'invalid-date';
  if (period.from > period.to) return 'reversed';
  if (periodLength(period) > MAX_PERIOD_DAYS) return 'too-long';
  return null;
}

/** Every day of the period, oldest first. */
export function daysOf(period: Period): string[] {
  const days: string[] = [];
  for (let day = period.from; day <= period.to; day = addDays(day, 1)) days.push(day);
  return days;
}

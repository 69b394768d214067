/**
 * The hour of day of an instant in the shop's time zone, for the sales summary's hour rows and
 * the reports that read them (business days themselves come from @kassa/core's business-day.ts
 * with `SHOP_TIME_ZONE`).
 */
import { SHOP_TIME_ZONE } from '@kassa/core';

const HOUR_FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: SHOP_TIME_ZONE,
  hour: '2-digit',
  hourCycle: 'h23',
});

const hourCache = new Map<string, number>();

/**
 * The hour of day (0–23) of an instant in Stockholm. Stockholm's offset from UTC is a whole
 * number of hours, so the answer depends only on the UTC hour, which is remembered.
 */
export function stockholmHour(date: Date): number {
  const utcHour = date.toISOString().slice(0, 13);
  let hour = hourCache.get(utcHour);
  if (hour === undefined) {
    const part = HOUR_FORMAT.formatToParts(date).find((p) => p.type === 'hour');
    hour = Number(part?.value ?? 0) % 24;
    if (hourCache.size >= 10_000) hourCache.clear();
    hourCache.set(utcHour, hour);
  }
  return hour;
}

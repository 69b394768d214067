/**
 * Field formats of the data a register sends to a control unit per receipt.
 *
 * Source: SKVFS 2009:2 (reprinted as SKVFS 2016:1), the data table quoted in
 * `docs/spec/sweden-regulation.md` §5.2 [P]:
 * - "Datum och tid": 12 digits, YYYYMMDDhhmm (the local date and time of the sale).
 * - amounts ("Returbelopp", "Försäljningsbelopp", "Momssumma"): at most 14 characters including
 *   the decimal comma, "Det ska alltid vara två siffror efter decimalkommat" (always two decimals).
 * - "Momssats": the rate in percent, at most 5 characters including the decimal comma, also with
 *   two decimals, e.g. "25,00"; a VAT slot is "<rate>;<amount>", at most 20 characters.
 * - 5 §: ASCII, right-aligned, "eventuellt ifylld med blanka tecken (mellanslag)" to the field
 *   length (see `padControlUnitField`).
 * Amounts are in SEK and öre (SKVFS 2014:9 5 kap 7 §). The table gives no sign convention; a
 * negative amount (a return receipt's total, its VAT) is written with a leading '-' that counts
 * towards the 14 characters — an assumption, see docs/protocols/control-unit.md.
 */
import { type Ore, ore } from '../money.js';
import { type VatRate, isVatRate } from '../vat.js';
import { zonedTime } from '../zoned-time.js';

/** Maximum characters of an amount field, decimal comma included. */
export const CONTROL_UNIT_AMOUNT_WIDTH = 14;

/** Maximum characters of a VAT rate ("25,00"). */
export const CONTROL_UNIT_VAT_RATE_WIDTH = 5;

/** Maximum characters of a VAT slot ("<rate>;<amount>"). */
export const CONTROL_UNIT_VAT_SLOT_WIDTH = 20;

/** Formats öre as a control-unit amount: decimal comma, two decimals, no grouping ("1234,50"). */
export function formatControlUnitAmount(amount: Ore): string {
  const value = ore(amount);
  const magnitude = Math.abs(value);
  const orePart = magnitude % 100;
  const kronor = (magnitude - orePart) / 100;
  return `${value < 0 ? '-' : ''}${kronor},${String(orePart).padStart(2, '0')}`;
}

/** Formats a VAT rate (hundredths of a percent) as a control-unit rate: 2500 → "25,00". */
export function formatControlUnitVatRate(rate: VatRate): string {
  if (!isVatRate(rate)) {
    throw new RangeError(`unknown VAT rate ${String(rate)}`);
  }
  return `${Math.trunc(rate / 100)},${String(rate % 100).padStart(2, '0')}`;
}

/** Tells whether `text` is a real local date and time written YYYYMMDDhhmm. */
export function isValidControlUnitDateTime(text: string): boolean {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (match === null) {
    return false;
  }
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0] = match.slice(1).map(Number);
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthLength = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return (
    year >= 1 &&
    monthLength !== undefined &&
    day >= 1 &&
    day <= monthLength &&
    hour <= 23 &&
    minute <= 59
  );
}

/**
 * Formats the instant `epochMs` as the local date and time in `timeZone` (Kassa passes
 * "Europe/Stockholm"), YYYYMMDDhhmm; seconds are dropped, not rounded. Throws for an unknown
 * zone or an instant outside the years 1000–9999 (caller bugs).
 */
export function formatControlUnitDateTime(epochMs: number, timeZone: string): string {
  const local = zonedTime(epochMs, timeZone);
  if (!/^[1-9]\d{3}$/.test(local.year)) {
    throw new RangeError(`the instant ${epochMs} is outside the years 1000–9999`);
  }
  return `${local.year}${local.month}${local.day}${local.hour}${local.minute}`;
}

/**
 * Right-aligns `value` in a field of `width` characters, filling with spaces (SKVFS 2009:2 5 §).
 * Throws if the value is already wider (validation must have refused it).
 */
export function padControlUnitField(value: string, width: number): string {
  if (value.length > width) {
    throw new RangeError(`"${value}" is wider than its field of ${width} characters`);
  }
  return value.padStart(width, ' ');
}

/**
 * The value formats of the SKVFS 2021:16 XSD: amounts and rates as decimals with two fraction
 * digits, local date-times without zone or fraction, payment names, identity numbers.
 */
import {
  type BusinessDay,
  type Ore,
  type PaymentMethod,
  type Result,
  type Failure,
  fail,
  ok,
  ore,
  zonedTime,
} from '@kassa/core';

/** Öre as the XSD's decimal kronor: "1234.50", "-0.05"; range of the amount types. */
export function formatSkvfsAmount(amount: Ore): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`not an öre amount: ${amount}`);
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A VAT rate in hundredths of a percent as the XSD's percent: 2500 → "25.00". */
export function formatSkvfsRate(rate: number): string {
  return formatSkvfsAmount(ore(rate));
}

/** An ISO instant as the XSD's local "YYYY-MM-DDThh:mm:ss" in `timeZone` (seconds truncated). */
export function formatSkvfsDateTime(instant: string | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  const t = zonedTime(ms, timeZone);
  return `${t.year}-${t.month}-${t.day}T${t.hour}:${t.minute}:${t.second}`;
}

// The XSD allows the years 2010–2099 only (pattern "20[1-9][0-9]" + 15 characters).
export const SKVFS_DATE_TIME = /^20[1-9]\d-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

export const PAYMENT_NAMES: Record<PaymentMethod, string> = {
  cash: 'Kontant',
  card: 'Kort',
  swish: 'Swish',
};

/** Used when a receipt or report has no payment at all; the XSD needs one row. */
export const NO_PAYMENT = 'Ingen betalning';

// Organisationsnummer: 10 digits, third ≥ 2. Personnummer: 12 digits with the century.
const ORGANISATION_NUMBER = /^\d{2}[2-9]\d{7}$/;

/** Why a value is not an OrganisationsnummerEllerPersonnummer (Swedish / English). */
const NOT_TEN_DIGITS = 'inte 10 siffror / not 10 digits';
const NOT_AN_IDENTITY_NUMBER =
  'varken organisationsnummer eller personnummer (ett samordningsnummer ryms inte i schemat) / neither an organisation number nor a personal identity number (a co-ordination number does not fit the schema)';

/**
 * 'NNNNNN-NNNN' as the XSD's OrganisationsnummerEllerPersonnummer: an organisationsnummer as its
 * 10 digits; a personnummer with its century added, the latest century that does not put the
 * birth date after the export (the '+' of people aged 100 or more is not kept by Kassa). A value
 * that is neither: a failure with the reason.
 */
export function formatSkvfsIdentityNumber(
  value: string,
  exportDay: BusinessDay,
): Result<string, Failure<'not-an-identity-number', { reason: string }>> {
  const digits = value.replace(/[-+\s]/g, '');
  if (!/^\d{10}$/.test(digits)) {
    return fail('not-an-identity-number', { reason: NOT_TEN_DIGITS });
  }
  if (ORGANISATION_NUMBER.test(digits)) return ok(digits);
  const birth = `${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;
  const century = `20${birth}` <= exportDay ? '20' : '19';
  const full = `${century}${digits}`;
  const date = new Date(`${century}${birth}T00:00:00Z`);
  const validDate =
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === `${century}${birth}`;
  if (!validDate || digits.slice(6, 9) === '000') {
    return fail('not-an-identity-number', { reason: NOT_AN_IDENTITY_NUMBER });
  }
  return ok(full);
}

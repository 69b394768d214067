/**
 * Swedish organisationsnummer and personnummer, as printed on every receipt
 * (SKVFS 2014:9 7 kap 1 § a: "företagsnamn och organisationsnummer eller personnummer";
 * a sole trader uses the owner's personnummer).
 * Sources: Lag (1974:174) om identitetsbeteckning för juridiska personer m.fl. (organisation
 * numbers; their third digit is at least 2 so they never look like a birth month);
 * Folkbokföringslag (1991:481) 18 § (personnummer: birth date, birth number, check digit; '+'
 * once the person turns 100) and 18 a § (samordningsnummer: birth day + 60); Skatteverket SKV 704
 * and SKV 707 (Luhn check digit over the other nine; 12-digit storage with century 18, 19 or
 * 20). Legal persons use the prefix 16 in the 12-digit form (Skatteverket file formats).
 */
import { type Failure, type Ok, fail } from './result.js';

/** Whether the number identifies a legal person or a natural person (sole trader). */
export type OrganisationNumberKind = 'organisation' | 'personal';

/** A valid number: `value` is normalised to 'NNNNNN-NNNN'. */
export type ParsedOrganisationNumber = Ok<string, { kind: OrganisationNumberKind }>;

/** Why `parseOrganisationNumber` rejected its input. */
export type OrganisationNumberFailure = Failure<
  'orgnr-format' | 'orgnr-checksum' | 'orgnr-date',
  { input: string }
>;

// Optional two-digit century, six digits, optional '-' or '+', four digits.
const NUMBER_PATTERN = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/;

/**
 * Parses an organisationsnummer or personnummer ("556677-8899", "5566778899",
 * "16556677-8899", "19121212-1212", "121212+1212") into the 10-digit form 'NNNNNN-NNNN'.
 *
 * Checks, in order: format ('orgnr-format'), Luhn check digit ('orgnr-checksum'), and for a
 * personnummer the birth date ('orgnr-date'). The normalised value always uses '-', also for a
 * personnummer given with '+' (someone aged 100 or more), as it is printed on receipts.
 * Without a century and without a clock the century is unknown, so a 10-digit personnummer is
 * accepted when its date exists in some possible century (19xx/20xx, or 18xx/19xx after '+').
 */
export function parseOrganisationNumber(
  text: string,
): ParsedOrganisationNumber | OrganisationNumberFailure {
  const input = text.trim();
  const match = NUMBER_PATTERN.exec(input);
  if (match === null) {
    return fail('orgnr-format', { input: text });
  }
  const [, century, datePart = '', separator = '', serialPart = ''] = match;
  const digits = datePart + serialPart;
  const isOrganisation = Number(digits[2]) >= 2;
  if (century !== undefined) {
    const centuryFits = isOrganisation ? century === '16' : ['18', '19', '20'].includes(century);
    if (separator === '+' || !centuryFits) {
      return fail('orgnr-format', { input: text });
    }
  } else if (isOrganisation && separator === '+') {
    return fail('orgnr-format', { input: text });
  }
  if (computeLuhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return fail('orgnr-checksum', { input: text });
  }
  if (!isOrganisation) {
    const centuries =
      century !== undefined ? [Number(century)] : separator === '+' ? [18, 19] : [19, 20];
    if (!centuries.some((c) => isBirthDate(c * 100 + Number(digits.slice(0, 2)), digits))) {
      return fail('orgnr-date', { input: text });
    }
  }
  return {
    ok: true,
    value: `${datePart}-${serialPart}`,
    kind: isOrganisation ? 'organisation' : 'personal',
  };
}

/** Computes the Luhn (modulus 10) check digit for a string of decimal digits. */
export function computeLuhnCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) {
    throw new RangeError(`expected decimal digits, got ${JSON.stringify(digits)}`);
  }
  let total = 0;
  // Double every second digit, starting with the rightmost; a two-digit product adds its digits.
  for (let i = 0; i < digits.length; i += 1) {
    const digit = Number(digits[digits.length - 1 - i]);
    const weighted = i % 2 === 0 ? digit * 2 : digit;
    total += weighted > 9 ? weighted - 9 : weighted;
  }
  return (10 - (total % 10)) % 10;
}

// YYMMDD of a personnummer in the given full year; a samordningsnummer adds 60 to the day.
function isBirthDate(year: number, digits: string): boolean {
  const month = Number(digits.slice(2, 4));
  const rawDay = Number(digits.slice(4, 6));
  const day = rawDay > 60 ? rawDay - 60 : rawDay;
  if (month < 1 || month > 12 || day < 1) {
    return false;
  }
  const isLeap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthLength =
    [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= monthLength;
}

/**
 * The checked leaves of an SKVFS 2021:16 export: each writes a journaled value as the schema
 * holds it, and lists what it could not write as journaled as a deviation (SkvfsExportProblem)
 * with an XML comment beside the element (docs/protocols/skvfs-2021-16-export.md, "Avvikelser").
 */
import {
  type BusinessDay,
  type JournalEntry,
  type Ore,
  businessDayOf,
  isVatRate,
  multiplyByGrams,
  multiplyByQuantity,
  ore,
  vatOfGross,
} from '@kassa/core';
import type { Context, SkvfsExportProblem } from './types.js';
import { type XmlNode, el, leaf } from './xml.js';
import {
  SKVFS_DATE_TIME,
  formatSkvfsAmount,
  formatSkvfsDateTime,
  formatSkvfsIdentityNumber,
  formatSkvfsRate,
} from './formats.js';

const MAX_TEXT = 72;

/**
 * A text element: cut to the XSD's 72 characters (code points). Empty text, which the schema
 * cannot hold, is written as SAKNAS and listed as a deviation.
 */
export function textLeaf(
  ctx: Context,
  seq: number | null,
  element: string,
  value: string,
  max = MAX_TEXT,
): XmlNode {
  if (value.trim() === '') {
    return noted(
      ctx,
      { seq, element, value, reason: 'tom text / empty text', written: MISSING },
      leaf(element, MISSING),
    );
  }
  const points = Array.from(value);
  return leaf(element, points.length <= max ? value : points.slice(0, max).join(''));
}

/** The first and last instants the schema's date-time can hold. */
const FIRST_DATE_TIME = '2010-01-01T00:00:00';
const LAST_DATE_TIME = '2099-12-31T23:59:59';

/**
 * A date-time element in the shop's zone. An instant outside 2010–2099 (a PC clock reset before
 * Kassa refused such clocks), or no instant at all, is written as the nearest end of that range
 * and listed as a deviation.
 */
export function time(ctx: Context, seq: number | null, element: string, instant: string): XmlNode {
  const ms = Date.parse(instant);
  const value = Number.isNaN(ms) ? null : formatSkvfsDateTime(ms, ctx.zone);
  if (value !== null && SKVFS_DATE_TIME.test(value)) return leaf(element, value);
  const written = value !== null && value > LAST_DATE_TIME ? LAST_DATE_TIME : FIRST_DATE_TIME;
  return noted(
    ctx,
    {
      seq,
      element,
      value: instant,
      reason:
        value === null
          ? 'ingen tidpunkt / not an instant'
          : 'utanför åren 2010–2099 som schemat rymmer / outside the years 2010–2099 the schema holds',
      written,
    },
    leaf(element, written),
  );
}

const MAX_AMOUNT = 9_999_999_999_999;

/**
 * An amount element. One outside the schema's range (or not a whole number of öre) is written
 * as the nearest value the schema holds and listed as a deviation.
 */
export function amount(
  ctx: Context,
  seq: number | null,
  element: string,
  value: Ore,
  options: { min0?: boolean } = {},
): XmlNode {
  const min = options.min0 === true ? 0 : -999_999_999_999;
  if (Number.isSafeInteger(value) && value >= min && value <= MAX_AMOUNT) {
    return leaf(element, formatSkvfsAmount(value));
  }
  const rounded = Number.isFinite(value) ? Math.round(value) : 0;
  const written = formatSkvfsAmount(ore(Math.min(MAX_AMOUNT, Math.max(min, rounded))));
  return noted(
    ctx,
    {
      seq,
      element,
      value: String(value),
      reason:
        options.min0 === true && rounded < 0
          ? 'negativt, schemat kräver noll eller mer / negative, the schema needs zero or more'
          : 'utanför schemats intervall / outside the schema range',
      written,
    },
    leaf(element, written),
  );
}

/** A count element: one that is not a whole number ≥ 0 is written as 0 and listed. */
export function count(ctx: Context, seq: number | null, element: string, value: number): XmlNode {
  if (Number.isSafeInteger(value) && value >= 0) return leaf(element, String(value));
  return noted(
    ctx,
    {
      seq,
      element,
      value: String(value),
      reason: 'inte ett antal / not a count',
      written: '0',
    },
    leaf(element, '0'),
  );
}

/**
 * A value the schema cannot hold, exported all the same: listed in the export's problems and
 * announced by an XML comment right before the element, which holds `written`.
 */
export function noted(ctx: Context, problem: SkvfsExportProblem, element: XmlNode): XmlNode {
  if ('comment' in element) throw new TypeError('a deviation belongs to an element');
  ctx.problems.push(problem);
  const where = problem.seq === null ? 'exportens huvud' : `händelse ${problem.seq}`;
  return {
    ...element,
    note: `AVVIKELSE (${where}): ${problem.element} i journalen är "${problem.value}", ${problem.reason}; skrivet här som "${problem.written}". / DEVIATION: the journal's value does not fit the schema; written as shown.`,
  };
}

function deviation(
  ctx: Context,
  problem: SkvfsExportProblem,
  element: XmlNode,
): readonly XmlNode[] {
  return [noted(ctx, problem, element)];
}

/** The journal's word for a value that is missing, padded or cut to the field's length. */
const MISSING = 'SAKNAS';

/** `value` as exactly `length` code points: cut, or padded with spaces at the end. */
function fitted(value: string, length: number): string {
  const points = Array.from(value);
  return points.length >= length
    ? points.slice(0, length).join('')
    : value + ' '.repeat(length - points.length);
}

const UNIT_SERIAL = /^[A-Za-z0-9 -]{17}$/;

/**
 * TillverkningsnummerForKontrollenheten: 17 characters A–Z, 0–9, space or hyphen. A serial the
 * unit answered otherwise (older registers journaled it unchecked) is written with the other
 * characters as hyphens, cut or space-padded to 17, and listed as a deviation.
 */
export function serialNumber(
  ctx: Context,
  seq: number | null,
  value: string | null,
): readonly XmlNode[] {
  const element = 'TillverkningsnummerForKontrollenheten';
  if (value !== null && UNIT_SERIAL.test(value)) return [leaf(element, value)];
  const written = fitted((value ?? MISSING).replace(/[^A-Za-z0-9 -]/g, '-'), 17);
  return deviation(
    ctx,
    {
      seq,
      element,
      value: String(value),
      reason:
        value === null
          ? 'ingen kontrollenhet känd / no control unit known'
          : `${Array.from(value).length} tecken, schemat kräver 17 tecken A–Z, 0–9, mellanslag eller bindestreck / the schema needs 17 characters A–Z, 0–9, space or hyphen`,
      written,
    },
    leaf(element, written),
  );
}

/**
 * TillverkningsnummerForKassaregistret: 1–48 characters A–Z, 0–9, hyphen and single spaces. One
 * the schema cannot hold is written with the other characters as hyphens, single-spaced and cut
 * to 48 (SAKNAS when empty), and listed as a deviation.
 */
export function registerSerial(ctx: Context, seq: number | null, value: string): XmlNode {
  const element = 'TillverkningsnummerForKassaregistret';
  const pattern = /^[0-9A-Za-z-](?:[0-9A-Za-z-]| [0-9A-Za-z-])*$/;
  if (value.length >= 1 && value.length <= 48 && pattern.test(value)) return leaf(element, value);
  const cleaned = Array.from(
    value
      .replace(/[^0-9A-Za-z -]/g, '-')
      .replace(/ +/g, ' ')
      .trim(),
  )
    .slice(0, 48)
    .join('')
    .trim();
  const written = cleaned === '' ? MISSING : cleaned;
  return noted(
    ctx,
    {
      seq,
      element,
      value,
      reason:
        '1–48 tecken A–Z, 0–9, bindestreck, enkla mellanslag / 1–48 characters A–Z, 0–9, hyphen, single spaces',
      written,
    },
    leaf(element, written),
  );
}

/**
 * A control code: 59 characters in the schema. One of another length (older registers journaled
 * the unit's answer unchecked) is written cut or space-padded to 59 and listed as a deviation.
 */
export function controlCode(
  ctx: Context,
  seq: number,
  element: string,
  value: string | null,
): readonly XmlNode[] {
  if (value !== null && Array.from(value).length === 59) return [leaf(element, value)];
  const written = fitted(value ?? MISSING, 59);
  return deviation(
    ctx,
    {
      seq,
      element,
      value: String(value),
      reason:
        value === null
          ? 'kontrollkod saknas / no control code'
          : `${Array.from(value).length} tecken, kontrollkoden ska ha 59 tecken / the control code has 59 characters`,
      written,
    },
    leaf(element, written),
  );
}

/**
 * Written in place of an identity number that is neither an organisationsnummer nor a
 * personnummer: it has the schema's organisationsnummer form, and no legal person has it (the
 * first digit, the group of the legal form, is never 0).
 */
export const PLACEHOLDER_IDENTITY_NUMBER = '0020000000';

export function identityNumber(ctx: Context, seq: number | null, value: string): XmlNode {
  const element = 'OrganisationsnummerEllerPersonnummer';
  const number = formatSkvfsIdentityNumber(value, ctx.exportDay);
  if (number.ok) return leaf(element, number.value);
  return noted(
    ctx,
    { seq, element, value, reason: number.reason, written: PLACEHOLDER_IDENTITY_NUMBER },
    leaf(element, PLACEHOLDER_IDENTITY_NUMBER),
  );
}

function dayOf(ctx: Context, entry: JournalEntry): BusinessDay {
  return businessDayOf(Date.parse(entry.at), ctx.zone);
}

/**
 * The number of the Z-dagrapport that covers the entry: the first Z after it that closes its
 * business day; "0" while that day has no Z yet.
 */
export function zNumberFor(ctx: Context, entry: JournalEntry): string {
  const day = dayOf(ctx, entry);
  const z = ctx.zReports.find((r) => r.seq > entry.seq && r.businessDay === day);
  return z === undefined ? '0' : String(z.zNumber);
}

/** Quantity elements of a line: pieces as the count; a weighed good as 1 with its kilograms. */
export function quantityParts(
  ctx: Context,
  prefix: '' | 'Tidigare',
  antal: string,
  mangd: string,
  unit: 'piece' | 'gram',
  quantity: number,
  unitPrice: Ore,
  seq: number,
): XmlNode[] {
  if (!Number.isSafeInteger(quantity)) {
    const written = Number.isFinite(quantity) ? String(Math.round(quantity)) : '0';
    return [
      noted(
        ctx,
        {
          seq,
          element: `${prefix}${antal}`,
          value: String(quantity),
          reason: 'inte ett heltal / not a whole number',
          written,
        },
        leaf(`${prefix}${antal}`, written),
      ),
      amount(ctx, seq, `${prefix}PrisPerEnhet`, unitPrice),
    ];
  }
  if (unit === 'piece') {
    return [
      leaf(`${prefix}${antal}`, String(quantity)),
      amount(ctx, seq, `${prefix}PrisPerEnhet`, unitPrice),
    ];
  }
  const grams = Math.abs(quantity);
  const kilograms = `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
  return [
    leaf(`${prefix}${antal}`, quantity < 0 ? '-1' : '1'),
    leaf(`${prefix}${mangd}`, kilograms),
    leaf(`${prefix}EnhetForViktLangdTidEllerVolym`, 'kg'),
    amount(ctx, seq, `${prefix}PrisPerEnhet`, unitPrice),
  ];
}

export function grossOf(unit: 'piece' | 'gram', unitPrice: Ore, quantity: number): Ore {
  return unit === 'piece'
    ? multiplyByQuantity(unitPrice, quantity)
    : multiplyByGrams(unitPrice, quantity);
}

/** One MervardesskattPerSkattesats: a rate and its VAT (a receipt's row or a report's). */
export function vatRow(ctx: Context, seq: number, row: { rate: number; vat: Ore }): XmlNode {
  return el('MervardesskattPerSkattesats', [
    rateLeaf(ctx, seq, 'Mervardesskattesats', row.rate),
    amount(ctx, seq, 'TotaltMervardesskattebeloppPerSkattesats', row.vat),
  ]);
}

/** A rate as the schema holds it: hundredths of a percent, a whole number ≥ 0. */
export function writtenRate(rate: number): number {
  return Number.isSafeInteger(rate) && rate >= 0 ? rate : Math.max(0, Math.round(rate) || 0);
}

/**
 * A VAT rate element. A rate that is not one of the Swedish rates (a journal from elsewhere, or
 * a changed law) is written as journaled when the schema can hold it, and listed as a deviation.
 */
export function rateLeaf(ctx: Context, seq: number, element: string, rate: number): XmlNode {
  if (isVatRate(rate)) return leaf(element, formatSkvfsRate(rate));
  const written = formatSkvfsRate(writtenRate(rate));
  return noted(
    ctx,
    { seq, element, value: String(rate), reason: 'okänd momssats / unknown VAT rate', written },
    leaf(element, written),
  );
}

/** The VAT in a VAT-inclusive amount at any rate (vatOfGross for the Swedish rates). */
export function vatAt(gross: Ore, rate: number): Ore {
  if (isVatRate(rate)) return vatOfGross(gross, rate);
  // gross × rate / (100 % + rate), rounded half away from zero as vatOfGross does.
  const r = BigInt(writtenRate(rate));
  const numerator = BigInt(gross) * r;
  const denominator = 10_000n + r;
  const quotient = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  const away = (twice < 0n ? -twice : twice) >= denominator;
  return ore(Number(away ? quotient + (numerator < 0n ? -1n : 1n) : quotient));
}

export function articleType(itemType: 'good' | 'service'): XmlNode {
  return leaf('TypAvArtikel', itemType === 'service' ? 'TJANST' : 'VARA');
}

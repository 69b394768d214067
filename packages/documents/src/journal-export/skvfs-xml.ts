/**
 * The journal of one register as the standard export of SKVFS 2021:16 (the XML schema
 * "utredningsstöd", version 2021-12-08, in docs/spec/skvfs-2021-16/): the root
 * `ExportAvDataFranJournalminneEnligtSKVFS2021-16`, one `Handelse` per journal entry, in journal
 * order. Pure: the caller passes the entries of the period, the identity, the export time and the
 * zone; nothing here reads a clock, a file or the process time zone.
 *
 * Formats, from the XSD: amounts are xs:decimal with at most two fraction digits, written as
 * kronor with a decimal point and always two decimals ("-12.50"); VAT rates likewise in percent
 * ("25.00"); date and time is xs:dateTime restricted to exactly "YYYY-MM-DDThh:mm:ss" (no zone,
 * no fraction), so it is the local time in the shop's zone, seconds truncated; text elements hold
 * 1–72 characters. Every mapping decision is in docs/protocols/skvfs-2021-16-export.md.
 */
import {
  type BusinessDay,
  type JournalEntry,
  type Ore,
  type PaymentMethod,
  type Receipt,
  type ReceiptLine,
  type Result,
  type Failure,
  type XReport,
  type ZReport,
  businessDayOf,
  fail,
  isIsoInstant,
  isSimulatedReceipt,
  isVatRate,
  SIMULATED_SERIAL_PREFIX,
  multiplyByGrams,
  multiplyByQuantity,
  negate,
  ok,
  ore,
  subtract,
  vatOfGross,
} from '@kassa/core';

export const INSTANS_NAMESPACE =
  'http://xmls.skatteverket.se/se/skatteverket/td/instans/utredningsstod/1.0';
export const KOMPONENT_NAMESPACE =
  'http://xmls.skatteverket.se/se/skatteverket/td/komponent/utredningsstod/1.0';
export const ROOT_ELEMENT = 'ExportAvDataFranJournalminneEnligtSKVFS2021-16';

/** Who and what the export is about. */
export interface SkvfsIdentity {
  readonly companyName: string;
  /** 'NNNNNN-NNNN' (organisationsnummer or personnummer without century). */
  readonly organisationNumber: string;
  readonly placeOfSaleAddress: string;
  /** Kassabeteckning. */
  readonly registerId: string;
  /** The register's tillverkningsnummer (the terminal's serial number). */
  readonly registerSerialNumber: string;
  /** The control unit's tillverkningsnummer when no receipt of the period names one. */
  readonly controlUnitSerial: string | null;
  readonly programName: string;
  readonly programVersion: string;
  readonly modelDesignation: string;
}

/** A Z-dagrapport journaled after the period: which number closed which business day. */
export interface ZReference {
  readonly seq: number;
  readonly zNumber: number;
  readonly businessDay: BusinessDay;
}

export interface SkvfsExportInput {
  /** The entries of the period, in journal order (seq ascending). */
  readonly entries: readonly JournalEntry[];
  readonly identity: SkvfsIdentity;
  /** ISO instants; `from` inclusive, `to` exclusive (as the journal store reads them). */
  readonly period: { readonly from: string; readonly to: string };
  /** ISO instant, from the caller's clock. */
  readonly exportedAt: string;
  /** Who runs the export (InloggadAnvandareVidExportAvDataFranJournalminnet); null: unknown. */
  readonly exportedBy: string | null;
  /** The shop's zone: 'Europe/Stockholm'. */
  readonly timeZone: string;
  /**
   * Entries before the period that entries of the period refer to, never exported themselves:
   * the `line-added` of a line changed or removed in the period, the original of a copy, the
   * last `register-started` (the program version of a Z).
   */
  readonly earlierEntries?: readonly JournalEntry[];
  /** Z-dagrapporter journaled after the period (the Z number of a receipt of the period). */
  readonly laterZReports?: readonly ZReference[];
}

/**
 * Why no export could be made: only an empty period (the schema needs at least one `Handelse`).
 * Whatever a journal holds exports; what the schema cannot hold is a deviation (SkvfsExportProblem).
 */
export type SkvfsExportFailure = Failure<'export-empty'>;

/**
 * A value in the journal that the schema cannot hold as it is, exported anyway: SKVFS 2021:16
 * wants the journal's content exported, and a journal an export cannot be made of would hide it
 * (docs/protocols/skvfs-2021-16-export.md, "Avvikelser"). `written` is what the file holds in its
 * place; an XML comment beside the element says the same in the file itself.
 */
export interface SkvfsExportProblem {
  /** The journal entry (null: the export's head). */
  readonly seq: number | null;
  readonly element: string;
  /** The value as journaled. */
  readonly value: string;
  /** What is wrong with it (Swedish / English). */
  readonly reason: string;
  /** What the file holds instead. */
  readonly written: string;
}

/** The XML of an export and the values it could not write as journaled. */
export interface SkvfsExport {
  readonly xml: string;
  readonly problems: readonly SkvfsExportProblem[];
}

// ---------------------------------------------------------------------------------------------
// A minimal XML tree: every element is in the komponent namespace except the root.

// `note`: an XML comment written right before the element (a deviation, see `noted`).
type XmlNode =
  | { readonly name: string; readonly text: string; readonly note?: string }
  | { readonly name: string; readonly children: readonly XmlNode[]; readonly note?: string }
  | { readonly comment: string };

function el(
  name: string,
  children: readonly (XmlNode | readonly XmlNode[] | null | undefined | false)[],
): XmlNode {
  return {
    name,
    children: children.flatMap((c): XmlNode[] =>
      Array.isArray(c) ? [...(c as readonly XmlNode[])] : c ? [c as XmlNode] : [],
    ),
  };
}

/** Text of an XML comment: "--" cannot occur in one, nor a "-" at its end. */
function commentText(text: string): string {
  return escapeXmlText(text)
    .replace(/-(?=-)/g, '- ')
    .replace(/-$/, '- ');
}

function leaf(name: string, text: string): XmlNode {
  return { name, text };
}

/** Characters XML 1.0 cannot hold: replaced with U+FFFD so the file stays well-formed. */
const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text content; CR is written as a reference so parsers keep it. */
export function escapeXmlText(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

function serialize(node: XmlNode, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  if ('comment' in node) {
    out.push(`${indent}<!-- ${commentText(node.comment)} -->`);
    return;
  }
  if (node.note !== undefined) out.push(`${indent}<!-- ${commentText(node.note)} -->`);
  const name = `utreko:${node.name}`;
  if ('text' in node) {
    out.push(`${indent}<${name}>${escapeXmlText(node.text)}</${name}>`);
    return;
  }
  out.push(`${indent}<${name}>`);
  for (const child of node.children) serialize(child, depth + 1, out);
  out.push(`${indent}</${name}>`);
}

// ---------------------------------------------------------------------------------------------
// Value formats.

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

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An ISO instant as the XSD's local "YYYY-MM-DDThh:mm:ss" in `timeZone` (seconds truncated). */
export function formatSkvfsDateTime(instant: string | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(ms);
  const part = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

// The XSD allows the years 2010–2099 only (pattern "20[1-9][0-9]" + 15 characters).
const SKVFS_DATE_TIME = /^20[1-9]\d-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

const MAX_TEXT = 72;

/**
 * A text element: cut to the XSD's 72 characters (code points). Empty text, which the schema
 * cannot hold, is written as SAKNAS and listed as a deviation.
 */
function textLeaf(
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

const PAYMENT_NAMES: Record<PaymentMethod, string> = {
  cash: 'Kontant',
  card: 'Kort',
  swish: 'Swish',
};

/** Used when a receipt or report has no payment at all; the XSD needs one row. */
export const NO_PAYMENT = 'Ingen betalning';

// Organisationsnummer: 10 digits, third ≥ 2. Personnummer: 12 digits with the century.
const ORGANISATION_NUMBER = /^\d{2}[2-9]\d{7}$/;

/** Why a value is not an OrganisationsnummerEllerPersonnummer (Swedish / English). */
export const NOT_TEN_DIGITS = 'inte 10 siffror / not 10 digits';
export const NOT_AN_IDENTITY_NUMBER =
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

// ---------------------------------------------------------------------------------------------

interface Context {
  readonly input: SkvfsExportInput;
  readonly zone: string;
  readonly exportDay: BusinessDay;
  /** earlierEntries + entries, by seq ascending. */
  readonly all: readonly JournalEntry[];
  readonly zReports: readonly ZReference[];
  /** Item type per article number, as sold on receipts in the export. */
  readonly itemTypes: ReadonlyMap<string, 'good' | 'service'>;
  /** The values written other than journaled, in the order the file holds them. */
  readonly problems: SkvfsExportProblem[];
}

/** The first and last instants the schema's date-time can hold. */
const FIRST_DATE_TIME = '2010-01-01T00:00:00';
const LAST_DATE_TIME = '2099-12-31T23:59:59';

/**
 * A date-time element in the shop's zone. An instant outside 2010–2099 (a PC clock reset before
 * Kassa refused such clocks), or no instant at all, is written as the nearest end of that range
 * and listed as a deviation.
 */
function time(ctx: Context, seq: number | null, element: string, instant: string): XmlNode {
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
function amount(
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
function count(ctx: Context, seq: number | null, element: string, value: number): XmlNode {
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
function noted(ctx: Context, problem: SkvfsExportProblem, element: XmlNode): XmlNode {
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
function serialNumber(ctx: Context, seq: number | null, value: string | null): readonly XmlNode[] {
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
function registerSerial(ctx: Context, seq: number | null, value: string): XmlNode {
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
function controlCode(
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

function identityNumber(ctx: Context, seq: number | null, value: string): XmlNode {
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
function zNumberFor(ctx: Context, entry: JournalEntry): string {
  const day = dayOf(ctx, entry);
  const z = ctx.zReports.find((r) => r.seq > entry.seq && r.businessDay === day);
  return z === undefined ? '0' : String(z.zNumber);
}

/** Quantity elements of a line: pieces as the count; a weighed good as 1 with its kilograms. */
function quantityParts(
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

function grossOf(unit: 'piece' | 'gram', unitPrice: Ore, quantity: number): Ore {
  return unit === 'piece'
    ? multiplyByQuantity(unitPrice, quantity)
    : multiplyByGrams(unitPrice, quantity);
}

/** One MervardesskattPerSkattesats: a rate and its VAT (a receipt's row or a report's). */
function vatRow(ctx: Context, seq: number, row: { rate: number; vat: Ore }): XmlNode {
  return el('MervardesskattPerSkattesats', [
    rateLeaf(ctx, seq, 'Mervardesskattesats', row.rate),
    amount(ctx, seq, 'TotaltMervardesskattebeloppPerSkattesats', row.vat),
  ]);
}

/** A rate as the schema holds it: hundredths of a percent, a whole number ≥ 0. */
function writtenRate(rate: number): number {
  return Number.isSafeInteger(rate) && rate >= 0 ? rate : Math.max(0, Math.round(rate) || 0);
}

/**
 * A VAT rate element. A rate that is not one of the Swedish rates (a journal from elsewhere, or
 * a changed law) is written as journaled when the schema can hold it, and listed as a deviation.
 */
function rateLeaf(ctx: Context, seq: number, element: string, rate: number): XmlNode {
  if (isVatRate(rate)) return leaf(element, formatSkvfsRate(rate));
  const written = formatSkvfsRate(writtenRate(rate));
  return noted(
    ctx,
    { seq, element, value: String(rate), reason: 'okänd momssats / unknown VAT rate', written },
    leaf(element, written),
  );
}

/** The VAT in a VAT-inclusive amount at any rate (vatOfGross for the Swedish rates). */
function vatAt(gross: Ore, rate: number): Ore {
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

function articleType(itemType: 'good' | 'service'): XmlNode {
  return leaf('TypAvArtikel', itemType === 'service' ? 'TJANST' : 'VARA');
}

// ---------------------------------------------------------------------------------------------
// Receipts.

function soldArticle(ctx: Context, seq: number, line: ReceiptLine, registeredAt: string): XmlNode {
  const rate = line.vatRate;
  return el('SaldArtikel', [
    articleType(line.itemType),
    line.group === undefined ? null : textLeaf(ctx, seq, 'NamnPaHuvudgrupp', line.group),
    line.articleNumber.trim() === ''
      ? null
      : textLeaf(ctx, seq, 'Artikelnummer', line.articleNumber),
    textLeaf(ctx, seq, 'Artikelnamn', line.text),
    ...quantityParts(
      ctx,
      '',
      'AntalAvSaldArtikel',
      'MangdAvSaldArtikel',
      line.unit,
      line.quantity,
      line.unitPrice,
      seq,
    ),
    amount(ctx, seq, 'PrisPaSaldArtikel', line.amount),
    line.discount === 0
      ? null
      : el('RabatterPaSaldArtikelLISTA', [
          el('RabattPaSaldArtikel', [amount(ctx, seq, 'RabattensBelopp', line.discount)]),
        ]),
    rateLeaf(ctx, seq, 'MervardesskattesatsForSaldArtikel', rate),
    amount(ctx, seq, 'MervardesskattPaSaldArtikel', vatAt(line.amount, rate)),
    time(ctx, seq, 'ArtikelnsRegistreringstidpunkt', registeredAt),
  ]);
}

/** The middle of every receipt: articles, discount, totals, (payments,) VAT per rate. */
function receiptBody(
  ctx: Context,
  seq: number,
  receipt: Receipt,
  options: { payments: boolean },
): XmlNode[] {
  const vatTotal = receipt.vat.reduce((acc, row) => acc + row.vat, 0);
  const payments = receipt.payments.map((p) =>
    el('TotalForsaljningssummaPerBetalningsmedel', [
      leaf('Betalningsmedel', PAYMENT_NAMES[p.method]),
      amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', p.amount),
    ]),
  );
  // The schema needs one VAT row at least: a receipt journaled without any gets a row of 0 % and
  // 0,00, listed as a deviation.
  const vatRows =
    receipt.vat.length > 0
      ? receipt.vat.map((row) => vatRow(ctx, seq, row))
      : [
          noted(
            ctx,
            {
              seq,
              element: 'MervardesskattPerSkattesats',
              value: '[]',
              reason: 'kvittot saknar moms per sats / the receipt has no VAT rows',
              written: '0.00 % 0.00',
            },
            el('MervardesskattPerSkattesats', [
              leaf('Mervardesskattesats', formatSkvfsRate(0)),
              leaf('TotaltMervardesskattebeloppPerSkattesats', formatSkvfsAmount(ore(0))),
            ]),
          ),
        ];
  return [
    el(
      'SaldaArtiklarLISTA',
      receipt.lines.map((line) => soldArticle(ctx, seq, line, receipt.issuedAt)),
    ),
    receipt.discountTotal === 0
      ? null
      : amount(ctx, seq, 'TotaltRabattbeloppPaKvitto', receipt.discountTotal),
    amount(ctx, seq, 'TotaltForsaljningsbeloppISvenskaKronor', receipt.total),
    amount(ctx, seq, 'MervardesskattPaForsaljningsbeloppet', ore(vatTotal)),
    options.payments
      ? el(
          'TotalaForsaljningssummorPerBetalningsmedelLISTA',
          payments.length > 0
            ? payments
            : [
                el('TotalForsaljningssummaPerBetalningsmedel', [
                  leaf('Betalningsmedel', NO_PAYMENT),
                  amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', ore(0)),
                ]),
              ],
        )
      : null,
    el('MervardesskattPaOlikaSkattesatserLISTA', vatRows),
  ].filter((n): n is XmlNode => n !== null);
}

function receiptHead(ctx: Context, seq: number, receipt: Receipt): XmlNode[] {
  return [
    textLeaf(ctx, seq, 'ForetagetsNamn', receipt.companyName),
    identityNumber(ctx, seq, receipt.organisationNumber),
    textLeaf(ctx, seq, 'DenAdressDarForsaljningSker', receipt.placeOfSaleAddress),
  ];
}

function unitSerialOf(ctx: Context, receipt: Receipt): string | null {
  return receipt.controlUnitSerial ?? ctx.input.identity.controlUnitSerial;
}

/** The original of a copy, or null when the journal does not hold it. */
function findOriginal(ctx: Context, copy: JournalEntry, receipt: Receipt): Receipt | null {
  const wanted = receipt.original;
  if (wanted !== null) {
    for (let i = ctx.all.length - 1; i >= 0; i -= 1) {
      const entry = ctx.all[i] as JournalEntry;
      if (entry.seq >= copy.seq) continue;
      if (entry.kind !== 'sale' && entry.kind !== 'return') continue;
      const candidate = entry.data.receipt;
      if (
        candidate.receiptNumber === wanted.receiptNumber &&
        candidate.registerId === receipt.registerId
      ) {
        return candidate;
      }
    }
  }
  return null;
}

function receiptElement(
  ctx: Context,
  entry: JournalEntry & { data: { receipt: Receipt } },
): XmlNode {
  const { seq } = entry;
  const receipt = entry.data.receipt;
  const registerId = textLeaf(ctx, seq, 'Kassabeteckning', receipt.registerId);
  const zNumber = leaf('LopnummerForZDagrapportPaKvitto', zNumberFor(ctx, entry));
  const serial = serialNumber(ctx, seq, unitSerialOf(ctx, receipt));
  switch (entry.kind) {
    case 'sale':
      return el('Kassakvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarKvittoFramstalls', receipt.issuedAt),
        leaf('LopnummerForKassakvitto', String(receipt.receiptNumber)),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        receipt.delivery === 'electronic' ? leaf('ElektronisktKassakvitto', 'JA') : null,
        zNumber,
        serial,
        controlCode(ctx, seq, 'Kontrollkod', receipt.controlCode),
      ]);
    case 'return':
      return el('Returkvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarReturkvittoFramstalls', receipt.issuedAt),
        leaf('LopnummerForKassakvitto', String(receipt.receiptNumber)),
        receipt.original === null
          ? null
          : leaf('LopnummerForUrsprungligtKassakvitto', String(receipt.original.receiptNumber)),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        receipt.delivery === 'electronic' ? leaf('ElektronisktKassakvitto', 'JA') : null,
        zNumber,
        serial,
        controlCode(ctx, seq, 'Kontrollkod', receipt.controlCode),
      ]);
    case 'copy': {
      // Without the original in the journal (cut, or not passed in earlierEntries) the copy is
      // exported with what it holds: its own time, the number it names, no original code.
      const original = findOriginal(ctx, entry, receipt);
      const copy = el('KopiaAvKassakvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarKvittoFramstalls', receipt.issuedAt),
        time(
          ctx,
          seq,
          'DatumOchKlockslagNarOriginalkvittoFramstalldes',
          original?.issuedAt ?? receipt.issuedAt,
        ),
        leaf('LopnummerForKvittokopia', String(receipt.receiptNumber)),
        leaf(
          'LopnummerPaOriginalkvitto',
          String(original?.receiptNumber ?? receipt.original?.receiptNumber ?? 0),
        ),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        receipt.controlCode === null
          ? null
          : controlCode(ctx, seq, 'KontrollkodPaKopiaAvKassakvitto', receipt.controlCode),
        receipt.delivery === 'electronic' ? leaf('ElektroniskKopiaAvKassakvitto', 'JA') : null,
        zNumber,
        serial,
        controlCode(ctx, seq, 'KontrollkodForKvittotSomKopianAvser', original?.controlCode ?? null),
      ]);
      return original === null
        ? missingReference(
            ctx,
            seq,
            copy,
            `originalkvitto ${receipt.original?.receiptNumber ?? '?'} / original receipt`,
            "kopians egen tidpunkt som originalets / the copy's own time as the original's",
          )
        : copy;
    }
    case 'training':
      return el('Ovningskvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarKvittoFramstalls', receipt.issuedAt),
        leaf('LopnummerForOvningskvitto', String(receipt.receiptNumber)),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: true }),
        zNumber,
        serial,
      ]);
    case 'pro-forma':
      return el('ProFormaKvitto', [
        ...receiptHead(ctx, seq, receipt),
        time(ctx, seq, 'DatumOchKlockslagNarProFormaKvittoFramstalls', receipt.issuedAt),
        registerId,
        ...receiptBody(ctx, seq, receipt, { payments: false }),
        serial,
      ]);
    default:
      throw new TypeError(`not a receipt entry: ${entry.kind}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Day reports.

function programVersionAt(ctx: Context, seq: number): string {
  for (let i = ctx.all.length - 1; i >= 0; i -= 1) {
    const entry = ctx.all[i] as JournalEntry;
    if (entry.seq < seq && entry.kind === 'register-started') return entry.data.programVersion;
  }
  return ctx.input.identity.programVersion;
}

function reportElement(ctx: Context, seq: number, report: XReport | ZReport): XmlNode {
  const isZ = report.type === 'Z';
  const { identity } = ctx.input;
  const vat =
    report.vatPerRate.length > 0
      ? report.vatPerRate.map((row) => vatRow(ctx, seq, row))
      : [
          el('MervardesskattPerSkattesats', [
            leaf('Mervardesskattesats', formatSkvfsRate(0)),
            amount(ctx, seq, 'TotaltMervardesskattebeloppPerSkattesats', ore(0)),
          ]),
        ];
  const payments =
    report.payments.length > 0
      ? report.payments.map((p) =>
          el('TotalForsaljningssummaPerBetalningsmedel', [
            leaf('Betalningsmedel', PAYMENT_NAMES[p.method]),
            amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', p.sales),
          ]),
        )
      : [
          el('TotalForsaljningssummaPerBetalningsmedel', [
            leaf('Betalningsmedel', NO_PAYMENT),
            amount(ctx, seq, 'ForsaljningssummaPerBetalningsmedel', ore(0)),
          ]),
        ];
  return el(isZ ? 'ZDagrapport' : 'XDagrapport', [
    textLeaf(ctx, seq, 'ForetagetsNamn', report.companyName),
    identityNumber(ctx, seq, report.organisationNumber),
    time(ctx, seq, 'DatumOchKlockslagNarRapportFramstalls', report.producedAt),
    report.type === 'Z' ? leaf('LopnummerForZDagrapport', String(report.zNumber)) : null,
    textLeaf(ctx, seq, 'Kassabeteckning', report.registerId),
    ...(isZ
      ? [
          registerSerial(ctx, seq, report.registerSerialNumber ?? identity.registerSerialNumber),
          textLeaf(ctx, seq, 'ModellbeteckningForKassaregistret', identity.modelDesignation),
          textLeaf(ctx, seq, 'ModellEllerProgramForKassaregistret', identity.programName),
          textLeaf(ctx, seq, 'VersionsnummerForKassaregistret', programVersionAt(ctx, seq)),
        ]
      : []),
    amount(ctx, seq, 'TotalForsaljningssumma', report.salesTotal),
    report.salesByGroup.length === 0
      ? null
      : el(
          'TotalaForsaljningssummorForOlikaHuvudgrupperLISTA',
          report.salesByGroup.map((g) =>
            el('TotalForsaljningssummaForOlikaHuvudgrupper', [
              textLeaf(ctx, seq, 'NamnPaHuvudgrupp', g.group),
              amount(ctx, seq, 'TotalForsaljningssummaForHuvudgrupp', g.amount),
            ]),
          ),
        ),
    el('MervardesskattPaOlikaSkattesatserLISTA', vat),
    amount(ctx, seq, 'VaxelkassansBeloppISvenskaKronor', report.cashFloat),
    count(ctx, seq, 'AntalSaldaVaror', report.goodsSold),
    count(ctx, seq, 'AntalSaldaTjanster', report.servicesSold),
    count(ctx, seq, 'AntalKassakvitton', report.receiptCount),
    count(ctx, seq, 'AntalKassaladoppningar', report.drawerOpenings),
    count(ctx, seq, 'AntalKvittokopior', report.copies.count),
    amount(ctx, seq, 'TotaltBeloppPaKvittokopior', report.copies.amount),
    count(ctx, seq, 'AntalKvittonSomTagitsFramIOvningslage', report.training.count),
    amount(ctx, seq, 'TotaltBeloppIOvningslage', report.training.amount, { min0: true }),
    el('TotalaForsaljningssummorPerBetalningsmedelLISTA', payments),
    count(ctx, seq, 'AntalReturer', report.returns.count),
    amount(ctx, seq, 'ReturernasBelopp', report.returns.amount),
    amount(ctx, seq, 'RabatternasBelopp', report.discounts),
    count(
      ctx,
      seq,
      'AntalOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp',
      report.otherReductions.count,
    ),
    amount(
      ctx,
      seq,
      'TotaltBeloppAvOvrigaRegistreringarSomMinskatDagensForsaljningsbelopp',
      report.otherReductions.amount,
      { min0: true },
    ),
    count(ctx, seq, 'AntalOavslutadeForsaljningar', report.unfinishedSales.count),
    amount(ctx, seq, 'TotaltBeloppAvOavslutadeForsaljningar', report.unfinishedSales.amount, {
      min0: true,
    }),
    amount(ctx, seq, 'GrandTotalForsaljning', report.grandTotals.sales, { min0: true }),
    amount(ctx, seq, 'GrandTotalRetur', report.grandTotals.returns),
    amount(ctx, seq, 'GrandTotalNetto', report.grandTotals.net),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Article registrations (the sale under construction).

type LineAdded = Extract<JournalEntry, { kind: 'line-added' }>;

function lineAddedBefore(
  ctx: Context,
  seq: number,
  match: (entry: LineAdded) => boolean,
): LineAdded | undefined {
  for (let i = ctx.all.length - 1; i >= 0; i -= 1) {
    const entry = ctx.all[i] as JournalEntry;
    if (entry.seq < seq && entry.kind === 'line-added' && match(entry)) return entry;
  }
  return undefined;
}

/** What a change or removal of a line whose registration is missing holds instead. */
const LINE_UNKNOWN =
  "a-pris och momssats 0, registreringstidpunkt som händelsens / unit price and VAT rate 0, registration time the entry's";

/**
 * An entry that refers to one the journal does not hold (its tail or head cut, or an earlier
 * period not passed in `earlierEntries`): exported with what it holds itself, the element
 * announced as a deviation.
 */
function missingReference(
  ctx: Context,
  seq: number,
  element: XmlNode,
  reference: string,
  written: string,
): XmlNode {
  return noted(
    ctx,
    {
      seq,
      element: 'name' in element ? element.name : 'Handelse',
      value: reference,
      reason:
        'händelsen den hänvisar till finns inte i journalen / the entry it refers to is not in the journal',
      written,
    },
    element,
  );
}

function registeredArticle(
  ctx: Context,
  entry: JournalEntry,
  article: {
    lineId: string | null;
    articleNumber: string;
    text: string;
    unit: 'piece' | 'gram';
    quantity: number;
    unitPrice: Ore;
    price: Ore;
    discount: Ore;
    vatRate: number;
  },
): XmlNode[] {
  const { seq } = entry;
  return [
    article.lineId === null || article.lineId.trim() === ''
      ? null
      : textLeaf(ctx, seq, 'IdentitetsbeteckningForRegistreringAvArtiklar', article.lineId),
    articleType(ctx.itemTypes.get(article.articleNumber) ?? 'good'),
    article.articleNumber.trim() === ''
      ? null
      : textLeaf(ctx, seq, 'Artikelnummer', article.articleNumber),
    textLeaf(ctx, seq, 'Artikelnamn', article.text),
    ...quantityParts(
      ctx,
      '',
      'AntalAvRegistreradArtikel',
      'MangdAvRegistreradArtikel',
      article.unit,
      article.quantity,
      article.unitPrice,
      seq,
    ),
    amount(ctx, seq, 'PrisPaRegistreradArtikel', article.price),
    article.discount === 0
      ? null
      : el('RabatterPaRegistreradArtikelLISTA', [
          el('RabattPaRegistreradArtikel', [amount(ctx, seq, 'RabattensBelopp', article.discount)]),
        ]),
    rateLeaf(ctx, seq, 'MervardesskattesatsForRegistreradArtikel', article.vatRate),
    amount(ctx, seq, 'MervardesskattPaRegistreradArtikel', vatAt(article.price, article.vatRate)),
  ].filter((n): n is XmlNode => n !== null);
}

// ---------------------------------------------------------------------------------------------

function ovrigRapport(ctx: Context, seq: number, name: string, parameters: string): XmlNode {
  return el('OvrigRapport', [
    textLeaf(ctx, seq, 'NamnPaOvrigRapport', name),
    textLeaf(ctx, seq, 'Sokparameter', parameters, 256),
  ]);
}

/** The event element of one entry (the choice inside `Handelse`). */
function eventElement(ctx: Context, entry: JournalEntry): XmlNode {
  const { seq } = entry;
  switch (entry.kind) {
    case 'sale':
    case 'return':
    case 'copy':
    case 'training':
    case 'pro-forma':
      return receiptElement(ctx, entry);
    case 'x-report':
    case 'z-report':
      return reportElement(ctx, seq, entry.data.report);
    case 'line-added': {
      const d = entry.data;
      const rate = d.vatRate;
      return el('RegistreraArtikel', [
        ...registeredArticle(ctx, entry, {
          lineId: d.lineId,
          articleNumber: d.articleNumber,
          text: d.text,
          unit: d.unit,
          quantity: d.quantity,
          unitPrice: d.unitPrice,
          price: grossOf(d.unit, d.unitPrice, d.quantity),
          discount: ore(0),
          vatRate: rate,
        }),
      ]);
    }
    case 'line-changed': {
      const d = entry.data;
      const added = lineAddedBefore(ctx, seq, (a) => a.data.lineId === d.lineId);
      // Without the line's registration (cut from the journal) its unit price and rate are
      // unknown: written as 0, the time as the change's, and the element says so.
      const unit = added?.data.unit ?? 'piece';
      const unitPrice = added?.data.unitPrice ?? ore(0);
      const rate = added?.data.vatRate ?? 0;
      const priceAt = (q: number, discount: Ore): Ore =>
        subtract(grossOf(unit, unitPrice, q), discount);
      const before = priceAt(d.from.quantity, d.from.discount);
      const after = priceAt(d.to.quantity, d.to.discount);
      const element = el('AndraRegistreradArtikel', [
        ...registeredArticle(ctx, entry, {
          lineId: d.lineId,
          articleNumber: d.articleNumber,
          text: d.text,
          unit,
          quantity: d.to.quantity,
          unitPrice,
          price: after,
          discount: d.to.discount,
          vatRate: rate,
        }),
        ...quantityParts(
          ctx,
          'Tidigare',
          'AntalAvRegistreradArtikel',
          'MangdAvRegistreradArtikel',
          unit,
          d.from.quantity,
          unitPrice,
          seq,
        ),
        amount(ctx, seq, 'TidigarePrisPaRegistreradArtikel', before),
        d.from.discount === 0
          ? null
          : el('TidigareRabatterPaRegistreradArtikelLISTA', [
              el('TidigareRabattPaRegistreradArtikel', [
                amount(ctx, seq, 'TidigareBeloppPaRabatten', d.from.discount),
              ]),
            ]),
        rateLeaf(ctx, seq, 'TidigareMervardesskattesatsForRegistreradArtikel', rate),
        amount(ctx, seq, 'TidigareMervardesskattPaRegistreradArtikel', vatAt(before, rate)),
        time(ctx, seq, 'UrsprungligRegistreringstidpunkt', added?.at ?? entry.at),
      ]);
      return added === undefined
        ? missingReference(ctx, seq, element, `line-added ${d.lineId}`, LINE_UNKNOWN)
        : element;
    }
    case 'line-removed': {
      const d = entry.data;
      const added = lineAddedBefore(ctx, seq, (a) => a.data.articleNumber === d.articleNumber);
      const element = el('RaderaRegistreradArtikel', [
        ...registeredArticle(ctx, entry, {
          lineId: added?.data.lineId ?? null,
          articleNumber: d.articleNumber,
          text: d.text,
          unit: d.unit,
          quantity: d.quantity,
          unitPrice: added?.data.unitPrice ?? ore(0),
          price: d.amount,
          discount: ore(0),
          vatRate: added?.data.vatRate ?? 0,
        }),
        time(ctx, seq, 'UrsprungligRegistreringstidpunkt', added?.at ?? entry.at),
      ]);
      return added === undefined
        ? missingReference(ctx, seq, element, `line-added ${d.articleNumber}`, LINE_UNKNOWN)
        : element;
    }
    case 'sale-parked':
      return ovrigRapport(
        ctx,
        seq,
        'Parkerad försäljning',
        `parkering=${entry.data.parkingId}; rader=${entry.data.lineCount}; belopp=${formatSkvfsAmount(entry.data.total)}`,
      );
    case 'sale-resumed':
      return el('OppnaParkering', [
        textLeaf(ctx, seq, 'IdentitetsbeteckningPaParkering', entry.data.parkingId),
      ]);
    case 'drawer-opened':
      return leaf('OppnaKassaladaVidNollforsaljning', 'JA');
    case 'cash-float':
    case 'cash-in':
      return el('ForandraVaxelkassa', [
        amount(ctx, seq, 'ForandringAvVaxelkassaISvenskaKronor', entry.data.amount),
      ]);
    case 'cash-out':
      return el('ForandraVaxelkassa', [
        amount(ctx, seq, 'ForandringAvVaxelkassaISvenskaKronor', negate(entry.data.amount)),
      ]);
    case 'sign-in':
      return leaf('InloggningIKassaregister', 'JA');
    case 'sign-out':
      return leaf('UtloggningUrKassaregister', 'JA');
    case 'price-change': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Prisändring',
        `artikelnummer=${d.articleNumber}; artikel=${d.text}; från=${formatSkvfsAmount(d.from)}; till=${formatSkvfsAmount(d.to)}; gäller från=${d.effectiveFrom}`,
      );
    }
    case 'article-changed': {
      // The schema has no element for the article register; a programming change is an
      // OvrigRapport like a price change (docs/protocols/skvfs-2021-16-export.md).
      const d = entry.data;
      const name =
        d.field !== 'article'
          ? 'Ändrad artikel'
          : d.from === null
            ? 'Ny artikel'
            : 'Borttagen artikel';
      return ovrigRapport(
        ctx,
        seq,
        name,
        `artikelnummer=${d.articleNumber}; artikel=${d.text}; fält=${d.field}; från=${d.from ?? '(ingen)'}; till=${d.to ?? '(ingen)'}; källa=${d.source}`,
      );
    }
    case 'setting-changed': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Ändrad inställning',
        `inställning=${d.setting}; från=${d.from ?? '(ingen)'}; till=${d.to ?? '(ingen)'}`,
      );
    }
    case 'control-unit-fault':
      return textLeaf(
        ctx,
        seq,
        'StatuskodFranKontrollprogrammet',
        `FEL ${entry.data.code}: ${entry.data.message}`,
      );
    case 'control-unit-restored':
      return textLeaf(
        ctx,
        seq,
        'StatuskodFranKontrollprogrammet',
        `OK: kontrollenheten ${entry.data.serialNumber} svarar igen`,
      );
    case 'control-unit-request': {
      // The receipt data sent to the control unit, journaled before it was sent
      // (docs/protocols/control-unit.md "Lost answers").
      const d = entry.data;
      const vat = d.vat
        .map((v) => `${formatSkvfsRate(writtenRate(v.rate))};${formatSkvfsAmount(v.amount)}`)
        .join(' ');
      return ovrigRapport(
        ctx,
        seq,
        d.resend
          ? 'Kvitto skickat igen till kontrollenheten'
          : 'Kvitto skickat till kontrollenheten',
        `serie=${d.series}; löpnummer=${d.receiptNumber}; kvittotyp=${d.receiptType}; datum=${d.dateTime}; försäljningsbelopp=${formatSkvfsAmount(d.total)}; returbelopp=${formatSkvfsAmount(d.returnTotal)}; moms=${vat === '' ? '-' : vat}`,
      );
    }
    case 'control-unit-answer': {
      const d = entry.data;
      const what =
        d.outcome === 'refused'
          ? 'Kontrollenheten vägrade kvittot'
          : d.outcome === 'not-sent'
            ? 'Kvittot nådde inte kontrollenheten'
            : 'Okänt svar från kontrollenheten';
      return ovrigRapport(
        ctx,
        seq,
        what,
        `serie=${d.series}; löpnummer=${d.receiptNumber}; utfall=${d.outcome}; kod=${d.code}`,
      );
    }
    case 'receipt-number-skipped': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Löpnummer överhoppat',
        d.reason === 'journal-lost'
          ? `serie=${d.series}; löpnummer=${d.receiptNumber}; orsak=${d.reason}; utfärdat på en tidigare dator vars journal gick förlorad innan den laddades upp, numret används inte igen`
          : `serie=${d.series}; löpnummer=${d.receiptNumber}; orsak=${d.reason}; kvittot lämnades aldrig ut, kontrollenheten kan ha registrerat det med uppgifterna i begäran`,
      );
    }
    case 'clock-fault': {
      const d = entry.data;
      const why =
        d.reason === 'behind-journal'
          ? 'före senaste händelse'
          : d.reason === 'out-of-range'
            ? 'utanför åren'
            : 'fel mot serverns';
      return ovrigRapport(
        ctx,
        seq,
        'Klockfel, försäljning stoppad',
        `klocka=${d.clock}; ${why}=${d.reference}; skillnad=${Math.round(d.differenceMs / 1000)} s`,
      );
    }
    case 'receipt-printout': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        d.outcome === 'printed' ? 'Kvitto utskrivet' : 'Utskrift misslyckades',
        `kvitto=${d.receiptKind} ${d.receiptNumber}; ${d.later ? 'senare' : 'vid betalning'}${d.code ? `; fel=${d.code}` : ''}`,
      );
    }
    case 'clock-restored':
      return ovrigRapport(ctx, seq, 'Klockan rätt igen', `klocka=${entry.data.clock}`);
    case 'clock-jumped': {
      const d = entry.data;
      return ovrigRapport(
        ctx,
        seq,
        'Klockan hoppade',
        `från=${d.from}; till=${d.to}; hopp=${Math.round(d.jumpMs / 1000)} s`,
      );
    }
    case 'training-switched':
      return leaf(entry.data.training ? 'StallaOmTillOvningslage' : 'StallaOmTillNormallage', 'JA');
    case 'register-started':
      return leaf('StartAvKassaregister', 'JA');
    case 'register-stopped':
      return leaf('StoppAvKassaregister', 'JA');
    default: {
      // A kind this version does not know (a newer register's journal copied to the server):
      // exported as an OvrigRapport holding its kind and data, listed as a deviation.
      const unknown = entry as { kind: unknown; data?: unknown };
      const kind = String(unknown.kind);
      const report = ovrigRapport(
        ctx,
        seq,
        'Okänd händelse',
        `händelse=${kind}; data=${JSON.stringify(unknown.data ?? null)}`,
      );
      return noted(
        ctx,
        {
          seq,
          element: 'Handelse',
          value: kind,
          reason: 'okänd händelse / unknown kind of entry',
          written:
            'OvrigRapport "Okänd händelse" med händelsens data / an OvrigRapport with its data',
        },
        report,
      );
    }
  }
}

/** The signed-in user of an entry: `by`; for a sign-in or sign-out without one, the cashier. */
function userOf(entry: JournalEntry): string | undefined {
  if (entry.by !== undefined && entry.by.trim() !== '') return entry.by;
  if (entry.kind === 'sign-in' || entry.kind === 'sign-out') return entry.data.cashierId;
  return undefined;
}

function handelse(ctx: Context, entry: JournalEntry): XmlNode {
  const user = userOf(entry);
  return el('Handelse', [
    user === undefined ? null : textLeaf(ctx, entry.seq, 'InloggadAnvandare', user),
    textLeaf(ctx, entry.seq, 'Kassabeteckning', ctx.input.identity.registerId),
    time(ctx, entry.seq, 'Registreringstidpunkt', entry.at),
    eventElement(ctx, entry),
  ]);
}

function receiptsOf(entries: readonly JournalEntry[]): { entry: JournalEntry; receipt: Receipt }[] {
  const list: { entry: JournalEntry; receipt: Receipt }[] = [];
  for (const entry of entries) {
    switch (entry.kind) {
      case 'sale':
      case 'return':
      case 'copy':
      case 'training':
      case 'pro-forma':
        list.push({ entry, receipt: entry.data.receipt });
    }
  }
  return list;
}

/**
 * The control units of the period: each distinct serial on its receipts, in order of first use;
 * without receipts, the identity's. One `Kassaregistersystemet` is listed per control unit.
 */
function controlUnitsOf(input: SkvfsExportInput): string[] {
  const serials: string[] = [];
  for (const { receipt } of receiptsOf(input.entries)) {
    const serial = receipt.controlUnitSerial;
    if (serial !== null && !serials.includes(serial)) serials.push(serial);
  }
  if (serials.length === 0 && input.identity.controlUnitSerial !== null) {
    serials.push(input.identity.controlUnitSerial);
  }
  return serials;
}

function checkInput(input: SkvfsExportInput): void {
  const { from, to } = input.period;
  if (!isIsoInstant(from) || !isIsoInstant(to) || Date.parse(from) >= Date.parse(to)) {
    throw new RangeError(`period must be two ISO instants, from before to: ${from} – ${to}`);
  }
  if (!isIsoInstant(input.exportedAt)) {
    throw new RangeError(`exportedAt must be an ISO instant, got ${input.exportedAt}`);
  }
  let previous = 0;
  for (const entry of input.entries) {
    const at = Date.parse(entry.at);
    if (at < Date.parse(from) || at >= Date.parse(to)) {
      throw new RangeError(
        `entry ${entry.seq} (${entry.at}) is outside the period ${from} – ${to}`,
      );
    }
    if (entry.seq <= previous)
      throw new RangeError(`entries must be in journal order (seq ${entry.seq})`);
    previous = entry.seq;
  }
}

function buildContext(input: SkvfsExportInput): Context {
  const bySeq = new Map<number, JournalEntry>();
  for (const entry of input.earlierEntries ?? []) bySeq.set(entry.seq, entry);
  for (const entry of input.entries) bySeq.set(entry.seq, entry);
  const all = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const zReports: ZReference[] = [];
  for (const entry of input.entries) {
    if (entry.kind === 'z-report') {
      zReports.push({
        seq: entry.seq,
        zNumber: entry.data.report.zNumber,
        businessDay: entry.data.report.businessDay,
      });
    }
  }
  zReports.push(...(input.laterZReports ?? []));
  zReports.sort((a, b) => a.seq - b.seq);
  const itemTypes = new Map<string, 'good' | 'service'>();
  for (const { receipt } of receiptsOf(all)) {
    for (const line of receipt.lines) itemTypes.set(line.articleNumber, line.itemType);
  }
  return {
    input,
    zone: input.timeZone,
    exportDay: businessDayOf(Date.parse(input.exportedAt), input.timeZone),
    all,
    zReports,
    itemTypes,
    problems: [],
  };
}

/**
 * The SKVFS 2021:16 XML of the period's journal entries, as UTF-8 text with an XML declaration.
 * Refuses only an empty period; see journalToSkvfsExport for values the schema cannot hold.
 */
export function journalToSkvfsXml(input: SkvfsExportInput): Result<string, SkvfsExportFailure> {
  const result = journalToSkvfsExport(input);
  return result.ok ? ok(result.value.xml) : result;
}

/**
 * The export with the values it wrote other than journaled: whatever the journal holds exports
 * (SKVFS 2021:16 wants the journal's content, and a journal that cannot be exported would hide
 * it). A value the schema cannot hold — a control code or a unit serial of another length, an
 * empty text, a time outside 2010–2099, an unknown VAT rate or kind of entry, an amount out of
 * range, a reference to an entry the journal does not hold — is written in a form the schema
 * holds, announced by a comment beside it, and listed in `problems` for the caller to show
 * (docs/protocols/skvfs-2021-16-export.md "Avvikelser"). The file is always XSD-valid.
 */
export function journalToSkvfsExport(
  input: SkvfsExportInput,
): Result<SkvfsExport, SkvfsExportFailure> {
  checkInput(input);
  if (input.entries.length === 0) return fail('export-empty');
  const ctx = buildContext(input);
  const { identity } = input;
  // Without any control unit known the one system is still listed, its serial a deviation.
  const known: (string | null)[] = controlUnitsOf(input);
  const units = known.length === 0 ? [null] : known;
  const toMs = Date.parse(input.period.to) - 1; // the last instant inside the period
  const simulated = receiptsOf(input.entries).filter(({ receipt }) =>
    isSimulatedReceipt(receipt),
  ).length;
  const children: XmlNode[] = [
    // Receipts a simulated control unit signed are exported as journaled; the file says so.
    ...(simulated === 0
      ? []
      : [
          {
            comment: `OBS: ${simulated} kvitton i exporten är signerade av en simulerad kontrollenhet (tillverkningsnummer ${SIMULATED_SERIAL_PREFIX}…) – inte giltiga för redovisning. / ${simulated} receipts were signed by a simulated control unit: not valid for accounting.`,
          },
        ]),
    ...(input.exportedBy === null || input.exportedBy.trim() === ''
      ? []
      : [
          textLeaf(
            ctx,
            null,
            'InloggadAnvandareVidExportAvDataFranJournalminnet',
            input.exportedBy,
          ),
        ]),
    textLeaf(
      ctx,
      null,
      'BeteckningPaDetKassaregisterSomExportAvDataFranJournalminnetSkerIfran',
      identity.registerId,
    ),
    time(ctx, null, 'TidpunktForNarExportAvDataFranJournalminnetSker', input.exportedAt),
    el('ValdPeriodForExportAvDataFranJournalminne', [
      time(ctx, null, 'ValdStarttidpunktForExportAvDataFranJournalminnet', input.period.from),
      time(
        ctx,
        null,
        'ValdSluttidpunktForExportAvDataFranJournalminnet',
        new Date(toMs).toISOString(),
      ),
    ]),
    el('BeteckningPaValdaKassaregisterForExportAvDataFranJournalminnenLISTA', [
      textLeaf(
        ctx,
        null,
        'BeteckningPaValtKassaregisterForExportAvDataFranJournalminnet',
        identity.registerId,
      ),
    ]),
    el('InformationOmForetaget', [
      identityNumber(ctx, null, identity.organisationNumber),
      textLeaf(ctx, null, 'ForetagetsNamn', identity.companyName),
      textLeaf(ctx, null, 'DenAdressDarForsaljningSker', identity.placeOfSaleAddress),
    ]),
    el(
      'KassaregistersystemLISTA',
      units.map((unit) =>
        el('Kassaregistersystemet', [
          registerSerial(ctx, null, identity.registerSerialNumber),
          textLeaf(ctx, null, 'ModellbeteckningForKassaregistret', identity.modelDesignation),
          textLeaf(ctx, null, 'ModellEllerProgramForKassaregistret', identity.programName),
          textLeaf(ctx, null, 'VersionsnummerForKassaregistret', identity.programVersion),
          textLeaf(ctx, null, 'Kassabeteckning', identity.registerId),
          serialNumber(ctx, null, unit),
        ]),
      ),
    ),
    el(
      'RegistreringLISTA',
      input.entries.map((entry) => handelse(ctx, entry)),
    ),
  ];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<utrein:${ROOT_ELEMENT} xmlns:utrein="${INSTANS_NAMESPACE}" xmlns:utreko="${KOMPONENT_NAMESPACE}">`,
  ];
  for (const child of children) serialize(child, 1, out);
  out.push(`</utrein:${ROOT_ELEMENT}>`, '');
  return ok({ xml: out.join('\n'), problems: ctx.problems });
}

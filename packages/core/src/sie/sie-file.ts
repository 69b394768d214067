/**
 * SIE typ 4I: the day's takings as verifications for import into the accountant's program
 * (SIE filformat utgåva 4B/4C, sie.se). One verification per Z-dagrapport, dated its business day:
 *
 *   debit   payment accounts: cash, card, Swish, each net of returns (a negative net credits);
 *   credit  sales per VAT rate, net of VAT;
 *   credit  output VAT per rate;
 *   credit  öresavrundning (a negative rounding debits).
 *
 * The Z's figures satisfy Σ payments.net = Σ vatPerRate.gross + rounding (payments settle the
 * rounded total, day-report.ts), and gross = net + vat per rate, so every verification balances;
 * it is checked to the öre all the same and an unbalanced Z is refused, never written.
 * Not booked: the växelkassa (it stays in the drawer), cash in/out (movements of cash whose other
 * side, the bank or an expense, the Z cannot know), the counted cash difference, training
 * receipts, copies, pro forma and parked sales (none of them is a sale). See
 * docs/domain/sie-export.md.
 *
 * Pure: the caller passes the company, the accounts, the period and the generation date.
 */
import { type BusinessDay, isValidBusinessDay } from '../business-day.js';
import { type Ore, negate, ore, sum } from '../money.js';
import { parseOrganisationNumber } from '../organisation-number.js';
import { type Failure, type Result, fail, ok } from '../result.js';
import type { ZReport } from '../sale/day-figures.js';
import { PAYMENT_METHODS, type PaymentMethod } from '../sale/sale.js';
import { VAT_RATES } from '../vat.js';
import {
  type SieAccountPlan,
  type SieAccountPlanFailure,
  isControlCharacter,
  percent,
  sieAccountsByRole,
  validateSieAccountPlan,
} from './account-plan.js';
import { type Cp437Failure, encodeCp437 } from './cp437.js';

/** The figures of a Z-report the export reads; a whole `ZReport` fits. */
export type SieZReport = Pick<
  ZReport,
  'registerId' | 'zNumber' | 'businessDay' | 'vatPerRate' | 'payments' | 'rounding'
>;

/** A closed range of business days, both written 'YYYY-MM-DD'. */
export interface SieDayRange {
  readonly first: BusinessDay;
  readonly last: BusinessDay;
}

/** Everything one SIE 4I file is made of. */
export interface SieExportInput {
  readonly company: { readonly name: string; readonly organisationNumber: string };
  readonly accountPlan: SieAccountPlan;
  /** The days the file covers; every Z-report must be of one of them. */
  readonly period: SieDayRange;
  /** The financial year (räkenskapsår), written as #RAR 0 when given; it must hold the period. */
  readonly financialYear?: SieDayRange;
  readonly program: { readonly name: string; readonly version: string };
  /** The date the file is made (#GEN), from the caller's clock in the shop's time zone. */
  readonly generatedOn: BusinessDay;
  /** Who made it (#GEN sign), e.g. the user name; omitted when absent. */
  readonly generatedBy?: string;
  /** Verification series (#VER serie); '' (the default) lets the importing program choose. */
  readonly series?: string;
  /** The Z-reports of the period, in any order (training receipts are never in their figures). */
  readonly zReports: readonly SieZReport[];
}

/** One #TRANS row: an account and an amount, debit positive and credit negative. */
export interface SieTransaction {
  readonly account: string;
  readonly amount: Ore;
  readonly text: string;
}

/** The verification of one Z-report. */
export interface SieVerification {
  readonly registerId: string;
  readonly zNumber: number;
  readonly date: BusinessDay;
  readonly text: string;
  readonly transactions: readonly SieTransaction[];
}

/** A built file: its text (Unicode, CRLF lines) and what it contains. */
export interface SieExport {
  readonly text: string;
  readonly verifications: readonly SieVerification[];
  /** Z-reports with no amount at all (no sales, no returns): nothing to book, no #VER. */
  readonly emptyZReports: readonly { readonly registerId: string; readonly zNumber: number }[];
}

/** A Z-report named in a failure. */
interface ZReference {
  registerId: string;
  zNumber: number;
}

/** Why a Z-report could not be turned into a verification. */
export type SieVerificationFailure = Failure<
  'sie-verification-unbalanced',
  ZReference & { difference: Ore }
>;

/** Why a SIE file was refused. */
export type SieExportFailure =
  | SieAccountPlanFailure
  | SieVerificationFailure
  | Failure<'sie-period-invalid', { first: string; last: string }>
  | Failure<'sie-financial-year-invalid', { first: string; last: string }>
  | Failure<'sie-generated-on-invalid', { generatedOn: string }>
  | Failure<'sie-organisation-number-invalid', { input: string }>
  | Failure<
      'sie-text-invalid',
      { field: 'company-name' | 'program-name' | 'program-version' | 'generated-by' | 'series' }
    >
  | Failure<'sie-register-id-invalid', ZReference>
  | Failure<'sie-z-report-outside-period', ZReference & { businessDay: string }>
  | Failure<'sie-z-report-duplicate', ZReference>;

/** The text of a payment method's row. */
const PAYMENT_TEXT: Record<PaymentMethod, string> = {
  cash: 'Kontant',
  card: 'Kort',
  swish: 'Swish',
};

/**
 * Builds the verification of one Z-report: payments (cash, card, Swish), sales per rate, output
 * VAT per rate, rounding, in that order; rows with amount 0 are left out. Refused when the rows
 * do not sum to exactly 0 öre.
 */
export function buildSieVerification(
  z: SieZReport,
  plan: SieAccountPlan,
): Result<SieVerification, SieVerificationFailure> {
  const date = z.businessDay;
  const rows: SieTransaction[] = [];
  const add = (account: string, amount: Ore, text: string): void => {
    if (amount !== 0) {
      rows.push({ account, amount: ore(amount), text });
    }
  };
  for (const method of PAYMENT_METHODS) {
    const net = sum(z.payments.filter((p) => p.method === method).map((p) => p.net));
    add(plan[method].number, net, PAYMENT_TEXT[method]);
  }
  for (const rate of VAT_RATES) {
    const net = sum(z.vatPerRate.filter((r) => r.rate === rate).map((r) => r.net));
    const text = rate === 0 ? 'Försäljning momsfri' : `Försäljning ${percent(rate)} % moms`;
    add(plan.sales[rate].number, negate(net), text);
  }
  for (const rate of VAT_RATES) {
    // 0 % carries no VAT: a 0 % row that claims some is caught below, as an unbalanced Z.
    if (rate !== 0) {
      const vat = sum(z.vatPerRate.filter((r) => r.rate === rate).map((r) => r.vat));
      add(plan.outputVat[rate].number, negate(vat), `Utgående moms ${percent(rate)} %`);
    }
  }
  add(plan.rounding.number, negate(z.rounding), 'Öresavrundning');
  const difference = sum(rows.map((row) => row.amount));
  if (difference !== 0) {
    return fail('sie-verification-unbalanced', {
      registerId: z.registerId,
      zNumber: z.zNumber,
      difference,
    });
  }
  return ok({
    registerId: z.registerId,
    zNumber: z.zNumber,
    date,
    text: `Dagskassa ${date} kassa ${z.registerId} Z-rapport ${z.zNumber}`,
    transactions: rows,
  });
}

/**
 * Builds the SIE 4I text of the Z-reports of a period: the identification records, #KONTO for
 * every account used, then one #VER per Z-report with money in it, ordered by business day,
 * register and Z number. Lines end in CR LF. Encode it with `encodeCp437`, or use
 * `buildSieFile` for both steps.
 */
export function buildSie4i(input: SieExportInput): Result<SieExport, SieExportFailure> {
  const checked = checkInput(input);
  if (!checked.ok) {
    return checked;
  }
  const { organisationNumber } = checked.value;
  const plan = input.accountPlan;
  const series = input.series ?? '';

  const sorted = [...input.zReports].sort(
    (a, b) =>
      compare(a.businessDay, b.businessDay) ||
      compare(a.registerId, b.registerId) ||
      a.zNumber - b.zNumber,
  );
  const verifications: SieVerification[] = [];
  const emptyZReports: ZReference[] = [];
  for (const z of sorted) {
    const verification = buildSieVerification(z, plan);
    if (!verification.ok) {
      return verification;
    }
    if (verification.value.transactions.length === 0) {
      emptyZReports.push({ registerId: z.registerId, zNumber: z.zNumber });
    } else {
      verifications.push(verification.value);
    }
  }

  const nameOf = new Map(
    sieAccountsByRole(plan).map(({ account }) => [account.number, account.name] as const),
  );
  const used = [
    ...new Set(verifications.flatMap((v) => v.transactions.map((t) => t.account))),
  ].sort(compare);

  const { program, company, period, financialYear } = input;
  const lines: string[] = [
    '#FLAGGA 0',
    `#PROGRAM ${quote(program.name)} ${quote(program.version)}`,
    '#FORMAT PC8',
    `#GEN ${sieDate(input.generatedOn)}${
      input.generatedBy === undefined ? '' : ` ${quote(input.generatedBy)}`
    }`,
    '#SIETYP 4',
    `#PROSA ${quote(`Dagskassor från Kassa ${period.first} till ${period.last}`)}`,
    `#FNAMN ${quote(company.name)}`,
    `#ORGNR ${organisationNumber}`,
  ];
  if (financialYear !== undefined) {
    lines.push(`#RAR 0 ${sieDate(financialYear.first)} ${sieDate(financialYear.last)}`);
  }
  for (const number of used) {
    lines.push(`#KONTO ${number} ${quote(nameOf.get(number) ?? '')}`);
  }
  for (const verification of verifications) {
    const date = sieDate(verification.date);
    lines.push(
      '',
      `#VER ${quote(series)} "" ${date} ${quote(verification.text)}`,
      '{',
      ...verification.transactions.map(
        (t) => `#TRANS ${t.account} {} ${sieAmount(t.amount)} ${date} ${quote(t.text)}`,
      ),
      '}',
    );
  }
  return ok({ text: lines.map((line) => `${line}\r\n`).join(''), verifications, emptyZReports });
}

/** A built file and its CP437 bytes, ready to be sent as `<name>.si`. */
export interface SieFile extends SieExport {
  readonly bytes: Uint8Array;
}

/** Builds the SIE 4I file and encodes it to CP437; refused if any text has no CP437 character. */
export function buildSieFile(
  input: SieExportInput,
): Result<SieFile, SieExportFailure | Cp437Failure> {
  const built = buildSie4i(input);
  if (!built.ok) {
    return built;
  }
  const bytes = encodeCp437(built.value.text);
  if (!bytes.ok) {
    return bytes;
  }
  return ok({ ...built.value, bytes: bytes.value });
}

/** Formats öre as a SIE amount: kronor with a decimal point and two decimals, '-' when negative. */
export function sieAmount(amount: Ore): string {
  const value = ore(amount);
  const magnitude = Math.abs(value);
  const orePart = magnitude % 100;
  const kronor = (magnitude - orePart) / 100;
  return `${value < 0 ? '-' : ''}${kronor}.${String(orePart).padStart(2, '0')}`;
}

/** Formats 'YYYY-MM-DD' as a SIE date, 'YYYYMMDD'. */
function sieDate(day: BusinessDay): string {
  return day.replaceAll('-', '');
}

/**
 * Writes a text field: always in quotation marks, with '"' and '\' escaped by a backslash
 * (SIE filformat: a quotation mark inside a field is written \"). Control characters never
 * reach here (checked before).
 */
function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isFieldText(text: string, { empty }: { empty: boolean }): boolean {
  return (empty || text.trim() !== '') && ![...text].some(isControlCharacter);
}

function checkInput(
  input: SieExportInput,
): Result<{ organisationNumber: string }, SieExportFailure> {
  const plan = validateSieAccountPlan(input.accountPlan);
  if (!plan.ok) {
    return plan;
  }
  const { period, financialYear } = input;
  if (!isDayRange(period)) {
    return fail('sie-period-invalid', { first: period.first, last: period.last });
  }
  if (
    financialYear !== undefined &&
    (!isDayRange(financialYear) ||
      period.first < financialYear.first ||
      period.last > financialYear.last)
  ) {
    return fail('sie-financial-year-invalid', {
      first: financialYear.first,
      last: financialYear.last,
    });
  }
  if (!isValidBusinessDay(input.generatedOn)) {
    return fail('sie-generated-on-invalid', { generatedOn: input.generatedOn });
  }
  const organisationNumber = parseOrganisationNumber(input.company.organisationNumber);
  if (!organisationNumber.ok) {
    return fail('sie-organisation-number-invalid', {
      input: input.company.organisationNumber,
    });
  }
  const texts = [
    ['company-name', input.company.name, false],
    ['program-name', input.program.name, false],
    ['program-version', input.program.version, false],
    ['generated-by', input.generatedBy, false],
    ['series', input.series, true],
  ] as const;
  for (const [field, text, empty] of texts) {
    if (text !== undefined && !isFieldText(text, { empty })) {
      return fail('sie-text-invalid', { field });
    }
  }
  const seen = new Set<string>();
  for (const z of input.zReports) {
    const reference = { registerId: z.registerId, zNumber: z.zNumber };
    if (!isFieldText(z.registerId, { empty: false })) {
      return fail('sie-register-id-invalid', reference);
    }
    if (
      !isValidBusinessDay(z.businessDay) ||
      z.businessDay < period.first ||
      z.businessDay > period.last
    ) {
      return fail('sie-z-report-outside-period', { ...reference, businessDay: z.businessDay });
    }
    const key = JSON.stringify([z.registerId, z.zNumber]);
    if (seen.has(key)) {
      return fail('sie-z-report-duplicate', reference);
    }
    seen.add(key);
  }
  return ok({ organisationNumber: organisationNumber.value });
}

function isDayRange(range: SieDayRange): boolean {
  return (
    isValidBusinessDay(range.first) && isValidBusinessDay(range.last) && range.first <= range.last
  );
}

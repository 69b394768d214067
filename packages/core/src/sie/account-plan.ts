/**
 * The accounts a day's takings are booked to in the SIE export, per environment. The defaults
 * follow the BAS chart of accounts (BAS-kontoplanen, account names as in BAS 2024):
 * - cash in the drawer → 1910 Kassa;
 * - card → 1580 Fordringar för kontokort och kuponger: the acquirer pays out a day or more later,
 *   so the sale is a receivable until the settlement reaches the bank (booked by the accountant
 *   from the bank statement, with the fee to 6570);
 * - Swish → 1930 Företagskonto: Swish Handel credits the bank account at once, per payment;
 * - sales per VAT rate → 3001 (25 %), 3002 (12 %), 3003 (6 %), 3004 (momsfri);
 * - output VAT → 2611 (25 %), 2621 (12 %), 2631 (6 %);
 * - öresavrundning → 3740 Öres- och kronutjämning.
 * See docs/domain/sie-export.md.
 */
import { type Failure, type Result, fail, ok } from '../result.js';
import type { PaymentMethod } from '../sale/sale.js';
import type { VatRate } from '../vat.js';
import { isCp437Character } from './cp437.js';

/** One account: its number and the name written on its #KONTO record. */
export interface SieAccount {
  readonly number: string;
  readonly name: string;
}

/** A VAT rate that carries output VAT (every rate but 0 %). */
export type TaxedVatRate = Exclude<VatRate, 0>;

/** Which accounts the export books to. */
export interface SieAccountPlan {
  readonly cash: SieAccount;
  readonly card: SieAccount;
  readonly swish: SieAccount;
  /** Sales net of VAT, per rate. */
  readonly sales: Readonly<Record<VatRate, SieAccount>>;
  /** Output VAT (utgående moms), per rate. */
  readonly outputVat: Readonly<Record<TaxedVatRate, SieAccount>>;
  /** Öresavrundning. */
  readonly rounding: SieAccount;
}

/** The BAS accounts Kassa uses unless an environment chooses others. */
export const DEFAULT_SIE_ACCOUNT_PLAN: SieAccountPlan = {
  cash: { number: '1910', name: 'Kassa' },
  card: { number: '1580', name: 'Fordringar för kontokort och kuponger' },
  swish: { number: '1930', name: 'Företagskonto/checkkonto/affärskonto' },
  sales: {
    2500: { number: '3001', name: 'Försäljning inom Sverige, 25 % moms' },
    1200: { number: '3002', name: 'Försäljning inom Sverige, 12 % moms' },
    600: { number: '3003', name: 'Försäljning inom Sverige, 6 % moms' },
    0: { number: '3004', name: 'Försäljning inom Sverige, momsfri' },
  },
  outputVat: {
    2500: { number: '2611', name: 'Utgående moms på försäljning inom Sverige, 25 %' },
    1200: { number: '2621', name: 'Utgående moms på försäljning inom Sverige, 12 %' },
    600: { number: '2631', name: 'Utgående moms på försäljning inom Sverige, 6 %' },
  },
  rounding: { number: '3740', name: 'Öres- och kronutjämning' },
};

/** What an account of the plan is used for, e.g. 'cash', 'sales-25', 'output-vat-12'. */
export type SieAccountRole =
  | PaymentMethod
  | `sales-${'25' | '12' | '6' | '0'}`
  | `output-vat-${'25' | '12' | '6'}`
  | 'rounding';

/** The plan's accounts with their roles, in a fixed order. */
export function sieAccountsByRole(
  plan: SieAccountPlan,
): { readonly role: SieAccountRole; readonly account: SieAccount }[] {
  return [
    { role: 'cash', account: plan.cash },
    { role: 'card', account: plan.card },
    { role: 'swish', account: plan.swish },
    { role: 'sales-25', account: plan.sales[2500] },
    { role: 'sales-12', account: plan.sales[1200] },
    { role: 'sales-6', account: plan.sales[600] },
    { role: 'sales-0', account: plan.sales[0] },
    { role: 'output-vat-25', account: plan.outputVat[2500] },
    { role: 'output-vat-12', account: plan.outputVat[1200] },
    { role: 'output-vat-6', account: plan.outputVat[600] },
    { role: 'rounding', account: plan.rounding },
  ];
}

/** Why an account plan was refused. */
export type SieAccountPlanFailure =
  | Failure<'sie-account-number-invalid', { role: SieAccountRole; number: string }>
  | Failure<'sie-account-name-invalid', { role: SieAccountRole; name: string }>
  | Failure<'sie-account-name-conflict', { number: string; first: string; second: string }>;

/** The longest account name accepted (BAS names are at most about 60 characters). */
export const MAX_SIE_ACCOUNT_NAME_LENGTH = 100;

// Four to six digits, not starting with 0: BAS accounts are four digits; some charts add digits.
const ACCOUNT_NUMBER_PATTERN = /^[1-9]\d{3,5}$/;

/**
 * Checks a plan before it is stored or used: every number is 4–6 digits not starting with 0;
 * every name is non-blank, at most 100 characters, without control characters and writable in
 * CP437 (the SIE character set); one number used for several roles has one name. Several roles
 * may share an account (e.g. all sales on 3000), which SIE allows.
 */
export function validateSieAccountPlan(
  plan: SieAccountPlan,
): Result<SieAccountPlan, SieAccountPlanFailure> {
  const nameOf = new Map<string, string>();
  for (const { role, account } of sieAccountsByRole(plan)) {
    if (!ACCOUNT_NUMBER_PATTERN.test(account.number)) {
      return fail('sie-account-number-invalid', { role, number: account.number });
    }
    const name = account.name;
    if (
      name.trim() === '' ||
      name !== name.trim() ||
      [...name].length > MAX_SIE_ACCOUNT_NAME_LENGTH ||
      [...name.normalize('NFC')].some((c) => isControlCharacter(c) || !isCp437Character(c))
    ) {
      return fail('sie-account-name-invalid', { role, name });
    }
    const known = nameOf.get(account.number);
    if (known !== undefined && known !== name) {
      return fail('sie-account-name-conflict', {
        number: account.number,
        first: known,
        second: name,
      });
    }
    nameOf.set(account.number, name);
  }
  return ok(plan);
}

/** Tells whether `character` is a C0 control character or DEL (never allowed in a SIE field). */
export function isControlCharacter(character: string): boolean {
  const codePoint = character.codePointAt(0) ?? 0;
  return codePoint < 0x20 || codePoint === 0x7f;
}

/** A rate in whole percent as text: 2500 → '25'. */
export function percent(rate: VatRate): '25' | '12' | '6' | '0' {
  switch (rate) {
    case 2500:
      return '25';
    case 1200:
      return '12';
    case 600:
      return '6';
    case 0:
      return '0';
  }
}

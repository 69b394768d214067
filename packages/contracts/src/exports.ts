/**
 * zod schemas of the accountant's exports (module `exports`): the environment's
 * account plan for the SIE 4I file, and the queries of the SIE and CSV downloads. The files
 * themselves are bytes, not JSON. See docs/protocols/backoffice-api.md and
 * docs/domain/sie-export.md.
 */
import { z } from 'zod';
import {
  DEFAULT_SIE_ACCOUNT_PLAN,
  type SieAccount,
  type SieAccountPlan,
  type SieAccountRole,
  sieAccountsByRole,
} from '@kassa/core';
import { salesReportFilterSchema, salesReportQuerySchema } from './reports.js';

export type { SieAccountRole };

/** The roles of the account plan, in the order a settings form shows them. */
export const SIE_ACCOUNT_ROLES = [
  'cash',
  'card',
  'swish',
  'sales-25',
  'sales-12',
  'sales-6',
  'sales-0',
  'output-vat-25',
  'output-vat-12',
  'output-vat-6',
  'rounding',
] as const satisfies readonly SieAccountRole[];

/** What each role is booked for, in Swedish and English (forms and refusal messages). */
export const SIE_ACCOUNT_ROLE_LABELS: Record<SieAccountRole, { sv: string; en: string }> = {
  cash: { sv: 'Kontant betalning', en: 'Cash payments' },
  card: { sv: 'Kortbetalning', en: 'Card payments' },
  swish: { sv: 'Swish', en: 'Swish' },
  'sales-25': { sv: 'Försäljning 25 % moms', en: 'Sales 25 % VAT' },
  'sales-12': { sv: 'Försäljning 12 % moms', en: 'Sales 12 % VAT' },
  'sales-6': { sv: 'Försäljning 6 % moms', en: 'Sales 6 % VAT' },
  'sales-0': { sv: 'Momsfri försäljning', en: 'VAT-exempt sales' },
  'output-vat-25': { sv: 'Utgående moms 25 %', en: 'Output VAT 25 %' },
  'output-vat-12': { sv: 'Utgående moms 12 %', en: 'Output VAT 12 %' },
  'output-vat-6': { sv: 'Utgående moms 6 %', en: 'Output VAT 6 %' },
  rounding: { sv: 'Öresavrundning', en: 'Cash rounding' },
};

/**
 * One account as sent: the rules (4–6 digits, a name writable in a SIE file) are checked by the
 * server with `validateSieAccountPlan`, so each has its own refusal code.
 */
export const sieAccountSchema = z.strictObject({
  number: z.string().trim().max(32),
  name: z.string().trim().max(1000),
});

/** The account of every role (all eleven are required). */
export const sieAccountsSchema = z.strictObject({
  cash: sieAccountSchema,
  card: sieAccountSchema,
  swish: sieAccountSchema,
  'sales-25': sieAccountSchema,
  'sales-12': sieAccountSchema,
  'sales-6': sieAccountSchema,
  'sales-0': sieAccountSchema,
  'output-vat-25': sieAccountSchema,
  'output-vat-12': sieAccountSchema,
  'output-vat-6': sieAccountSchema,
  rounding: sieAccountSchema,
});
export type SieAccounts = Record<SieAccountRole, SieAccount>;

/** `PUT /api/settings/accounting`. */
export const accountingSettingsBodySchema = z.strictObject({ accounts: sieAccountsSchema });
export type AccountingSettingsBody = z.infer<typeof accountingSettingsBodySchema>;

/** `GET`/`PUT /api/settings/accounting`: the plan in force and Kassa's defaults. */
export const accountingSettingsSchema = z.object({
  accounts: sieAccountsSchema,
  defaults: sieAccountsSchema,
  /** When an admin last saved the plan; null while the defaults apply. */
  updatedAt: z.string().nullable(),
});
export type AccountingSettings = z.infer<typeof accountingSettingsSchema>;

/** The plan of @kassa/core as accounts by role. */
export function sieAccountsOf(plan: SieAccountPlan): SieAccounts {
  const out = {} as Record<SieAccountRole, SieAccount>;
  for (const { role, account } of sieAccountsByRole(plan)) {
    out[role] = { number: account.number, name: account.name };
  }
  return out;
}

/** Accounts by role as the plan of @kassa/core (check it with `validateSieAccountPlan`). */
export function sieAccountPlanOf(accounts: SieAccounts): SieAccountPlan {
  return {
    cash: accounts.cash,
    card: accounts.card,
    swish: accounts.swish,
    sales: {
      2500: accounts['sales-25'],
      1200: accounts['sales-12'],
      600: accounts['sales-6'],
      0: accounts['sales-0'],
    },
    outputVat: {
      2500: accounts['output-vat-25'],
      1200: accounts['output-vat-12'],
      600: accounts['output-vat-6'],
    },
    rounding: accounts.rounding,
  };
}

/** Kassa's default BAS accounts by role. */
export const DEFAULT_SIE_ACCOUNTS: SieAccounts = sieAccountsOf(DEFAULT_SIE_ACCOUNT_PLAN);

/**
 * `includeSimulated=true`: also the Z-reports with receipts a simulated control unit signed
 * (left out by default: not valid for accounting; docs/domain/sie-export.md).
 */
export const includeSimulatedSchema = z.enum(['true', 'false']).optional();

/**
 * `GET /api/exports/sie`: the Z-reports whose business day is in `from`–`to` (both included),
 * optionally of one place of business or one terminal.
 */
export const sieExportQuerySchema = salesReportFilterSchema.extend({
  includeSimulated: includeSimulatedSchema,
});
export type SieExportQuery = z.infer<typeof sieExportQuerySchema>;

/** `GET /api/exports/sales.csv`: exactly the query of `GET /api/reports/sales`. */
export const salesCsvQuerySchema = salesReportQuerySchema.extend({
  includeSimulated: includeSimulatedSchema,
});
export type SalesCsvQuery = z.infer<typeof salesCsvQuerySchema>;

/** `GET /api/exports/z.csv`: the Z-reports of a period, optionally of one terminal. */
export const zCsvQuerySchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  terminalId: z.string().max(64).optional(),
  includeSimulated: includeSimulatedSchema,
});
export type ZCsvQuery = z.infer<typeof zCsvQuerySchema>;

/** Response headers of `GET /api/exports/sie` besides the file. */
export const SIE_EXPORT_HEADERS = {
  /** The number of #VER in the file. */
  verifications: 'x-kassa-verifications',
  /** Z-reports of the period without any amount (no #VER written for them). */
  emptyZReports: 'x-kassa-empty-z-reports',
  /**
   * Z-reports of the period left out because a simulated control unit signed receipts of theirs
   * (0 with includeSimulated=true; the Z CSV sends it too).
   */
  simulatedLeftOut: 'x-kassa-simulated-z-reports-left-out',
  /** Z-reports in the file that hold simulated receipts (only with includeSimulated=true). */
  simulatedIncluded: 'x-kassa-simulated-z-reports',
} as const;

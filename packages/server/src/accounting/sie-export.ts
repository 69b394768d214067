/**
 * The SIE 4I file of a period's Z-reports: one verification per Z-report with
 * money in it, booked to the environment's account plan, company name and organisation number
 * from the environment, encoded in CP437. The file is built by @kassa/core (`buildSieFile`,
 * docs/domain/sie-export.md); this module reads its inputs and turns its refusals into API
 * errors that name the text at fault. Reads only; writes nothing.
 */
import { eq } from 'drizzle-orm';
import { SIE_ACCOUNT_ROLE_LABELS, type SieExportQuery, sieAccountPlanOf } from '@kassa/contracts';
import {
  type Cp437Failure,
  type SieAccountPlanFailure,
  type SieExportFailure,
  type SieVerification,
  buildSie4i,
  businessDayOf,
  encodeCp437,
  isCp437Character,
  SHOP_TIME_ZONE,
} from '@kassa/core';
import { readAccountingSettings } from '../commands/accounting-settings.js';
import type { Db, Tx } from '../db/database.js';
import { tenants } from '../db/schema.js';
import { ApiError } from '../http/api-error.js';
import { checkPeriod } from '../reports/report-period.js';
import { archivedZReports, checkFilterIds, forAccounting } from './z-archive.js';

/** A SIE file ready to send. */
export interface SieDownload {
  filename: string;
  bytes: Uint8Array;
  /** #VER written. */
  verifications: number;
  /** Z-reports of the period without any amount (nothing booked for them). */
  emptyZReports: number;
  /** Z-reports left out: a simulated control unit signed receipts of theirs. */
  simulatedLeftOut: number;
  /** Z-reports in the file with simulated receipts (includeSimulated=true). */
  simulatedIncluded: number;
}

/** Who asks for the file; written as the #GEN sign when the name fits in a SIE file. */
export interface SieRequester {
  displayName: string;
  username: string;
}

/**
 * Builds the SIE 4I file of the environment's Z-reports with a business day in `query.from`–
 * `query.to`. Throws ApiError: 400 report-period-invalid, 404 terminal-not-found /
 * place-of-business-not-found, 422 sie-no-z-reports / sie-nothing-to-book /
 * export-z-report-unreadable, and every refusal of the core with its catalogue status
 * (sie-character-not-in-cp437 names the text and where to correct it).
 */
export async function buildSieDownload(
  db: Db | Tx,
  tenantId: string,
  query: SieExportQuery,
  requester: SieRequester | null,
  now: Date,
  programVersion: string,
): Promise<SieDownload> {
  const period = checkPeriod(query);
  if (period) throw new ApiError(period.code, { maxDays: period.maxDays });
  await checkFilterIds(db, tenantId, query);
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error('environment vanished');
  const settings = await readAccountingSettings(db, tenantId);
  const all = await archivedZReports(db, tenantId, query);
  if (all.length === 0) {
    throw new ApiError('sie-no-z-reports', { from: query.from, to: query.to });
  }
  // Receipts signed by a simulated control unit are not valid for accounting (SKVFS 2014:9 wants
  // a certified unit): their Z-reports are not booked unless asked (docs/domain/sie-export.md).
  const {
    booked: archived,
    leftOut,
    simulatedIncluded,
  } = forAccounting(all, query.includeSimulated);
  if (archived.length === 0) {
    throw new ApiError('sie-only-simulated', {
      from: query.from,
      to: query.to,
      zReports: all.length,
    });
  }
  const company = { name: tenant.companyName, organisationNumber: tenant.organisationNumber };
  const generatedBy = signOf(requester);
  const built = buildSie4i({
    company,
    accountPlan: sieAccountPlanOf(settings.accounts),
    period: { first: query.from, last: query.to },
    program: { name: 'Kassa', version: programVersion },
    generatedOn: businessDayOf(now.getTime(), SHOP_TIME_ZONE),
    ...(generatedBy === undefined ? {} : { generatedBy }),
    zReports: archived.map((z) => z.figures),
  });
  if (!built.ok) throw refusalOf(built);
  if (built.value.verifications.length === 0) {
    throw new ApiError('sie-nothing-to-book', {
      from: query.from,
      to: query.to,
      zReports: archived.length,
    });
  }
  const bytes = encodeCp437(built.value.text);
  if (!bytes.ok) {
    throw characterRefusal(bytes, built.value.text, built.value.verifications, company.name);
  }
  return {
    filename: `kassa-${tenant.slug}-${query.from}-${query.to}.si`,
    bytes: bytes.value,
    verifications: built.value.verifications.length,
    emptyZReports: built.value.emptyZReports.length,
    simulatedLeftOut: leftOut,
    simulatedIncluded,
  };
}

/** The #GEN sign: the user's name when a SIE file can hold it, else the username (ASCII). */
function signOf(requester: SieRequester | null): string | undefined {
  if (requester === null) return undefined;
  const fits = (text: string) =>
    text.trim() !== '' &&
    [...text.normalize('NFC')].every((c) => isCp437Character(c) && c.charCodeAt(0) >= 0x20);
  if (fits(requester.displayName)) return requester.displayName;
  return fits(requester.username) ? requester.username : undefined;
}

const TEXT_FIELDS = {
  'company-name': { sv: 'företagsnamnet', en: 'the company name' },
  'program-name': { sv: 'programnamnet', en: 'the program name' },
  'program-version': { sv: 'programversionen', en: 'the program version' },
  'generated-by': { sv: 'ditt namn', en: 'your name' },
  series: { sv: 'verifikationsserien', en: 'the verification series' },
} as const;

/** A failure's details: everything but `ok` and `code`. */
function detailsOf(failure: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(failure).filter(([k]) => k !== 'ok' && k !== 'code'));
}

/** The API error of a refusal of `buildSie4i`. */
function refusalOf(failure: SieExportFailure): ApiError {
  switch (failure.code) {
    case 'sie-account-number-invalid':
    case 'sie-account-name-invalid':
      return new ApiError(failure.code, {
        ...detailsOf(failure),
        roleSv: SIE_ACCOUNT_ROLE_LABELS[failure.role].sv,
        roleEn: SIE_ACCOUNT_ROLE_LABELS[failure.role].en,
      });
    case 'sie-text-invalid':
      return new ApiError(failure.code, {
        field: failure.field,
        fieldSv: TEXT_FIELDS[failure.field].sv,
        fieldEn: TEXT_FIELDS[failure.field].en,
      });
    case 'sie-period-invalid':
      return new ApiError(failure.code, { first: failure.first, last: failure.last });
    default:
      return new ApiError(failure.code, detailsOf(failure));
  }
}

/** The API error of an account plan refused when it is saved. */
export function accountPlanRefusal(failure: SieAccountPlanFailure): ApiError {
  return refusalOf(failure);
}

/**
 * The refusal of a character CP437 cannot hold, naming the text it is in (found from the line
 * of the file) and where to correct it.
 */
function characterRefusal(
  failure: Cp437Failure,
  text: string,
  verifications: readonly SieVerification[],
  companyName: string,
): ApiError {
  const lines = text.split('\r\n');
  const record = lines[failure.line - 1] ?? '';
  const label = record.split(' ', 1)[0];
  const where = detailsOf(failure);
  if (label === '#FNAMN') {
    return new ApiError(failure.code, {
      ...where,
      field: 'company-name',
      text: companyName,
      fieldSv: 'företagsnamnet',
      fieldEn: 'the company name',
      fixSv: 'Ändra företagsnamnet under Inställningar och exportera igen.',
      fixEn: 'Change the company name under Settings and export again.',
    });
  }
  if (label === '#VER' || label === '#TRANS') {
    // The verification the line is in: count the #VER records up to it.
    const index = lines.slice(0, failure.line).filter((l) => l.startsWith('#VER ')).length - 1;
    const verification = verifications[index];
    if (verification) {
      return new ApiError(failure.code, {
        ...where,
        field: 'register-id',
        text: verification.registerId,
        fieldSv: `kassabeteckningen på Z-rapport ${verification.zNumber} (${verification.date})`,
        fieldEn: `the register designation of Z report ${verification.zNumber} (${verification.date})`,
        fixSv:
          'Beteckningen kommer från kassans Z-rapport och kan inte ändras i efterhand. Kontakta supporten.',
        fixEn:
          'The designation comes from the register’s Z report and cannot be changed afterwards. Contact support.',
      });
    }
  }
  if (label === '#KONTO') {
    return new ApiError(failure.code, {
      ...where,
      field: 'account-name',
      text: record,
      fieldSv: 'ett kontonamn',
      fieldEn: 'an account name',
      fixSv: 'Ändra kontonamnet under Inställningar → Bokföring och exportera igen.',
      fixEn: 'Change the account name under Settings → Accounting and export again.',
    });
  }
  return new ApiError(failure.code, {
    ...where,
    field: 'other',
    text: record,
    fieldSv: `rad ${failure.line} i filen`,
    fieldEn: `line ${failure.line} of the file`,
    fixSv: 'Kontakta supporten.',
    fixEn: 'Contact support.',
  });
}

/**
 * The SIE 4I export of Z-reports for the accountant: the account plan, the
 * verification of one Z-report, the file text and its CP437 bytes. Pure. See
 * docs/domain/sie-export.md.
 */
export {
  DEFAULT_SIE_ACCOUNT_PLAN,
  MAX_SIE_ACCOUNT_NAME_LENGTH,
  type SieAccount,
  type SieAccountPlan,
  type SieAccountPlanFailure,
  type SieAccountRole,
  type TaxedVatRate,
  sieAccountsByRole,
  validateSieAccountPlan,
} from './account-plan.js';
export { type Cp437Failure, encodeCp437, isCp437Character } from './cp437.js';
export {
  type SieDayRange,
  type SieExport,
  type SieExportFailure,
  type SieExportInput,
  type SieFile,
  type SieTransaction,
  type SieVerification,
  type SieVerificationFailure,
  type SieZReport,
  buildSie4i,
  buildSieFile,
  buildSieVerification,
  sieAmount,
} from './sie-file.js';

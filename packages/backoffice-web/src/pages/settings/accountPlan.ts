import { SIE_ACCOUNT_ROLES, type SieAccounts, type SieAccountRole } from '@kassa/contracts';
import type { PlainMessageKey } from '../../i18n/translate';

/** The label of each role in the form. */
export function roleLabelKey(role: SieAccountRole): PlainMessageKey {
  return `accounting.role.${role}`;
}

export interface AccountErrors {
  number?: PlainMessageKey;
  name?: PlainMessageKey;
}

const numberPattern = /^[1-9]\d{3,5}$/;

function hasControlCharacter(text: string): boolean {
  return [...text].some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x20 || code === 0x7f;
  });
}

/**
 * The server's rules in advance (it checks again, and also that names fit the SIE character set):
 * numbers of 4–6 digits not starting with 0; a name of 1–100 characters without control
 * characters or surrounding spaces; one number shared by several roles has one name.
 */
export function validateAccounts(
  accounts: SieAccounts,
): Partial<Record<SieAccountRole, AccountErrors>> {
  const errors: Partial<Record<SieAccountRole, AccountErrors>> = {};
  const nameOf = new Map<string, string>();
  for (const role of SIE_ACCOUNT_ROLES) {
    const { number, name } = accounts[role];
    const found: AccountErrors = {};
    if (!numberPattern.test(number)) found.number = 'accounting.validation.number';
    if (
      name.trim() === '' ||
      name !== name.trim() ||
      [...name].length > 100 ||
      hasControlCharacter(name)
    ) {
      found.name = 'accounting.validation.name';
    } else if (numberPattern.test(number)) {
      const known = nameOf.get(number);
      if (known !== undefined && known !== name) found.name = 'accounting.validation.sameNumber';
      else nameOf.set(number, name);
    }
    if (found.number !== undefined || found.name !== undefined) errors[role] = found;
  }
  return errors;
}

/** Whether two plans book to the same accounts under the same names. */
export function sameAccounts(a: SieAccounts, b: SieAccounts): boolean {
  return SIE_ACCOUNT_ROLES.every(
    (role) => a[role].number === b[role].number && a[role].name === b[role].name,
  );
}

/** The form of the plan: the body of `PUT /api/settings/accounting`. */
export type PlanForm = { accounts: SieAccounts };

/** validateAccounts' errors by the form's field paths (`accounts.cash.number`). */
export function planErrors({ accounts }: PlanForm): Partial<Record<string, PlainMessageKey>> {
  const errors: Partial<Record<string, PlainMessageKey>> = {};
  for (const [role, found] of Object.entries(validateAccounts(accounts))) {
    if (found.number !== undefined) errors[`accounts.${role}.number`] = found.number;
    if (found.name !== undefined) errors[`accounts.${role}.name`] = found.name;
  }
  return errors;
}

import { ROLES, type Role } from '@kassa/contracts';
import type { Translate } from '../../i18n/translate';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function roleLabel(t: Translate, role: Role): string {
  return t(`role.${role}`);
}

export function roleOptions(t: Translate): { value: Role; label: string }[] {
  return ROLES.map((role) => ({ value: role, label: roleLabel(t, role) }));
}

// Turns audit log entries into readable text. The server stores machine-readable codes and
// details; known ones get a label in the user's language, anything else is shown as it is.
import {
  LICENCE_MODULES,
  ROLES,
  type AuditEntry,
  type LicenceModule,
  type Role,
} from '@kassa/contracts';
import { formatDateTime } from '../../i18n/format';
import type { PlainMessageKey, Translate } from '../../i18n/translate';

/** Names the page knows for ids (users, terminals and places of business). */
export interface AuditLookups {
  userName: (id: string) => string | undefined;
  terminalName: (id: string) => string | undefined;
  placeName: (id: string) => string | undefined;
}

const actionLabels: Record<string, PlainMessageKey> = {
  'auth.signed-in': 'audit.action.signedIn',
  'environment.created': 'audit.action.environmentCreated',
  'environment.updated': 'audit.action.environmentUpdated',
  'licence.changed': 'audit.action.licenceChanged',
  'terminal.created': 'audit.action.terminalCreated',
  'terminal.updated': 'audit.action.terminalUpdated',
  'terminal.activated': 'audit.action.terminalActivated',
  'terminal.deactivated': 'audit.action.terminalDeactivated',
  'terminal.registration-changed': 'audit.action.terminalRegistrationChanged',
  'user.created': 'audit.action.userCreated',
  'user.updated': 'audit.action.userUpdated',
  'user.password-reset': 'audit.action.userPasswordReset',
  'user.pin-set': 'audit.action.userPinSet',
  'user.terminals-set': 'audit.action.userTerminalsSet',
  'terminal.bound': 'audit.action.terminalBound',
  'terminal.rebound': 'audit.action.terminalRebound',
  'terminal.binding-removed': 'audit.action.terminalBindingRemoved',
  'terminal.installer-downloaded': 'audit.action.terminalInstallerDownloaded',
};

const fieldLabels: Record<string, PlainMessageKey> = {
  name: 'audit.field.name',
  displayName: 'audit.field.displayName',
  username: 'audit.field.username',
  role: 'audit.field.role',
  active: 'audit.field.active',
  registerId: 'audit.field.registerId',
  placeOfBusinessId: 'audit.field.placeOfBusiness',
  controlUnitSerial: 'audit.field.controlUnitSerial',
  status: 'audit.field.registrationStatus',
  registeredOn: 'audit.field.registeredOn',
  terminals: 'audit.field.terminals',
  terminalIds: 'audit.field.terminals',
  modules: 'audit.field.modules',
  companyName: 'audit.field.companyName',
  organisationNumber: 'audit.field.organisationNumber',
  slug: 'audit.field.slug',
  pcName: 'audit.field.pcName',
  fingerprint: 'audit.field.fingerprint',
  boundAt: 'audit.field.boundAt',
  lastContactAt: 'audit.field.lastContactAt',
  unsyncedEntries: 'audit.field.unsyncedEntries',
  reason: 'audit.field.reason',
  method: 'audit.field.method',
  pairingCodeExpiresAt: 'audit.field.pairingCodeExpiresAt',
};

/** Details that hold a time (ISO), shown as Swedish time like the rest of the page. */
const timeFields = new Set(['boundAt', 'lastContactAt', 'pairingCodeExpiresAt']);

/** How a register was connected (terminal.bound / terminal.rebound). */
const methodLabels: Record<string, PlainMessageKey> = {
  'pairing-code': 'audit.value.method.pairingCode',
  'admin-password': 'audit.value.method.adminPassword',
};

/** Details that are already part of the "target" column. */
const shownInTarget: Record<string, readonly string[]> = {
  user: ['username'],
  terminal: ['registerId', 'name'],
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);
const isModule = (value: unknown): value is LicenceModule =>
  typeof value === 'string' && (LICENCE_MODULES as readonly string[]).includes(value);

/** "Terminal skapad"; an unknown code is shown as it is. */
export function actionLabel(t: Translate, action: string): string {
  const key = actionLabels[action];
  return key === undefined ? action : t(key);
}

/** Who acted: the username, or the system itself / Kassa's operators. */
export function actorLabel(t: Translate, actor: string): string {
  if (actor === 'system') return t('audit.actor.system');
  if (actor === 'operator') return t('audit.actor.operator');
  return actor;
}

function shortId(id: string): string {
  return uuidPattern.test(id) ? id.slice(0, 8) : id;
}

/** What the entry is about: "Användare kim", "Terminal Kassa 1 (K1)", "Licensen". */
export function targetLabel(t: Translate, entry: AuditEntry, lookups: AuditLookups): string {
  const { details, targetType, targetId } = entry;
  const text = (key: string) => (typeof details[key] === 'string' ? details[key] : undefined);
  switch (targetType) {
    case 'user': {
      const known = targetId === null ? undefined : lookups.userName(targetId);
      const name = text('username') ?? known ?? (targetId === null ? '' : shortId(targetId));
      return t('audit.target.user', { name });
    }
    case 'terminal': {
      const name = (targetId === null ? undefined : lookups.terminalName(targetId)) ?? text('name');
      const registerId = text('registerId');
      const label =
        name !== undefined && registerId !== undefined
          ? `${name} (${registerId})`
          : (name ?? registerId ?? (targetId === null ? '' : shortId(targetId)));
      return t('audit.target.terminal', { name: label });
    }
    case 'environment':
      return t('audit.target.environment');
    case 'licence':
      return t('audit.target.licence');
    default:
      return targetId === null ? targetType : `${targetType} ${shortId(targetId)}`;
  }
}

function fieldLabel(t: Translate, field: string): string {
  const key = fieldLabels[field];
  return key === undefined ? field : t(key);
}

function formatValue(t: Translate, field: string, value: unknown, lookups: AuditLookups): string {
  if (value === null || value === undefined) return t('common.dash');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return t('audit.value.none');
    return value.map((item) => formatValue(t, field, item, lookups)).join(', ');
  }
  if (typeof value === 'string') {
    if (field === 'role' && isRole(value)) return t(`role.${value}`);
    if (field === 'modules' && isModule(value)) return t(`licence.module.${value}`);
    if (field === 'status' && (value === 'registered' || value === 'unregistered')) {
      return t(`registration.status.${value}`);
    }
    if (field === 'placeOfBusinessId') return lookups.placeName(value) ?? shortId(value);
    if (timeFields.has(field)) return formatDateTime(value);
    const method = field === 'method' ? methodLabels[value] : undefined;
    if (method !== undefined) return t(method);
    if (uuidPattern.test(value)) return lookups.terminalName(value) ?? shortId(value);
    return value;
  }
  return JSON.stringify(value);
}

function change(
  t: Translate,
  field: string,
  from: unknown,
  to: unknown,
  lookups: AuditLookups,
): string {
  return t('audit.change', {
    field: fieldLabel(t, field),
    from: formatValue(t, field, from, lookups),
    to: formatValue(t, field, to, lookups),
  });
}

/** Field changes between two records, in the order of the newer one. */
function recordChanges(
  t: Translate,
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  lookups: AuditLookups,
): string[] {
  const fields = [...new Set([...Object.keys(to), ...Object.keys(from)])];
  return fields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => change(t, field, from[field], to[field], lookups));
}

/** One short line per detail: "Aktiv: Ja → Nej", "Roll: Kassör". */
export function detailLines(t: Translate, entry: AuditEntry, lookups: AuditLookups): string[] {
  const { details } = entry;
  const skip = new Set(shownInTarget[entry.targetType] ?? []);
  const lines: string[] = [];

  const { from, to } = details;
  const hasFromTo = 'from' in details && 'to' in details;
  if (hasFromTo) {
    if (isRecord(from) && isRecord(to)) lines.push(...recordChanges(t, from, to, lookups));
    else {
      const field = entry.action === 'user.terminals-set' ? 'terminalIds' : 'value';
      lines.push(change(t, field, from, to, lookups));
    }
  }

  for (const [key, value] of Object.entries(details)) {
    if (skip.has(key) || (hasFromTo && (key === 'from' || key === 'to'))) continue;
    if (key === 'changes' && isRecord(value)) {
      for (const [field, step] of Object.entries(value)) {
        if (isRecord(step)) lines.push(change(t, field, step.from, step.to, lookups));
      }
      continue;
    }
    lines.push(
      t('audit.detail', { field: fieldLabel(t, key), value: formatValue(t, key, value, lookups) }),
    );
  }
  return lines;
}

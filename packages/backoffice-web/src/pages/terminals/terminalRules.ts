import type { Licence, RegistrationStatus, TerminalRegistration } from '@kassa/contracts';
import type { PlainMessageKey } from '../../i18n/translate';

/** Kassabeteckning as the server stores it: trimmed, upper case. */
export function normaliseRegisterId(input: string): string {
  return input.trim().toUpperCase();
}

const registerIdPattern = /^[A-Z0-9]{1,16}$/;

export interface TerminalForm {
  name: string;
  placeOfBusinessId: string;
  registerId: string;
}

export type TerminalFormErrors = Partial<Record<keyof TerminalForm, PlainMessageKey>>;

/** The same rules as the API (name 1–60 characters, kassabeteckning 1–16 A–Z/0–9), in advance. */
export function validateTerminalForm(
  form: TerminalForm,
  mode: 'create' | 'edit',
): TerminalFormErrors {
  const errors: TerminalFormErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'terminals.validation.nameMissing';
  else if (name.length > 60) errors.name = 'terminals.validation.nameTooLong';
  if (form.placeOfBusinessId === '') errors.placeOfBusinessId = 'terminals.validation.place';
  if (mode === 'create' && !registerIdPattern.test(normaliseRegisterId(form.registerId))) {
    errors.registerId = 'terminals.validation.registerId';
  }
  return errors;
}

export interface LicenceUsage {
  active: number;
  licensed: number;
  /** No room for another active terminal. */
  full: boolean;
  /** 0–100, for a progress bar. */
  percent: number;
}

export function licenceUsage(licence: Licence): LicenceUsage {
  const { activeTerminals: active, terminals: licensed } = licence;
  const percent = licensed <= 0 ? 100 : Math.min(100, Math.round((active / licensed) * 100));
  return { active, licensed, full: active >= licensed, percent };
}

export type RegistrationForm = {
  controlUnitSerial: string;
  status: RegistrationStatus;
  registeredOn: string;
};

export function registrationForm(registration: TerminalRegistration): RegistrationForm {
  return {
    controlUnitSerial: registration.controlUnitSerial ?? '',
    status: registration.status,
    registeredOn: registration.registeredOn ?? '',
  };
}

/** The PUT body: empty fields become null. */
export function registrationBody(form: RegistrationForm): TerminalRegistration {
  const serial = form.controlUnitSerial.trim();
  const date = form.registeredOn.trim();
  return {
    controlUnitSerial: serial === '' ? null : serial,
    status: form.status,
    registeredOn: date === '' ? null : date,
  };
}

export function isRegistrationStatus(value: unknown): value is RegistrationStatus {
  return value === 'registered' || value === 'unregistered';
}

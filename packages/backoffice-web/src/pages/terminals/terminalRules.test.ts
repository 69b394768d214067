import { describe, expect, it } from 'vitest';
import {
  isRegistrationStatus,
  licenceUsage,
  normaliseRegisterId,
  registrationBody,
  registrationForm,
  validateTerminalForm,
} from './terminalRules';

describe('validateTerminalForm', () => {
  const valid = { name: 'Kassa 1', placeOfBusinessId: 'p1', registerId: 'k1' };

  it('accepts a complete form', () => {
    expect(validateTerminalForm(valid, 'create')).toEqual({});
  });

  it('asks for a name, a place and a valid kassabeteckning', () => {
    expect(
      validateTerminalForm({ name: '  ', placeOfBusinessId: '', registerId: 'K-1' }, 'create'),
    ).toEqual({
      name: 'terminals.validation.nameMissing',
      placeOfBusinessId: 'terminals.validation.place',
      registerId: 'terminals.validation.registerId',
    });
    expect(validateTerminalForm({ ...valid, name: 'x'.repeat(61) }, 'create').name).toBe(
      'terminals.validation.nameTooLong',
    );
    expect(validateTerminalForm({ ...valid, registerId: 'A'.repeat(17) }, 'create')).toHaveProperty(
      'registerId',
    );
    expect(validateTerminalForm({ ...valid, registerId: 'Å1' }, 'create')).toHaveProperty(
      'registerId',
    );
  });

  it('does not check the kassabeteckning when editing (it cannot change)', () => {
    expect(validateTerminalForm({ ...valid, registerId: '' }, 'edit')).toEqual({});
  });
});

describe('normaliseRegisterId', () => {
  it('trims and uses upper case, like the server', () => {
    expect(normaliseRegisterId(' k12 ')).toBe('K12');
  });
});

describe('licenceUsage', () => {
  it('is full when every licensed terminal is active', () => {
    expect(licenceUsage({ terminals: 2, activeTerminals: 1, modules: [] })).toEqual({
      active: 1,
      licensed: 2,
      full: false,
      percent: 50,
    });
    expect(licenceUsage({ terminals: 2, activeTerminals: 2, modules: [] }).full).toBe(true);
  });

  it('copes with a reduced or empty licence', () => {
    expect(licenceUsage({ terminals: 1, activeTerminals: 3, modules: [] })).toMatchObject({
      full: true,
      percent: 100,
    });
    expect(licenceUsage({ terminals: 0, activeTerminals: 0, modules: [] })).toMatchObject({
      full: true,
      percent: 100,
    });
  });
});

describe('registration form', () => {
  it('round-trips and sends empty fields as null', () => {
    const form = registrationForm({
      controlUnitSerial: null,
      status: 'unregistered',
      registeredOn: null,
    });
    expect(form).toEqual({ controlUnitSerial: '', status: 'unregistered', registeredOn: '' });
    expect(registrationBody(form)).toEqual({
      controlUnitSerial: null,
      status: 'unregistered',
      registeredOn: null,
    });
    expect(
      registrationBody({
        controlUnitSerial: ' CU-1 ',
        status: 'registered',
        registeredOn: '2026-11-20',
      }),
    ).toEqual({ controlUnitSerial: 'CU-1', status: 'registered', registeredOn: '2026-11-20' });
  });

  it('recognises the statuses', () => {
    expect(isRegistrationStatus('registered')).toBe(true);
    expect(isRegistrationStatus('pending')).toBe(false);
  });
});

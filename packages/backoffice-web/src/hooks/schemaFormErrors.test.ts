import { describe, expect, it } from 'vitest';
import {
  accountingSettingsBodySchema,
  setUserTerminalsBodySchema,
  terminalRegistrationBodySchema,
  type SieAccounts,
} from '@kassa/contracts';
import { priceChangeForm } from '../pages/products/productRules';
import { planErrors, type PlanForm } from '../pages/settings/accountPlan';
import { registrationBody, type RegistrationForm } from '../pages/terminals/terminalRules';
import { pinFormSchema } from '../pages/users/pin';
import { schemaFormErrors } from './schemaFormErrors';

describe('schemaFormErrors', () => {
  it('gives each field of the body the kit’s message, or the field’s own', () => {
    const generic = schemaFormErrors(setUserTerminalsBodySchema);
    expect(generic({ terminalIds: ['a'] })).toEqual({});
    expect(generic({ terminalIds: 'a' })).toEqual({ terminalIds: 'form.invalid' });

    const pin = schemaFormErrors(pinFormSchema, { messages: { pin: 'users.validation.pin' } });
    expect(pin({ pin: '4711' })).toEqual({});
    expect(pin({ pin: '12a' })).toEqual({ pin: 'users.validation.pin' });
    expect(pin({ pin: '123456789' })).toEqual({ pin: 'users.validation.pin' });
  });

  it('Ändra pris: the typed price and an earlier day are both refused, on the form’s fields', () => {
    const { schema, initialValues, options } = priceChangeForm('2026-12-08');
    const errors = schemaFormErrors(schema, options);
    expect(errors(initialValues)).toEqual({ price: 'products.field.invalidPrice' });
    expect(errors({ price: '39,50', effectiveFrom: '2026-12-08' })).toEqual({});
    expect(errors({ price: '39,50', effectiveFrom: '2027-01-01' })).toEqual({});
    expect(errors({ price: 'trettio', effectiveFrom: '2026-12-07' })).toEqual({
      price: 'products.field.invalidPrice',
      effectiveFrom: 'products.priceModal.invalidDate',
    });
    expect(errors({ price: '35', effectiveFrom: '' })).toEqual({
      effectiveFrom: 'products.priceModal.invalidDate',
    });
  });

  it('registration: empty fields are sent as null, so an empty form is accepted', () => {
    const errors = schemaFormErrors<RegistrationForm>(terminalRegistrationBodySchema, {
      bodyOf: registrationBody,
    });
    expect(errors({ controlUnitSerial: ' ', status: 'unregistered', registeredOn: '' })).toEqual(
      {},
    );
    expect(
      errors({ controlUnitSerial: 'CU-1', status: 'registered', registeredOn: '2026-13-01' }),
    ).toEqual({ registeredOn: 'form.invalid' });
  });

  it('Bokföring (SIE): the plan’s rules by field path, after the schema’s', () => {
    const account = { number: '1910', name: 'Kassa' };
    const accounts = Object.fromEntries(
      Object.keys(accountingSettingsBodySchema.shape.accounts.shape).map((role) => [
        role,
        { number: String(3000 + role.length), name: `Konto ${String(3000 + role.length)}` },
      ]),
    ) as SieAccounts; // every role of the schema, each a valid account
    const errors = schemaFormErrors<PlanForm>(accountingSettingsBodySchema, {
      rules: planErrors,
    });
    expect(errors({ accounts: { ...accounts, cash: account } })).toEqual({});
    expect(
      errors({ accounts: { ...accounts, cash: { ...account, number: '158' }, card: account } }),
    ).toEqual({ 'accounts.cash.number': 'accounting.validation.number' });
    expect(
      errors({ accounts: { ...accounts, cash: account, card: { ...account, name: 'Kort' } } }),
    ).toEqual({ 'accounts.card.name': 'accounting.validation.sameNumber' });
  });
});

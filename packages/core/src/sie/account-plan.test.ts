import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIE_ACCOUNT_PLAN,
  type SieAccountPlan,
  sieAccountsByRole,
  validateSieAccountPlan,
} from './account-plan.js';

describe('DEFAULT_SIE_ACCOUNT_PLAN', () => {
  it('is the BAS plan of the issue, and valid', () => {
    expect(
      sieAccountsByRole(DEFAULT_SIE_ACCOUNT_PLAN).map(({ role, account }) => [
        role,
        account.number,
      ]),
    ).toEqual([
      ['cash', '1910'],
      ['card', '1580'],
      ['swish', '1930'],
      ['sales-25', '3001'],
      ['sales-12', '3002'],
      ['sales-6', '3003'],
      ['sales-0', '3004'],
      ['output-vat-25', '2611'],
      ['output-vat-12', '2621'],
      ['output-vat-6', '2631'],
      ['rounding', '3740'],
    ]);
    expect(validateSieAccountPlan(DEFAULT_SIE_ACCOUNT_PLAN).ok).toBe(true);
  });
});

describe('validateSieAccountPlan', () => {
  const with_ = (change: Partial<SieAccountPlan>): SieAccountPlan => ({
    ...DEFAULT_SIE_ACCOUNT_PLAN,
    ...change,
  });

  it('accepts several roles on one account with one name', () => {
    const sales = { number: '3000', name: 'Försäljning' };
    const plan = with_({ sales: { 2500: sales, 1200: sales, 600: sales, 0: sales } });
    expect(validateSieAccountPlan(plan)).toEqual({ ok: true, value: plan });
  });

  it.each(['191', '0191', '1910a', '', '1234567', ' 1910'])(
    'refuses the account number %j',
    (number) => {
      expect(validateSieAccountPlan(with_({ cash: { number, name: 'Kassa' } }))).toEqual({
        ok: false,
        code: 'sie-account-number-invalid',
        role: 'cash',
        number,
      });
    },
  );

  it.each(['', '   ', ' Kassa', 'Kassa\n2', 'Kassa €', 'K'.repeat(101)])(
    'refuses the account name %j',
    (name) => {
      expect(validateSieAccountPlan(with_({ rounding: { number: '3740', name } }))).toMatchObject({
        ok: false,
        code: 'sie-account-name-invalid',
        role: 'rounding',
      });
    },
  );

  it('refuses one number with two names', () => {
    expect(validateSieAccountPlan(with_({ swish: { number: '1910', name: 'Swish' } }))).toEqual({
      ok: false,
      code: 'sie-account-name-conflict',
      number: '1910',
      first: 'Kassa',
      second: 'Swish',
    });
  });
});

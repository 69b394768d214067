import { describe, expect, it } from 'vitest';
import type { SieAccounts } from '@kassa/contracts';
import { sameAccounts, validateAccounts } from './accountPlan';

/** The BAS plan, as the server's defaults. */
const bas: SieAccounts = {
  cash: { number: '1910', name: 'Kassa' },
  card: { number: '1580', name: 'Fordringar för kontokort och kuponger' },
  swish: { number: '1930', name: 'Företagskonto/checkkonto/affärskonto' },
  'sales-25': { number: '3001', name: 'Försäljning inom Sverige, 25 % moms' },
  'sales-12': { number: '3002', name: 'Försäljning inom Sverige, 12 % moms' },
  'sales-6': { number: '3003', name: 'Försäljning inom Sverige, 6 % moms' },
  'sales-0': { number: '3004', name: 'Försäljning inom Sverige, momsfri' },
  'output-vat-25': { number: '2611', name: 'Utgående moms på försäljning inom Sverige, 25 %' },
  'output-vat-12': { number: '2621', name: 'Utgående moms på försäljning inom Sverige, 12 %' },
  'output-vat-6': { number: '2631', name: 'Utgående moms på försäljning inom Sverige, 6 %' },
  rounding: { number: '3740', name: 'Öres- och kronutjämning' },
};

describe('validateAccounts', () => {
  it('accepts the BAS plan', () => {
    expect(validateAccounts(bas)).toEqual({});
  });

  it('refuses bad numbers and names, and two names for one number', () => {
    const plan: SieAccounts = {
      ...bas,
      cash: { number: '0910', name: 'Kassa' },
      card: { number: '1580', name: ' ' },
      swish: { number: '1930000', name: 'Bank' },
      rounding: { number: '3740', name: 'x'.repeat(101) },
      // All sales on 3000 is allowed under one name …
      'sales-25': { number: '3000', name: 'Försäljning' },
      'sales-12': { number: '3000', name: 'Försäljning' },
      // … but not under another.
      'sales-6': { number: '3000', name: 'Annat namn' },
    };
    expect(validateAccounts(plan)).toEqual({
      cash: { number: 'accounting.validation.number' },
      card: { name: 'accounting.validation.name' },
      swish: { number: 'accounting.validation.number' },
      'sales-6': { name: 'accounting.validation.sameNumber' },
      rounding: { name: 'accounting.validation.name' },
    });
  });

  it('refuses control characters and surrounding spaces in names', () => {
    expect(validateAccounts({ ...bas, cash: { number: '1910', name: 'Kas\tsa' } })).toEqual({
      cash: { name: 'accounting.validation.name' },
    });
    expect(validateAccounts({ ...bas, cash: { number: '1910', name: 'Kassa ' } })).toEqual({
      cash: { name: 'accounting.validation.name' },
    });
  });
});

describe('sameAccounts', () => {
  it('compares numbers and names of every role', () => {
    expect(sameAccounts(bas, { ...bas })).toBe(true);
    expect(sameAccounts(bas, { ...bas, 'sales-0': { number: '3004', name: 'Momsfritt' } })).toBe(
      false,
    );
  });
});

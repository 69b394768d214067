import { type ReceiptRegistration, ore } from '@kassa/core';

/**
 * The CCSP specification's layout example (docs/protocols/control-unit.md, "Messages", the spec's §2 receipt): 2026-04-11
 * 14:32, receipt 123 of register K1, total 105,00 with 12 % VAT 3,75 and 6 % VAT 3,96; a test
 * changes what it is about through `overrides`.
 */
export function sampleReceiptRegistration(
  overrides: Partial<ReceiptRegistration> = {},
): ReceiptRegistration {
  return {
    dateTime: '202604111432',
    organisationNumber: '556677-8899',
    registerId: 'K1',
    receiptNumber: 123,
    receiptType: 'normal',
    returnTotal: ore(0),
    total: ore(10_500),
    vat: [
      { rate: 1200, amount: ore(375) },
      { rate: 600, amount: ore(396) },
    ],
    ...overrides,
  };
}

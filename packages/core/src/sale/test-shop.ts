/**
 * The example shop of core's sale tests (day reports, VAT reconciliation): who sells, where,
 * and the hash the journal's chain uses. Test support only; nothing in src/ imports it.
 */
import { SHOP_TIME_ZONE } from '../business-day.js';
import type { Result } from '../result.js';

export { sha256Hex as sha256 } from '../sha256.js';

export const ZONE = SHOP_TIME_ZONE;

export const identity = {
  companyName: 'Kafé Exempel AB',
  organisationNumber: '556677-8899',
  registerId: 'K1',
};

export const header = {
  ...identity,
  placeOfSaleAddress: 'Storgatan 1',
  delivery: 'paper' as const,
};

/** The value of a result the test expects to succeed; a failure throws, naming it. */
export function value<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  }
  return result.value;
}

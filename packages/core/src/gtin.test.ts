import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidGtin } from './gtin.js';

describe('isValidGtin', () => {
  it('accepts real codes of every length', () => {
    // 7310865004703: an EAN-13 (73 = Sweden's GS1 prefix); 96385074: the GS1 EAN-8 example;
    // 036000291452: a UPC-A; 10012345678902: a GTIN-14.
    for (const code of ['7310865004703', '96385074', '036000291452', '10012345678902']) {
      expect(isValidGtin(code), code).toBe(true);
    }
  });

  it('refuses wrong lengths, letters and wrong check digits', () => {
    for (const code of [
      '',
      '1234567',
      '123456789',
      '73108650047031',
      '731086500470X',
      '7310865004704',
    ]) {
      expect(isValidGtin(code), code).toBe(false);
    }
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (position, delta) => {
          const code = [...'7310865004703'];
          code[position] = String((Number(code[position]) + delta) % 10);
          return !isValidGtin(code.join(''));
        },
      ),
    );
  });
});

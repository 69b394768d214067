import { describe, expect, it } from 'vitest';
import * as core from './index.js';

describe('@kassa/core public API', () => {
  it('exports the domain functions and tables', () => {
    const expected = [
      'ok',
      'fail',
      'ore',
      'add',
      'subtract',
      'negate',
      'sum',
      'multiplyByQuantity',
      'multiplyByGrams',
      'parseKronor',
      'formatKronor',
      'allocate',
      'MAX_PARSED_ORE',
      'VAT_RATES',
      'isVatRate',
      'vatOfGross',
      'splitVatByRate',
      'VAT_CATEGORIES',
      'VAT_CATEGORY_RATES',
      'resolveVatRate',
      'categoryForConsumption',
      'roundCashAmount',
      'splitTenderRounding',
      'businessDayOf',
      'businessDayBounds',
      'isValidBusinessDay',
      'addDays',
      'parseOrganisationNumber',
      'computeLuhnCheckDigit',
    ];
    expect(Object.keys(core).sort()).toEqual([...expected].sort());
  });

  it('keeps internal helpers private', () => {
    expect(core).not.toHaveProperty('divideHalfAwayFromZero');
  });
});

import { describe, expect, it } from 'vitest';
import * as core from './index.js';
import * as result from './result.js';
import * as money from './money.js';
import * as vat from './vat.js';
import * as vatCategory from './vat-category.js';
import * as cashRounding from './cash-rounding.js';
import * as businessDay from './business-day.js';
import * as organisationNumber from './organisation-number.js';
import * as controlUnit from './control-unit/index.js';
import * as sale from './sale/index.js';
import * as gtin from './gtin.js';
import * as zonedTime from './zoned-time.js';
import * as sie from './sie/index.js';

describe('@kassa/core public API', () => {
  it('re-exports exactly the public modules, with no name exported twice', () => {
    const modules = [
      result,
      money,
      vat,
      vatCategory,
      cashRounding,
      businessDay,
      organisationNumber,
      controlUnit,
      sale,
      gtin,
      zonedTime,
      sie,
    ];
    const names = modules.flatMap((m) => Object.keys(m));
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(core).sort()).toEqual([...names].sort());
  });

  it('exports the domain functions callers rely on', () => {
    for (const name of [
      'allocate',
      'splitVatByRate',
      'resolveVatRate',
      'roundCashAmount',
      'businessDayOf',
      'parseOrganisationNumber',
      'encodeCcspFrame',
      'appendEntry',
      'verifyJournal',
      'buildZReport',
      'buildSieFile',
      'encodeCp437',
    ]) {
      expect(core, name).toHaveProperty(name);
    }
  });

  it('keeps internal helpers private', () => {
    expect(core).not.toHaveProperty('divideHalfAwayFromZero');
    expect(core).not.toHaveProperty('percent');
  });
});

/**
 * @kassa/core: the pure domain of Kassa. No I/O, no clock, no environment, no randomness;
 * callers pass times, zones and ids. Internal helpers (integer-division.ts) are not exported.
 */
export * from './result.js';
export * from './money.js';
export * from './vat.js';
export * from './vat-category.js';
export * from './cash-rounding.js';
export * from './business-day.js';
export * from './organisation-number.js';
export * from './sale/index.js';
export * from './control-unit/index.js';
export * from './gtin.js';
export * from './zoned-time.js';
export * from './sie/index.js';

/**
 * Selling at the register: sale building and payments, receipts of every kind, the
 * hash-chained journal and the X/Z day reports. Pure: callers pass times, ids and the hash
 * function. See docs/domain/receipts-journal-reports.md.
 */
export * from './sale.js';
export * from './receipt.js';
export * from './journal.js';
export * from './canonical-json.js';
export * from './journal-chain.js';
export * from './receipt-numbering.js';
export * from './day-figures.js';
export * from './day-report.js';

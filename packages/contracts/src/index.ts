/** @kassa/contracts: the shapes that cross a process boundary, as zod schemas. */
export * from './errors.js';
export * from './api.js';
export * from './register-protocol.js';
export * from './journal-receipt.js';
export * from './journal-day-report.js';
export * from './register.js';
export * from './register-sales.js';
export * from './register-local-answers.js';
export * from './reports.js';
export * from './exports.js';
export * from './installer-tag.js';
export * from './journal-events.js';

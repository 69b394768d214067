/**
 * @kassa/test-kit: helpers shared by the test suites (never imported by production code).
 */
export * from './code-signing.js';
export * from './control-unit-samples.js';
export * from './escpos-decoder.js';
export * from './postgres.js';
export * from './sample-journal.js';
export * from './seeded-random.js';
export * from './server-process.js';
export * from './xml-check.js';

/** Receipt output: ESC/POS for receipt printers, HTML and PDF for electronic receipts. */
export * from './layout.js';
export * from './escpos.js';
export * from './html.js';
export * from './pdf.js';
export * from './escpos-writer.js';

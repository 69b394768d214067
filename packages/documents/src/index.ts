/**
 * @kassa/documents: the documents of a register's journal, rendered without I/O — receipts
 * (ESC/POS, HTML, PDF), X- and Z-dagrapporter (ESC/POS, HTML, PDF) and the journal as the
 * standard export of SKVFS 2021:16 (XML). Used by the register (printing, electronic receipts,
 * `kassa export-journal`) and by the server (the Z archive's PDF, the journal export from its
 * copy). Sending bytes to a printer is the register's business, not this package's.
 */
export * from './receipt-output/index.js';
export * from './report-output/index.js';
export * from './journal-export/index.js';

/** Day report output: the X- and Z-dagrapport as ESC/POS, HTML and PDF, from one layout. */
export * from './layout.js';
export * from './escpos.js';
export * from './html.js';
export * from './pdf.js';

/**
 * The printed X- or Z-dagrapport as ESC/POS bytes, through `@point-of-sale/receipt-printer-encoder`
 * and the receipt's block writer: the same codepage (CP437, which has åäöÅÄÖ and the no-break
 * space of the amounts) and the same line fitting. The heading ("Z-DAGRAPPORT nr 12",
 * "X-DAGRAPPORT") is printed bold at double width and double height.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { type EscPosOptions, codepageFor, writeEscPosBlock } from '../receipt-output/escpos.js';
import { type DayReport, layoutDayReport } from './layout.js';

/** Renders `report` as ESC/POS bytes for a receipt printer (options as for receipts). */
export function renderDayReportEscPos(report: DayReport, options: EscPosOptions = {}): Uint8Array {
  const columns = options.columns ?? 42;
  if (!Number.isInteger(columns) || columns < 24 || columns > 64) {
    throw new RangeError(`columns must be an integer from 24 to 64, got ${columns}`);
  }
  const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns });
  const layout = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  const blocks = layoutDayReport(report, layout);
  encoder.initialize().codepage(codepageFor(blocks));
  for (const block of blocks) {
    writeEscPosBlock(encoder, block, columns);
  }
  encoder.newline(2);
  if (options.cut ?? true) {
    encoder.cut('full');
  }
  return encoder.encode();
}

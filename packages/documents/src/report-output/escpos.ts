/**
 * The printed X- or Z-dagrapport as ESC/POS bytes, through the receipt's writer and block writer
 * (receipt-output/escpos-writer.ts): the same codepage (CP437, which has åäöÅÄÖ and the no-break
 * space of the amounts) and the same line fitting. The heading ("Z-DAGRAPPORT nr 12",
 * "X-DAGRAPPORT") is printed bold at double width and double height.
 */
import type { EscPosWriter } from '../receipt-output/escpos-writer.js';
import { type EscPosOptions, checkedColumns, writeBlocks } from '../receipt-output/escpos.js';
import { type DayReport, layoutDayReport } from './layout.js';

/** Renders `report` as ESC/POS bytes for a receipt printer (options as for receipts). */
export function renderDayReportEscPos(report: DayReport, options: EscPosOptions = {}): Uint8Array {
  return dayReportEscPosWriter(report, options).encode();
}

/** The writer holding `report` laid out (tests compare its two paths). */
export function dayReportEscPosWriter(
  report: DayReport,
  options: EscPosOptions = {},
): EscPosWriter {
  const columns = checkedColumns(options);
  const layout = options.timeZone === undefined ? {} : { timeZone: options.timeZone };
  return writeBlocks(layoutDayReport(report, layout), columns, options);
}

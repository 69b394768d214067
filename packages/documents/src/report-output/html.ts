/**
 * The X- or Z-dagrapport as one self-contained, printable HTML page (inline CSS, no scripts, no
 * external resources), rendered with the receipt's block writer so every text is escaped.
 */
import { RECEIPT_HTML_STYLE, escapeHtml, receiptBlockHtml } from '../receipt-output/html.js';
import {
  type DayReport,
  type DayReportLayoutOptions,
  dayReportTitle,
  layoutDayReport,
} from './layout.js';

const PRINT_STYLE = `
.row span:last-child { white-space: nowrap; }
@media print {
  body { background: none; }
  main { margin: 0 auto; padding: 0; }
  @page { margin: 15mm; }
}
`;

/** Renders `report` as a complete HTML document (UTF-8). */
export function renderDayReportHtml(
  report: DayReport,
  options: DayReportLayoutOptions = {},
): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="sv">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(dayReportTitle(report))}</title>`,
    `<style>${RECEIPT_HTML_STYLE}${PRINT_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...layoutDayReport(report, options).map(receiptBlockHtml),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

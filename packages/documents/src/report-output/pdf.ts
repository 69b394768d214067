/**
 * The X- or Z-dagrapport as a PDF (pdfkit), rendered with the receipt's block writer: standard
 * Helvetica (WinAnsi covers åäöÅÄÖ, no font file embedded), the heading at the markings' 22 pt.
 */
import PDFDocument from 'pdfkit';
import { PDF_COLUMN_WIDTH, PDF_TEXT_SIZE, writePdfBlock } from '../receipt-output/pdf.js';
import {
  type DayReport,
  type DayReportLayoutOptions,
  dayReportTitle,
  layoutDayReport,
} from './layout.js';

/** Renders `report` as a PDF document. */
export function renderDayReportPdf(
  report: DayReport,
  options: DayReportLayoutOptions = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 36,
    info: {
      Title: dayReportTitle(report),
      Subject: report.type === 'Z' ? 'Z-dagrapport' : 'X-dagrapport',
      Producer: 'Kassa',
      Creator: 'Kassa',
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  const left = (doc.page.width - PDF_COLUMN_WIDTH) / 2;
  doc.font('Helvetica').fontSize(PDF_TEXT_SIZE);
  for (const block of layoutDayReport(report, options)) {
    writePdfBlock(doc, block, left);
  }
  doc.end();
  return done;
}

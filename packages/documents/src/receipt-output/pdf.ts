/**
 * The electronic receipt as a PDF (pdfkit), marked "elektroniskt kassakvitto" (SKVFS 2014:9
 * 7 kap 1 § m). Only the standard Helvetica fonts are used: their WinAnsi encoding covers åäöÅÄÖ,
 * so no font file is embedded. Amounts are set at 10 pt and the markings at 22 pt, more than
 * twice their height (5 kap 5 §).
 */
import PDFDocument from 'pdfkit';
import type { Receipt } from '@kassa/core';
import { type ReceiptBlock, layoutReceipt } from './layout.js';

export interface PdfOptions {
  /** Zone the date and time are shown in. Default 'Europe/Stockholm'. */
  readonly timeZone?: string;
}

/** Font size of the amounts and the other text. */
export const PDF_TEXT_SIZE = 10;
/** Font size of the markings: more than twice `PDF_TEXT_SIZE`. */
export const PDF_MARKING_SIZE = 22;

/** Width of the text column, in points. */
export const PDF_COLUMN_WIDTH = 300;
const WIDTH = PDF_COLUMN_WIDTH;

/** Renders `receipt` as a PDF document, always marked as electronic. */
export function renderReceiptPdf(receipt: Receipt, options: PdfOptions = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: {
      Title: `Kvitto ${receipt.receiptNumber} – ${receipt.companyName}`,
      Subject: 'elektroniskt kassakvitto',
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
  const left = (doc.page.width - WIDTH) / 2;
  doc.font('Helvetica').fontSize(PDF_TEXT_SIZE);
  for (const block of layoutReceipt(receipt, { ...options, electronic: true })) {
    writePdfBlock(doc, block, left);
  }
  doc.end();
  return done;
}

/** Writes one laid-out block in the column starting at `left` (shared with the day reports). */
export function writePdfBlock(doc: PDFKit.PDFDocument, block: ReceiptBlock, left: number): void {
  switch (block.kind) {
    case 'marking':
      doc
        .font('Helvetica-Bold')
        .fontSize(PDF_MARKING_SIZE)
        .text(block.text, left, undefined, { width: WIDTH, align: 'center' })
        .font('Helvetica')
        .fontSize(PDF_TEXT_SIZE);
      return;
    case 'title':
      doc
        .font('Helvetica-Bold')
        .fontSize(PDF_TEXT_SIZE + 2)
        .text(block.text, left, undefined, { width: WIDTH, align: 'center' })
        .font('Helvetica')
        .fontSize(PDF_TEXT_SIZE);
      return;
    case 'text':
      doc.text(block.text, left, undefined, {
        width: WIDTH,
        align: block.center === true ? 'center' : 'left',
      });
      return;
    case 'row':
      doc.font(block.strong === true ? 'Helvetica-Bold' : 'Helvetica');
      row(doc, left, block.label, block.value);
      doc.font('Helvetica');
      return;
    case 'item':
      doc.text(block.text, left, undefined, { width: WIDTH });
      row(doc, left, `    ${block.detail}`, block.amount);
      if (block.discount !== null) {
        row(doc, left, '    Rabatt', block.discount);
      }
      return;
    case 'table': {
      const cell = WIDTH / block.header.length;
      for (const cells of [block.header, ...block.rows]) {
        ensureRoom(doc, left, doc.currentLineHeight(true));
        const y = doc.y;
        cells.forEach((text, i) => {
          doc.text(text, left + i * cell, y, {
            width: cell,
            align: i === 0 ? 'left' : 'right',
            lineBreak: false,
          });
        });
        doc.x = left;
        doc.y = y + doc.currentLineHeight(true);
      }
      return;
    }
    case 'rule': {
      ensureRoom(doc, left, 8);
      const y = doc.y + 3;
      doc
        .moveTo(left, y)
        .lineTo(left + WIDTH, y)
        .dash(2, { space: 2 })
        .stroke()
        .undash();
      doc.x = left;
      doc.y = y + 5;
      return;
    }
  }
}

/**
 * Starts a new page when `height` more points do not fit above the bottom margin. Needed where
 * text is placed at an explicit y (rows, table rows, rules): pdfkit only breaks pages for
 * flowing text, and a row split across a break loses its value and runs on for pages.
 */
function ensureRoom(doc: PDFKit.PDFDocument, left: number, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    doc.x = left;
  }
}

function row(doc: PDFKit.PDFDocument, left: number, label: string, value: string): void {
  ensureRoom(doc, left, doc.currentLineHeight(true));
  const y = doc.y;
  doc.text(label, left, y, { width: WIDTH * 0.7, lineBreak: false });
  doc.text(value, left, y, { width: WIDTH, align: 'right', lineBreak: false });
  doc.x = left;
  doc.y = y + doc.currentLineHeight(true);
}

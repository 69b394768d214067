/**
 * The electronic receipt as one self-contained HTML page (inline CSS, no scripts, no external
 * resources), marked "elektroniskt kassakvitto" (SKVFS 2014:9 7 kap 1 § m). The kind markings are
 * set at 2.2em against the amounts' 1em: more than twice their height (5 kap 5 §).
 */
import type { Receipt } from '@kassa/core';
import { type ReceiptBlock, formatReceiptDateTime, layoutReceipt } from './layout.js';

export interface HtmlOptions {
  /** Zone the date and time are shown in. Default 'Europe/Stockholm'. */
  readonly timeZone?: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** The receipt page's CSS (shared with the day reports). */
export const RECEIPT_HTML_STYLE = `
body { font-family: Helvetica, Arial, sans-serif; font-size: 14px; margin: 0; background: #f4f4f4; }
main { max-width: 26em; margin: 1em auto; padding: 1.5em; background: #fff; color: #000; }
h1 { font-size: 1.2em; text-align: center; margin: 0 0 .2em; }
p { margin: .1em 0; }
.center { text-align: center; }
.marking { font-size: 2.2em; font-weight: bold; text-align: center; margin: .2em 0; }
.row { display: flex; justify-content: space-between; gap: 1em; }
.strong { font-weight: bold; }
.item .detail { padding-left: 1em; }
.code { font-family: monospace; word-break: break-all; }
hr { border: 0; border-top: 1px dashed #000; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: right; padding: 0 .2em; }
th:first-child, td:first-child { text-align: left; }
`;

/**
 * Renders `receipt` as a complete HTML document (UTF-8), marked as electronic — unless
 * `asPrinted` asks for a preview of exactly what was delivered (a paper receipt is not marked).
 */
export function renderReceiptHtml(
  receipt: Receipt,
  options: HtmlOptions & { readonly asPrinted?: boolean } = {},
): string {
  const { asPrinted, ...layout } = options;
  const electronic = asPrinted === true ? receipt.delivery === 'electronic' : true;
  const blocks = layoutReceipt(receipt, { ...layout, electronic });
  const title = `Kvitto ${receipt.receiptNumber} – ${receipt.companyName} – ${formatReceiptDateTime(
    receipt.issuedAt,
    options.timeZone,
  )}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="sv">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${RECEIPT_HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...blocks.map(receiptBlockHtml),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** One laid-out block as HTML, its texts escaped (shared with the day reports). */
export function receiptBlockHtml(block: ReceiptBlock): string {
  const e = escapeHtml;
  switch (block.kind) {
    case 'marking':
      return `<p class="marking">${e(block.text)}</p>`;
    case 'title':
      return `<h1>${e(block.text)}</h1>`;
    case 'text':
      return block.text.length > 40 && !block.text.includes(' ')
        ? `<p class="code">${e(block.text)}</p>`
        : `<p${block.center === true ? ' class="center"' : ''}>${e(block.text)}</p>`;
    case 'row':
      return `<div class="row${block.strong === true ? ' strong' : ''}"><span>${e(block.label)}</span> <span>${e(block.value)}</span></div>`;
    case 'item':
      return [
        '<div class="item">',
        `<p>${e(block.text)}</p>`,
        `<div class="row detail"><span>${e(block.detail)}</span> <span>${e(block.amount)}</span></div>`,
        block.discount === null
          ? ''
          : `<div class="row detail"><span>Rabatt</span> <span>${e(block.discount)}</span></div>`,
        '</div>',
      ].join('');
    case 'table':
      return [
        '<table>',
        `<thead><tr>${block.header.map((h) => `<th>${e(h)}</th>`).join(' ')}</tr></thead>`,
        '<tbody>',
        ...block.rows.map((row) => `<tr>${row.map((c) => `<td>${e(c)}</td>`).join(' ')}</tr>`),
        '</tbody>',
        '</table>',
      ].join('\n');
    case 'rule':
      return '<hr>';
  }
}

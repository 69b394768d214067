/**
 * The X- and Z-dagrapport laid out once, as receipt blocks, so the printed (ESC/POS), HTML and PDF
 * reports carry the same text. Pure: the report value comes from `@kassa/core` (day-report.ts);
 * this module only chooses words and order.
 *
 * Content (SKVFS 2014:9 7 kap 2–3 §§, letters a–w; docs/spec/sweden-regulation.md §4, the union of the 2014 list and
 * the 2021:16 elements). Head: the statement that it is a Z- or X-dagrapport (d) with the Z's
 * löpnummer (c), company and org.nr (a), kassabeteckning (e) and the register's serial number,
 * business day, date and time produced (b). Then sections: sales (f, g, h, j, k, l), payment
 * methods (p), returns and reductions (q, r, s, t, öresavrundning, net total), other counts (n, o,
 * pro forma, price changes, m), cash (i, cash in and out, expected, counted and the difference when
 * counted), and the grand totals u–w last. An X says under its heading that it is not a Z.
 */
import { type CountAmount, type XReport, type ZReport, SHOP_TIME_ZONE } from '@kassa/core';
import {
  type ReceiptBlock,
  amountText,
  formatReceiptDateTime,
  formatVatRate,
  paymentMethodLabel,
} from '../receipt-output/layout.js';

export interface DayReportLayoutOptions {
  /** IANA zone the production time is printed in. Default 'Europe/Stockholm'. */
  readonly timeZone?: string;
}

/** Either day report. */
export type DayReport = XReport | ZReport;

/** The heading, printed large: "X-DAGRAPPORT" or "Z-DAGRAPPORT nr 12". */
export function dayReportHeading(report: DayReport): string {
  return report.type === 'Z' ? `Z-DAGRAPPORT nr ${report.zNumber}` : 'X-DAGRAPPORT';
}

/** Lines under an X's heading saying that it does not close the day (7 kap 2 §). */
export const X_REPORT_NOTICE = ['Ej nollställande', 'Detta är inte en Z-dagrapport'] as const;

/**
 * Said under the heading of a report whose day has receipts signed by a simulated control unit
 * (the simulator is the default: a shop that never connected a real unit must not take its
 * figures for its books). SKVFS 2014:9 requires a certified control unit for valid receipts.
 */
export const SIMULATED_REPORT_NOTICE = [
  'INNEHÅLLER KVITTON SIGNERADE AV EN',
  'SIMULERAD KONTROLLENHET',
  'Inte giltiga för redovisning',
] as const;

/** The same as one sentence (HTML pages, backoffice, exports). */
export const SIMULATED_NOTICE_TEXT =
  'Innehåller kvitton signerade av en simulerad kontrollenhet – inte giltiga för redovisning';

/** What "Räknat i kassalådan" says when the cash was not counted. */
export const NOT_COUNTED = 'ej räknat';

/** A title for the HTML page and the PDF: "Z-dagrapport nr 12 – Kafé AB – 2026-04-11". */
export function dayReportTitle(report: DayReport): string {
  const kind = report.type === 'Z' ? `Z-dagrapport nr ${report.zNumber}` : 'X-dagrapport';
  return `${kind} – ${report.companyName} – ${report.businessDay}`;
}

const row = (label: string, value: string, strong = false): ReceiptBlock =>
  strong ? { kind: 'row', label, value, strong } : { kind: 'row', label, value };

const countRows = (noun: string, figure: CountAmount): ReceiptBlock[] => [
  row(`Antal ${noun}`, String(figure.count)),
  row(`Belopp ${noun}`, amountText(figure.amount)),
];

/** A section heading: a rule and the section's name. */
const section = (name: string): ReceiptBlock[] => [{ kind: 'rule' }, { kind: 'text', text: name }];

/** Lays out `report` as blocks, in the order of the file comment. */
export function layoutDayReport(
  report: DayReport,
  options: DayReportLayoutOptions = {},
): ReceiptBlock[] {
  const timeZone = options.timeZone ?? SHOP_TIME_ZONE;
  const blocks: ReceiptBlock[] = [{ kind: 'marking', text: dayReportHeading(report) }];
  if (report.type === 'X') {
    for (const text of X_REPORT_NOTICE) {
      blocks.push({ kind: 'text', text, center: true });
    }
  }
  const simulated = report.simulatedReceipts ?? 0;
  if (simulated > 0) {
    blocks.push({ kind: 'marking', text: SIMULATED_REPORT_NOTICE[0] });
    blocks.push({ kind: 'marking', text: SIMULATED_REPORT_NOTICE[1] });
    blocks.push({ kind: 'text', text: SIMULATED_REPORT_NOTICE[2], center: true });
  }
  blocks.push({ kind: 'title', text: report.companyName });
  blocks.push({ kind: 'text', text: `Org.nr ${report.organisationNumber}`, center: true });
  blocks.push({ kind: 'rule' });
  if (report.type === 'Z') {
    blocks.push(row('Z-rapport nr', String(report.zNumber)));
  }
  blocks.push(row('Kassa', report.registerId));
  blocks.push(row('Tillverkningsnummer', report.registerSerialNumber ?? '-'));
  blocks.push(row('Försäljningsdag', report.businessDay));
  blocks.push(row('Framställd', formatReceiptDateTime(report.producedAt, timeZone)));

  blocks.push(...section('FÖRSÄLJNING'));
  blocks.push(row('Total försäljning', amountText(report.salesTotal), true));
  blocks.push({ kind: 'text', text: 'Försäljning per huvudgrupp' });
  if (report.salesByGroup.length === 0) {
    blocks.push({ kind: 'text', text: '  (inga huvudgrupper)' });
  }
  for (const group of report.salesByGroup) {
    blocks.push(row(`  ${group.group}`, amountText(group.amount)));
  }
  blocks.push({
    kind: 'table',
    header: ['Moms', 'Moms kr', 'Netto', 'Brutto'],
    rows: report.vatPerRate.map((vat) => [
      formatVatRate(vat.rate),
      amountText(vat.vat),
      amountText(vat.net),
      amountText(vat.gross),
    ]),
  });
  blocks.push(row('Antal sålda varor', String(report.goodsSold)));
  blocks.push(row('Antal sålda tjänster', String(report.servicesSold)));
  blocks.push(row('Antal kvitton', String(report.receiptCount)));

  blocks.push(...section('BETALNINGSMEDEL'));
  if (report.payments.length === 0) {
    blocks.push({ kind: 'text', text: '(inga betalningar)' });
  }
  for (const payment of report.payments) {
    const method = paymentMethodLabel(payment.method);
    blocks.push(row(`${method} försäljning`, amountText(payment.sales)));
    blocks.push(row(`${method} returer`, amountText(payment.returns)));
    blocks.push(row(`${method} netto`, amountText(payment.net), true));
  }

  blocks.push(...section('RETURER OCH AVDRAG'));
  blocks.push(...countRows('returer', report.returns));
  blocks.push(row('Rabatter', amountText(report.discounts)));
  blocks.push(...countRows('övriga minskningar', report.otherReductions));
  blocks.push(...countRows('oavslutade försäljningar', report.unfinishedSales));
  blocks.push(row('Öresavrundning', amountText(report.rounding)));
  blocks.push(row('Nettoförsäljning', amountText(report.netTotal), true));

  blocks.push(...section('ÖVRIGT'));
  blocks.push(...countRows('kvittokopior', report.copies));
  blocks.push(...countRows('övningskvitton', report.training));
  blocks.push(...countRows('förhandskvitton', report.proForma));
  blocks.push(row('Antal prisändringar', String(report.priceChanges)));
  blocks.push(row('Antal lådöppningar', String(report.drawerOpenings)));
  if (simulated > 0) {
    blocks.push(row('Antal kvitton från simulerad kontrollenhet', String(simulated)));
  }

  blocks.push(...section('KONTANTER'));
  blocks.push(row('Växelkassa', amountText(report.cashFloat)));
  blocks.push(row('Insättningar', amountText(report.cashIn)));
  blocks.push(row('Uttag', amountText(report.cashOut)));
  blocks.push(row('Förväntat i kassalådan', amountText(report.expectedCash), true));
  blocks.push(
    row(
      'Räknat i kassalådan',
      report.countedCash === null ? NOT_COUNTED : amountText(report.countedCash),
    ),
  );
  if (report.cashDifference !== null) {
    blocks.push(row('Kassadifferens', amountText(report.cashDifference), true));
  }

  blocks.push(...section('GRAND TOTAL (nollställs aldrig)'));
  blocks.push(row('Grand total försäljning', amountText(report.grandTotals.sales)));
  blocks.push(row('Grand total returer', amountText(report.grandTotals.returns)));
  blocks.push(row('Grand total netto', amountText(report.grandTotals.net), true));
  blocks.push({ kind: 'rule' });
  return blocks;
}

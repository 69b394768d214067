/**
 * Day report output: X- and Z-dagrapporter built with the core builders over a
 * real hash-chained journal are rendered to ESC/POS (decoded back with the test-kit decoder), PDF
 * (read back with pdftotext) and HTML, and every field of the report is looked for with its
 * Swedish label and the value computed from the report object itself.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type JournalEntry,
  type JournalEvent,
  type LineInput,
  type Ore,
  type Receipt,
  type ReportContext,
  type Result,
  type Tender,
  type XReport,
  type ZReport,
  addLine,
  appendEntry,
  buildProFormaReceipt,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  buildXReport,
  buildZReport,
  createSale,
  nextReceiptNumber,
  ore,
  priceSale,
  receiptEvent,
  setLineDiscount,
  subtract,
} from '@kassa/core';
import { decodeEscPos, escPosText, spansContaining } from '@kassa/test-kit';
import {
  type DayReport,
  amountText,
  dayReportEscPosWriter,
  formatReceiptDateTime,
  formatVatRate,
  paymentMethodLabel,
  renderDayReportEscPos,
  renderDayReportHtml,
  renderDayReportPdf,
} from '../src/index.js';

const run = promisify(execFile);
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const ZONE = 'Europe/Stockholm';
const DAY1 = '2026-04-11';
const DAY2 = '2026-04-12';

function value<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.code}`);
  }
  return result.value;
}

const identity = {
  companyName: 'Kafé Åkerö Öl & Bröd AB',
  organisationNumber: '556677-8899',
  registerId: 'KASSA-Ä1',
  registerSerialNumber: 'KS-2026-ÅÄÖ-0042',
};
const header = {
  companyName: identity.companyName,
  organisationNumber: identity.organisationNumber,
  registerId: identity.registerId,
  placeOfSaleAddress: 'Östra Långgatan 4, 413 03 Göteborg',
  delivery: 'paper' as const,
};

const LINES: Record<string, LineInput> = {
  smorgas: {
    lineId: 'smorgas',
    articleNumber: '1001',
    text: 'Räksmörgås',
    itemType: 'good',
    vatCategory: 'food',
    group: 'Smörgåsar',
    pricing: { unit: 'piece', unitPrice: ore(8950), quantity: 2 },
  },
  ost: {
    lineId: 'ost',
    articleNumber: '1002',
    text: 'Västerbottensost',
    itemType: 'good',
    vatCategory: 'food',
    group: 'Ost & chark',
    pricing: { unit: 'gram', pricePerKilogram: ore(32900), grams: 347 },
  },
  kasse: {
    lineId: 'kasse',
    articleNumber: '2001',
    text: 'Bärkasse',
    itemType: 'good',
    vatCategory: 'standard',
    group: 'Presentartiklar',
    pricing: { unit: 'piece', unitPrice: ore(2495), quantity: 1 },
  },
  inslagning: {
    lineId: 'inslagning',
    articleNumber: '3001',
    text: 'Presentinslagning',
    itemType: 'service',
    vatCategory: 'standard',
    group: 'Tjänster',
    pricing: { unit: 'piece', unitPrice: ore(1500), quantity: 1 },
  },
};

/** A tiny register: appends events to a real hash-chained journal. */
class Till {
  readonly entries: JournalEntry[] = [];
  append(event: JournalEvent, at: string): void {
    this.entries.push(appendEntry(this.entries.at(-1) ?? null, event, at, sha256, 'kassör-1'));
  }
  priced(day: string, lineIds: readonly string[], discount = false) {
    let sale = createSale(day, 'take-away');
    for (const id of lineIds) {
      sale = value(addLine(sale, LINES[id]!));
    }
    if (discount) {
      sale = value(
        setLineDiscount(
          sale,
          'smorgas',
          { kind: 'percent', rate: 1000 },
          { maxDiscountRate: 2000 },
        ),
      );
    }
    return value(priceSale(sale));
  }
  sell(
    at: string,
    day: string,
    lineIds: readonly string[],
    tenders: (total: Ore) => Tender[],
    options: { training?: boolean; discount?: boolean } = {},
  ): Receipt {
    const priced = this.priced(day, lineIds, options.discount);
    const training = options.training === true;
    const receipt = value(
      buildSaleReceipt(
        {
          header,
          receiptNumber: nextReceiptNumber(this.entries, training ? 'training' : 'receipt'),
          issuedAt: at,
        },
        priced,
        tenders(priced.total),
        { training },
      ),
    );
    this.append(receiptEvent(receipt), at);
    return receipt;
  }
}

const at = (day: string, time: string): string => `${day}T${time}:00Z`;
const reportContext = (producedAt: string, countedCash?: number): ReportContext => ({
  identity,
  producedAt,
  ...(countedCash === undefined ? {} : { countedCash: ore(countedCash) }),
});

/**
 * Day 1 has every kind of event: a float, sales at 6 % and 25 % (goods and a service, four main
 * groups, a discount, card and cash with öresavrundning), a training receipt, a copy, a return,
 * a pro forma receipt, a drawer opening, a parked sale left unfinished and one resumed, a removed
 * line, a price change, cash in and cash out; it is closed with a Z with counted cash. Day 2 has
 * one sale, an X without counted cash, then Z nr 2.
 */
function buildJournal(): { z1: ZReport; x2: XReport; z2: ZReport } {
  const till = new Till();
  till.append({ kind: 'cash-float', data: { amount: ore(150_000) } }, at(DAY1, '06:00'));
  const first = till.sell(
    at(DAY1, '08:00'),
    DAY1,
    ['smorgas', 'ost', 'kasse', 'inslagning'],
    () => [{ method: 'card', amount: ore(10_000) }, { method: 'cash' }],
    { discount: true },
  );
  till.sell(at(DAY1, '08:30'), DAY1, ['ost'], () => [{ method: 'cash', tendered: ore(20_000) }]);
  till.sell(at(DAY1, '09:00'), DAY1, ['kasse'], (total) => [{ method: 'swish', amount: total }]);
  till.sell(at(DAY1, '09:15'), DAY1, ['smorgas'], (total) => [{ method: 'card', amount: total }], {
    training: true,
  });
  const copy = value(
    buildReceiptCopy(
      { receiptNumber: nextReceiptNumber(till.entries, 'copy'), issuedAt: at(DAY1, '09:30') },
      first,
      [],
    ),
  );
  till.append(receiptEvent(copy), at(DAY1, '09:30'));
  const returned = value(
    buildReturnReceipt(
      {
        header,
        receiptNumber: nextReceiptNumber(till.entries, 'receipt'),
        issuedAt: at(DAY1, '10:00'),
        businessDay: DAY1,
      },
      first,
      [],
      [{ lineNo: 1, quantity: 1 }],
      [{ method: 'cash' }],
    ),
  );
  till.append(receiptEvent(returned), at(DAY1, '10:00'));
  const proForma = value(
    buildProFormaReceipt(
      {
        header,
        receiptNumber: nextReceiptNumber(till.entries, 'pro-forma'),
        issuedAt: at(DAY1, '10:30'),
      },
      till.priced(DAY1, ['smorgas', 'kasse']),
    ),
  );
  till.append(receiptEvent(proForma), at(DAY1, '10:30'));
  till.append({ kind: 'drawer-opened', data: { reason: 'växla' } }, at(DAY1, '11:00'));
  till.append(
    { kind: 'sale-parked', data: { parkingId: 'p1', lineCount: 2, total: ore(4_590) } },
    at(DAY1, '11:10'),
  );
  till.append(
    { kind: 'sale-parked', data: { parkingId: 'p2', lineCount: 1, total: ore(1_500) } },
    at(DAY1, '11:20'),
  );
  till.append({ kind: 'sale-resumed', data: { parkingId: 'p2' } }, at(DAY1, '11:25'));
  till.append(
    {
      kind: 'line-removed',
      data: {
        articleNumber: '2001',
        text: 'Bärkasse',
        unit: 'piece',
        quantity: 1,
        amount: ore(2495),
      },
    },
    at(DAY1, '11:30'),
  );
  till.append(
    {
      kind: 'price-change',
      data: {
        articleNumber: '1001',
        text: 'Räksmörgås',
        from: ore(8950),
        to: ore(9250),
        effectiveFrom: DAY1,
      },
    },
    at(DAY1, '12:00'),
  );
  till.append(
    { kind: 'cash-in', data: { amount: ore(20_000), reason: 'växel' } },
    at(DAY1, '13:00'),
  );
  till.append(
    { kind: 'cash-out', data: { amount: ore(100_000), reason: 'bank' } },
    at(DAY1, '14:00'),
  );
  const expected = buildXReport(till.entries, DAY1, ZONE, reportContext(at(DAY1, '19:40')));
  // The count finds 12,50 less than expected.
  const z1 = value(
    buildZReport(
      till.entries,
      DAY1,
      ZONE,
      reportContext(at(DAY1, '19:45'), expected.expectedCash - 1250),
    ),
  );
  till.append({ kind: 'z-report', data: { report: z1 } }, at(DAY1, '19:45'));

  till.sell(at(DAY2, '09:00'), DAY2, ['inslagning', 'ost'], (total) => [
    { method: 'card', amount: total },
  ]);
  const x2 = buildXReport(till.entries, DAY2, ZONE, reportContext(at(DAY2, '12:00')));
  const z2 = value(buildZReport(till.entries, DAY2, ZONE, reportContext(at(DAY2, '19:00'), 0)));
  return { z1, x2, z2 };
}

const { z1, x2, z2 } = buildJournal();
const REPORTS: readonly [string, DayReport][] = [
  ['Z nr 1 (every kind of event, cash counted)', z1],
  ['X of day 2 (cash not counted)', x2],
  ['Z nr 2 (grand totals carried)', z2],
];

/** What must be printed: a line starting with `label` and ending with `text`. */
interface Expectation {
  /** The report field this proves printed. */
  readonly field: string;
  readonly label: string;
  readonly text: string;
}

/** The Swedish label and value of every field of `report`, values from the report itself. */
function expectationsFor(report: DayReport): Expectation[] {
  const out: Expectation[] = [];
  const add = (field: string, label: string, text: string): void => {
    out.push({ field, label, text });
  };
  const count = (field: string, noun: string, figure: { count: number; amount: number }): void => {
    add(field, `Antal ${noun}`, String(figure.count));
    add(field, `Belopp ${noun}`, amountText(ore(figure.amount)));
  };
  add('type', report.type === 'Z' ? 'Z-DAGRAPPORT' : 'X-DAGRAPPORT', '');
  if (report.type === 'Z') {
    add('zNumber', 'Z-rapport nr', String(report.zNumber));
  }
  add('companyName', report.companyName, '');
  add('organisationNumber', 'Org.nr', report.organisationNumber);
  add('registerId', 'Kassa', report.registerId);
  add('registerSerialNumber', 'Tillverkningsnummer', report.registerSerialNumber ?? '-');
  add('businessDay', 'Försäljningsdag', report.businessDay);
  add('producedAt', 'Framställd', formatReceiptDateTime(report.producedAt, ZONE));
  add('salesTotal', 'Total försäljning', amountText(report.salesTotal));
  for (const group of report.salesByGroup) {
    add('salesByGroup', group.group, amountText(group.amount));
  }
  for (const row of report.vatPerRate) {
    const cells = [formatVatRate(row.rate), amountText(row.vat), amountText(row.net)];
    add('vatPerRate', cells.join(' '), amountText(row.gross));
  }
  add('cashFloat', 'Växelkassa', amountText(report.cashFloat));
  add('goodsSold', 'Antal sålda varor', String(report.goodsSold));
  add('servicesSold', 'Antal sålda tjänster', String(report.servicesSold));
  add('receiptCount', 'Antal kvitton', String(report.receiptCount));
  add('drawerOpenings', 'Antal lådöppningar', String(report.drawerOpenings));
  count('copies', 'kvittokopior', report.copies);
  count('training', 'övningskvitton', report.training);
  for (const payment of report.payments) {
    const method = paymentMethodLabel(payment.method);
    add('payments', `${method} försäljning`, amountText(payment.sales));
    add('payments', `${method} returer`, amountText(payment.returns));
    add('payments', `${method} netto`, amountText(payment.net));
  }
  count('returns', 'returer', report.returns);
  add('discounts', 'Rabatter', amountText(report.discounts));
  count('otherReductions', 'övriga minskningar', report.otherReductions);
  count('unfinishedSales', 'oavslutade försäljningar', report.unfinishedSales);
  count('proForma', 'förhandskvitton', report.proForma);
  add('priceChanges', 'Antal prisändringar', String(report.priceChanges));
  add('rounding', 'Öresavrundning', amountText(report.rounding));
  add('cashIn', 'Insättningar', amountText(report.cashIn));
  add('cashOut', 'Uttag', amountText(report.cashOut));
  add('netTotal', 'Nettoförsäljning', amountText(report.netTotal));
  add('expectedCash', 'Förväntat i kassalådan', amountText(report.expectedCash));
  add(
    'countedCash',
    'Räknat i kassalådan',
    report.countedCash === null ? 'ej räknat' : amountText(report.countedCash),
  );
  if (report.cashDifference !== null) {
    add('cashDifference', 'Kassadifferens', amountText(report.cashDifference));
  }
  add('grandTotals', 'Grand total försäljning', amountText(report.grandTotals.sales));
  add('grandTotals', 'Grand total returer', amountText(report.grandTotals.returns));
  add('grandTotals', 'Grand total netto', amountText(report.grandTotals.net));
  return out;
}

/** Collapses runs of spaces (and no-break spaces) so table and PDF spacing does not matter. */
const squash = (text: string): string =>
  text
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/ %/g, '%')
    .trim();

/**
 * Checks every expectation against printed `lines`: a line that starts with the label and ends
 * with the value, or (a long label wrapped) a line that is the label and the next that is the value.
 */
function expectFigures(lines: readonly string[], report: DayReport): void {
  const printed = lines.map(squash).filter((line) => line !== '');
  for (const { field, label, text } of expectationsFor(report)) {
    const l = squash(label);
    const t = squash(text);
    const found = printed.some(
      (line, i) => (line.startsWith(l) && line.endsWith(t)) || (line === l && printed[i + 1] === t),
    );
    expect(found, `${field}: ${label} … ${text}`).toBe(true);
  }
  if (report.cashDifference === null) {
    expect(printed.some((line) => line.startsWith('Kassadifferens'))).toBe(false);
  }
}

describe('the reports under test', () => {
  it('have every figure of the day filled, so the checks below mean something', () => {
    expect(z1).toMatchObject({
      zNumber: 1,
      receiptCount: 3,
      drawerOpenings: 1,
      copies: { count: 1 },
      training: { count: 1 },
      returns: { count: 1 },
      otherReductions: { count: 1, amount: 2495 },
      unfinishedSales: { count: 1, amount: 4590 },
      proForma: { count: 1 },
      priceChanges: 1,
      cashFloat: 150_000,
      cashIn: 20_000,
      cashOut: 100_000,
    });
    expect(z1.vatPerRate.map((row) => row.rate)).toEqual([2500, 600]);
    expect(z1.salesByGroup.map((g) => g.group)).toEqual([
      'Ost & chark',
      'Presentartiklar',
      'Smörgåsar',
      'Tjänster',
    ]);
    expect(z1.payments.map((p) => p.method)).toEqual(['cash', 'card', 'swish']);
    expect(z1.goodsSold).toBeGreaterThan(0);
    expect(z1.servicesSold).toBe(1);
    expect(z1.discounts).toBeGreaterThan(0);
    expect(z1.rounding).not.toBe(0);
    expect(z1.cashDifference).toBe(-1250);
    expect(z1.countedCash).toBe(subtract(z1.expectedCash, ore(1250)));
    expect(x2.countedCash).toBeNull();
    expect(z2.zNumber).toBe(2);
    expect(z2.grandTotals.sales).toBe(z1.grandTotals.sales + z2.salesTotal);
    expect(z2.grandTotals.returns).toBe(z1.grandTotals.returns);
  });

  it('are checked field by field: every field of the report has an expectation', () => {
    for (const [, report] of REPORTS) {
      const covered = new Set(expectationsFor(report).map((e) => e.field));
      const nullDifference = report.cashDifference === null ? ['cashDifference'] : [];
      expect(Object.keys(report).filter((key) => !covered.has(key))).toEqual(nullDifference);
    }
  });
});

/** What a printer prints from `bytes` (the cuts without their byte offsets). */
const printed = (bytes: Uint8Array) => {
  const decoded = decodeEscPos(bytes);
  return { ...decoded, cuts: decoded.cuts.map(({ kind, lineIndex }) => ({ kind, lineIndex })) };
};

describe('ESC/POS day reports, decoded back', () => {
  for (const columns of [32, 42, 48]) {
    for (const [name, report] of REPORTS) {
      it(`prints what the encoder prints for ${name} at ${columns} columns (escpos-writer.ts)`, () => {
        const writer = dayReportEscPosWriter(report, { columns });
        const direct = writer.encodeDirect();
        expect(direct).not.toBeNull();
        expect(printed(direct!)).toEqual(printed(writer.throughEncoder()));
      });
    }
  }
  for (const columns of [42, 48]) {
    for (const [name, report] of REPORTS) {
      it(`prints every figure of ${name} at ${columns} columns`, () => {
        const decoded = decodeEscPos(renderDayReportEscPos(report, { columns }));
        expect(decoded.unknown).toEqual([]);
        expect(decoded.initializations).toBe(1);
        expect(decoded.cuts).toEqual([expect.objectContaining({ kind: 'full' })]);
        for (const line of decoded.lines) {
          const printedColumns = line.spans.reduce((n, s) => n + s.text.length * s.width, 0);
          expect(printedColumns, line.text).toBeLessThanOrEqual(columns);
        }
        expectFigures(
          decoded.lines.map((line) => line.text),
          report,
        );
      });
    }
  }

  it('prints the Z heading with its number at double width and height, twice the amounts', () => {
    const decoded = decodeEscPos(renderDayReportEscPos(z1));
    const heading = decoded.lines.filter((line) => line.text.trim() === 'Z-DAGRAPPORT nr 1');
    expect(heading).toHaveLength(1);
    const amountSpans = spansContaining(decoded, amountText(z1.salesTotal));
    expect(amountSpans.length).toBeGreaterThan(0);
    for (const span of spansContaining(decoded, 'Z-DAGRAPPORT')) {
      expect(span).toMatchObject({ width: 2, height: 2, bold: true });
    }
    for (const span of amountSpans) {
      expect(span).toMatchObject({ width: 1, height: 1 });
    }
    expect(escPosText(decoded)).toMatch(/^Z-rapport nr +1$/m);
    expect(escPosText(decodeEscPos(renderDayReportEscPos(z2)))).toContain('Z-DAGRAPPORT nr 2');
  });

  it('prints the X heading double size and says that it is not a Z', () => {
    const decoded = decodeEscPos(renderDayReportEscPos(x2));
    const text = escPosText(decoded);
    const heading = spansContaining(decoded, 'X-DAGRAPPORT');
    expect(heading).toHaveLength(1);
    expect(heading[0]).toMatchObject({ width: 2, height: 2, bold: true });
    expect(text).toContain('Ej nollställande');
    expect(text).toContain('Detta är inte en Z-dagrapport');
    expect(text).not.toContain('Z-DAGRAPPORT');
    expect(text).not.toMatch(/Z-rapport nr/);
  });

  it('prints åäöÅÄÖ in CP437 and never a replacement character', () => {
    const bytes = renderDayReportEscPos(z1);
    const decoded = decodeEscPos(bytes);
    expect(decoded.codepages).toEqual([0]);
    const text = escPosText(decoded);
    for (const word of [
      'Kafé Åkerö Öl & Bröd AB',
      'KASSA-Ä1',
      'KS-2026-ÅÄÖ-0042',
      'Smörgåsar',
      'Växelkassa',
      'Antal lådöppningar',
      'Öresavrundning',
      'Förväntat i kassalådan',
    ]) {
      expect(text).toContain(word);
    }
    expect(text).not.toContain('?');
    // CP437 bytes: å 0x86, ä 0x84, ö 0x94, Å 0x8F, Ä 0x8E, Ö 0x99.
    for (const byte of [0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99]) {
      expect(bytes.includes(byte), byte.toString(16)).toBe(true);
    }
    expect(Array.from(bytes).some((b) => b === 0xc3)).toBe(false); // no UTF-8 lead bytes
  });

  it('prints the production time in Europe/Stockholm', () => {
    // 19:45 UTC on 2026-04-11 is 21:45 summer time.
    expect(escPosText(decodeEscPos(renderDayReportEscPos(z1)))).toMatch(
      /^Framställd +2026-04-11 21:45$/m,
    );
  });

  it('says when the cash was not counted, and prints no difference', () => {
    const text = escPosText(decodeEscPos(renderDayReportEscPos(x2)));
    expect(text).toMatch(/^Räknat i kassalådan +ej räknat$/m);
    expect(text).not.toContain('Kassadifferens');
    const counted = escPosText(decodeEscPos(renderDayReportEscPos(z1)));
    expect(counted).toMatch(/^Kassadifferens +-12,50$/m);
  });

  it('refuses a column count no printer has', () => {
    expect(() => renderDayReportEscPos(z1, { columns: 10 })).toThrow(RangeError);
  });
});

describe('PDF and HTML day reports', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'kassa-day-report-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  async function pdfText(report: DayReport, name: string): Promise<string> {
    const file = path.join(tmp, `${name}.pdf`);
    const bytes = await renderDayReportPdf(report);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    await writeFile(file, bytes);
    const { stdout } = await run('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    return stdout;
  }

  REPORTS.forEach(([name, report], i) => {
    it(`PDF of ${name}: every figure`, async () => {
      const text = await pdfText(report, `report-${i}`);
      expectFigures(text.split('\n'), report);
      if (report.type === 'X') {
        expect(text).toContain('Ej nollställande');
        expect(text).not.toContain('Z-DAGRAPPORT');
      } else {
        expect(text).toContain(`Z-DAGRAPPORT nr ${report.zNumber}`);
      }
    });
  });

  it('PDF of a report longer than a page: rows move whole to the next page', async () => {
    // 120 main groups: the report runs over three A4 pages.
    const long: ZReport = {
      ...z1,
      salesByGroup: Array.from({ length: 120 }, (_, i) => ({
        group: `Huvudgrupp ${String(i).padStart(3, '0')}`,
        amount: ore(100_000 + i),
      })),
    };
    const text = await pdfText(long, 'long');
    const pages = text.split('\f').filter((page) => page.trim() !== '');
    expect(pages).toHaveLength(3);
    expectFigures(text.split('\n'), long);
  });

  function htmlLines(html: string): string[] {
    return html
      .replace(/<head>[\s\S]*<\/head>/, '')
      .replace(/<\/(p|div|h1|tr|table|thead|tbody)>|<hr>/g, '\n')
      .replace(/<[^>]+>/g, '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&')
      .split('\n');
  }

  for (const [name, report] of REPORTS) {
    it(`HTML of ${name}: a whole printable page with every figure`, () => {
      const html = renderDayReportHtml(report);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).toContain('@media print');
      expect(html).not.toMatch(/<script|<link|src=|url\(/);
      expectFigures(htmlLines(html), report);
      const heading = report.type === 'Z' ? `Z-DAGRAPPORT nr ${report.zNumber}` : 'X-DAGRAPPORT';
      expect(html).toContain(`<p class="marking">${heading}</p>`);
    });
  }

  it('HTML escapes the company name and group names', () => {
    const hostile = {
      ...z1,
      companyName: '<script>alert("x")</script> & Co',
      salesByGroup: [{ group: '<img src=x onerror=alert(1)>', amount: ore(100) }],
    };
    const html = renderDayReportHtml(hostile);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(htmlLines(html)).toContain(hostile.companyName);
  });
});

/**
 * Receipt output: receipts built with the core builders are rendered to
 * ESC/POS, decoded back with the test-kit decoder and checked field by field, the field list
 * coming from `missingReceiptFields`, and rendered as PDF (read back with pdftotext) and HTML.
 * Sending the bytes to a printer is the register's (packages/register/test/printers.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PricedSale,
  type Receipt,
  type ReceiptContext,
  type Result,
  addLine,
  buildProFormaReceipt,
  buildReceiptCopy,
  buildReturnReceipt,
  buildSaleReceipt,
  createSale,
  missingReceiptFields,
  ore,
  priceSale,
  receiptMarkings,
  setLineDiscount,
  setOrderDiscount,
  withControlCode,
} from '@kassa/core';
import { decodeEscPos, escPosText, spansContaining } from '@kassa/test-kit';
import {
  ELECTRONIC_MARKING,
  PDF_MARKING_SIZE,
  PDF_TEXT_SIZE,
  amountText,
  formatQuantity,
  formatReceiptDateTime,
  formatVatRate,
  paymentMethodLabel,
  receiptNumberLabel,
  EscPosWriter,
  codepageFor,
  receiptEscPosWriter,
  renderEscPos,
  renderReceiptHtml,
  renderReceiptPdf,
} from '../src/index.js';

const run = promisify(execFile);

function value<T>(result: Result<T>): T {
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.code}`);
  }
  return result.value;
}

const header = {
  companyName: 'Kafé Åkerö Öl & Bröd AB',
  organisationNumber: '556677-8899',
  placeOfSaleAddress: 'Östra Långgatan 4, 413 03 Göteborg',
  registerId: 'KASSA-Ä1',
  delivery: 'paper' as const,
};
const context = (receiptNumber: number, issuedAt = '2026-04-11T12:32:00Z'): ReceiptContext => ({
  header,
  receiptNumber,
  issuedAt,
});
const CONTROL_CODE = 'ABCDEF1234567890ABCDEF1234567890ABCDEF12345678901234567890XY';
const coded = (receipt: Receipt, n = 1): Receipt =>
  withControlCode(receipt, {
    serialNumber: `CCSE000000000000${n}`,
    controlCode: `${CONTROL_CODE.slice(0, -2)}${n}${n}`,
  });

// Food at 6 % (take-away, 2026-04-11) and goods/services at 25 %, a line and an order discount.
function mixedSale(): PricedSale {
  let sale = createSale('2026-04-11', 'take-away');
  sale = value(
    addLine(sale, {
      lineId: 'smorgas',
      articleNumber: '1001',
      text: 'Räksmörgås',
      itemType: 'good',
      vatCategory: 'food',
      pricing: { unit: 'piece', unitPrice: ore(8950), quantity: 2 },
    }),
  );
  sale = value(
    addLine(sale, {
      lineId: 'ost',
      articleNumber: '1002',
      text: 'Västerbottensost',
      itemType: 'good',
      vatCategory: 'food',
      pricing: { unit: 'gram', pricePerKilogram: ore(32900), grams: 347 },
    }),
  );
  sale = value(
    addLine(sale, {
      lineId: 'kasse',
      articleNumber: '2001',
      text: 'Bärkasse tygväska',
      itemType: 'good',
      vatCategory: 'standard',
      pricing: { unit: 'piece', unitPrice: ore(2495), quantity: 1 },
    }),
  );
  sale = value(
    addLine(sale, {
      lineId: 'inslagning',
      articleNumber: '3001',
      text: 'Presentinslagning',
      itemType: 'service',
      vatCategory: 'standard',
      pricing: { unit: 'piece', unitPrice: ore(1500), quantity: 1 },
    }),
  );
  sale = value(
    setLineDiscount(sale, 'smorgas', { kind: 'percent', rate: 1000 }, { maxDiscountRate: 2000 }),
  );
  sale = value(
    setOrderDiscount(sale, { kind: 'amount', amount: ore(500) }, { maxDiscountRate: 2000 }),
  );
  return value(priceSale(sale));
}

const sale = coded(
  value(
    buildSaleReceipt(context(41), mixedSale(), [
      { method: 'card', amount: ore(10000) },
      { method: 'cash', tendered: ore(25000) },
    ]),
  ),
);
const cashOnly = coded(
  value(buildSaleReceipt(context(42), mixedSale(), [{ method: 'cash', tendered: ore(40000) }])),
  2,
);
const copy = coded(
  value(buildReceiptCopy({ receiptNumber: 1, issuedAt: '2026-04-11T12:40:00Z' }, sale, [])),
  3,
);
const training = coded(
  value(
    buildSaleReceipt(context(7), mixedSale(), [{ method: 'swish', amount: mixedSale().total }], {
      training: true,
    }),
  ),
  4,
);
const proForma = coded(value(buildProFormaReceipt(context(3), mixedSale())), 5);
const returned = coded(
  value(
    buildReturnReceipt(
      { ...context(43, '2026-04-12T09:05:00Z'), businessDay: '2026-04-12' },
      sale,
      [],
      [
        { lineNo: 1, quantity: 1 },
        { lineNo: 3, quantity: 1 },
      ],
      [{ method: 'cash' }],
    ),
  ),
  6,
);

const RECEIPTS: readonly [string, Receipt][] = [
  ['a sale with two VAT rates, discounts and split card/cash', sale],
  ['a cash sale with öresavrundning and change', cashOnly],
  ['a copy (KOPIA)', copy],
  ['a training receipt (ÖVNINGSKVITTO)', training],
  ['a pro forma receipt (EJ KVITTO)', proForma],
  ['a return receipt (RETURKVITTO)', returned],
];

/** What must be printed: a line with `label` at its start and `text` in it (or just `text`). */
interface Expectation {
  readonly field: string;
  readonly label?: string;
  readonly text: string;
}

/**
 * Every field `missingReceiptFields` can report, found by asking it about a receipt with every
 * field emptied: once with its lines (for the per-line fields and VAT) and once without.
 */
function mandatoryFields(receipt: Receipt): string[] {
  const emptied: Receipt = {
    ...receipt,
    kind: 'copy',
    companyName: '',
    organisationNumber: '',
    placeOfSaleAddress: '',
    issuedAt: '',
    receiptNumber: 0,
    registerId: '',
    lines: receipt.lines.map((line) => ({ ...line, text: '', quantity: 0 })),
    vat: [],
    payments: [],
    controlUnitSerial: null,
    controlCode: null,
    original: null,
  };
  const fields = [
    ...missingReceiptFields(emptied),
    ...missingReceiptFields({ ...emptied, lines: [] }),
  ].map((m) => m.field);
  return [...new Set(fields)];
}

/** The printed text each mandatory field requires, from the receipt's own values. */
function expectationsFor(receipt: Receipt): Expectation[] {
  const expectations: Expectation[] = [];
  const add = (field: string, text: string, label?: string): void => {
    expectations.push(label === undefined ? { field, text } : { field, label, text });
  };
  for (const field of mandatoryFields(receipt)) {
    const line = /^lines\[(\d+)\]\.(text|quantity)$/.exec(field);
    if (line) {
      const receiptLine = receipt.lines[Number(line[1])];
      if (receiptLine === undefined) {
        throw new Error(`no line for ${field}`);
      }
      if (line[2] === 'text') {
        add(field, receiptLine.text);
      } else {
        add(field, amountText(receiptLine.amount), `  ${formatQuantity(receiptLine)}`);
      }
      continue;
    }
    switch (field) {
      case 'companyName':
        add(field, receipt.companyName);
        break;
      case 'organisationNumber':
        add(field, receipt.organisationNumber, 'Org.nr');
        break;
      case 'placeOfSaleAddress':
        add(field, receipt.placeOfSaleAddress);
        break;
      case 'issuedAt':
        add(field, formatReceiptDateTime(receipt.issuedAt), 'Datum');
        break;
      case 'receiptNumber':
        add(field, String(receipt.receiptNumber), receiptNumberLabel(receipt));
        break;
      case 'registerId':
        add(field, receipt.registerId, 'Kassa');
        break;
      case 'lines':
        // h: the total to pay, besides each line's amount (lines[i].quantity).
        add(field, amountText(receipt.total), 'TOTALT');
        break;
      case 'vat':
        for (const row of receipt.vat) {
          const cells = [formatVatRate(row.rate), amountText(row.vat), amountText(row.net)];
          add(field, amountText(row.gross), cells.join(' '));
        }
        break;
      case 'payments':
        for (const payment of receipt.payments) {
          add(field, amountText(payment.amount), paymentMethodLabel(payment.method));
        }
        break;
      case 'controlUnitSerial':
        add(field, receipt.controlUnitSerial ?? '(none)', 'Kontrollenhet');
        break;
      case 'controlCode':
        add(field, receipt.controlCode ?? '(none)');
        break;
      case 'original':
        if (receipt.original !== null) {
          const label = receipt.kind === 'return' ? 'Retur av kvitto nr' : 'Originalkvitto nr';
          add(field, String(receipt.original.receiptNumber), label);
        }
        break;
      default:
        throw new Error(`the test does not know the mandatory field ${field}`);
    }
  }
  if (receipt.rounding !== 0) {
    add('rounding', amountText(receipt.rounding), 'Öresavrundning');
    add('totalToPay', amountText(receipt.totalToPay), 'ATT BETALA');
  }
  if (receipt.change !== 0) {
    add('change', amountText(receipt.change), 'Växel');
  }
  return expectations;
}

/** Collapses runs of spaces (and no-break spaces) so table and PDF spacing does not matter. */
const squash = (text: string): string =>
  text
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/ %/g, '%')
    .trim();

/** Checks every expectation against printed `lines`; `exact` keeps the spacing as printed. */
function expectFields(lines: readonly string[], receipt: Receipt, exact: boolean): void {
  const norm = exact ? (t: string): string => t : squash;
  const printed = lines.map(norm);
  const joined = lines.map((l) => l.trim()).join('');
  for (const expectation of expectationsFor(receipt)) {
    const text = norm(expectation.text);
    const found = printed.some((line) => {
      if (expectation.label === undefined) {
        return line.includes(text);
      }
      const label = norm(expectation.label);
      return squash(line).startsWith(squash(label)) && line.trimEnd().endsWith(text);
    });
    const wrapped = expectation.label === undefined && joined.includes(expectation.text);
    expect(
      found || wrapped,
      `${expectation.field}: ${expectation.label ?? ''} … ${expectation.text}`,
    ).toBe(true);
  }
}

/** The markings that must be printed on paper (the electronic one belongs to HTML and PDF). */
const paperMarkings = (receipt: Receipt): string[] =>
  receiptMarkings(receipt).filter((m) => m !== ELECTRONIC_MARKING);

describe('ESC/POS receipts, decoded back', () => {
  it('names the fields of 7 kap 1 § that the tests check', () => {
    expect(mandatoryFields(sale)).toEqual(
      expect.arrayContaining([
        'companyName',
        'organisationNumber',
        'placeOfSaleAddress',
        'issuedAt',
        'receiptNumber',
        'registerId',
        'lines[0].text',
        'lines[0].quantity',
        'lines[3].text',
        'vat',
        'payments',
        'controlUnitSerial',
        'controlCode',
        'original',
      ]),
    );
  });

  it('builds receipts of every kind that are complete', () => {
    for (const [, receipt] of RECEIPTS) {
      expect(missingReceiptFields(receipt)).toEqual([]);
    }
    expect(sale.vat.map((row) => row.rate)).toEqual([2500, 600]);
    expect(sale.discountTotal).toBeGreaterThan(0);
    expect(cashOnly.rounding).not.toBe(0);
    expect(cashOnly.change).toBeGreaterThan(0);
  });

  for (const columns of [42, 48]) {
    describe(`${columns} columns`, () => {
      for (const [name, receipt] of RECEIPTS) {
        it(`prints every mandatory field of ${name}`, () => {
          const decoded = decodeEscPos(renderEscPos(receipt, { columns }));
          expect(decoded.unknown).toEqual([]);
          expect(decoded.initializations).toBe(1);
          expect(decoded.cuts).toEqual([expect.objectContaining({ kind: 'full' })]);
          const afterCut = decoded.lines.slice(decoded.cuts[0]?.lineIndex);
          expect(afterCut.every((line) => line.text === '')).toBe(true);
          for (const line of decoded.lines) {
            const printedColumns = line.spans.reduce((n, s) => n + s.text.length * s.width, 0);
            expect(printedColumns, line.text).toBeLessThanOrEqual(columns);
          }
          expectFields(
            decoded.lines.map((line) => line.text),
            receipt,
            true,
          );
        });
      }
    });
  }

  for (const [name, receipt] of RECEIPTS) {
    it(`prints the markings of ${name} at least twice the height of the amounts`, () => {
      const decoded = decodeEscPos(renderEscPos(receipt));
      const amounts = [receipt.total, ...receipt.lines.map((l) => l.amount)].map(amountText);
      const amountSpans = amounts.flatMap((a) => spansContaining(decoded, a));
      expect(amountSpans.length).toBeGreaterThan(0);
      const amountHeight = Math.max(...amountSpans.map((s) => s.height));
      const amountWidth = Math.max(...amountSpans.map((s) => s.width));
      const markings = paperMarkings(receipt);
      expect(markings.length).toBe(receipt.kind === 'sale' ? 0 : 1);
      for (const marking of markings) {
        const lines = decoded.lines.filter((line) => line.text.trim() === marking);
        expect(lines.length, `${marking} at the head and the foot`).toBe(2);
        for (const span of spansContaining(decoded, marking)) {
          expect(span.height).toBeGreaterThanOrEqual(2 * amountHeight);
          expect(span.width).toBeGreaterThanOrEqual(2 * amountWidth);
          expect(span.bold).toBe(true);
        }
      }
      for (const other of ['KOPIA', 'ÖVNINGSKVITTO', 'EJ KVITTO', 'RETURKVITTO']) {
        if (!markings.includes(other)) {
          expect(escPosText(decoded)).not.toContain(other);
        }
      }
    });
  }

  it('prints åäöÅÄÖ in CP437 and never a replacement character', () => {
    const bytes = renderEscPos(sale);
    const decoded = decodeEscPos(bytes);
    expect(decoded.codepages).toEqual([0]);
    const text = escPosText(decoded);
    for (const word of ['Räksmörgås', 'Västerbottensost', 'Bärkasse tygväska', 'Växel']) {
      expect(text).toContain(word);
    }
    expect(text).toContain('Kafé Åkerö Öl & Bröd AB');
    expect(text).toContain('Östra Långgatan 4');
    expect(text).toContain('KASSA-Ä1');
    expect(text).not.toContain('?');
    // CP437 bytes: å 0x86, ä 0x84, ö 0x94, Å 0x8F, Ä 0x8E, Ö 0x99.
    for (const byte of [0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99]) {
      expect(bytes.includes(byte), byte.toString(16)).toBe(true);
    }
    expect(Array.from(bytes).some((b) => b === 0xc3)).toBe(false); // no UTF-8 lead bytes
  });

  it('prints the date and time in Europe/Stockholm, summer and winter', () => {
    expect(formatReceiptDateTime('2026-04-11T12:32:00Z')).toBe('2026-04-11 14:32');
    expect(formatReceiptDateTime('2026-01-15T08:05:00Z')).toBe('2026-01-15 09:05');
    expect(escPosText(decodeEscPos(renderEscPos(sale)))).toMatch(/^Datum +2026-04-11 14:32$/m);
  });

  it('prints a copy with a reference to the original and a return with negative amounts', () => {
    const copyText = escPosText(decodeEscPos(renderEscPos(copy)));
    expect(copyText).toMatch(/^Kopia nr +1$/m);
    expect(copyText).toMatch(/^Originalkvitto nr +41$/m);
    const returnText = escPosText(decodeEscPos(renderEscPos(returned)));
    expect(returnText).toMatch(/^Retur av kvitto nr +41$/m);
    expect(returnText).toContain(`-1 st à ${amountText(sale.lines[0]!.unitPrice)}`);
    expect(returned.total).toBeLessThan(0);
  });

  it('refuses a column count no printer has', () => {
    expect(() => renderEscPos(sale, { columns: 10 })).toThrow(RangeError);
  });
});

describe('electronic receipts', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'kassa-pdf-'));
  });
  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  async function pdfText(receipt: Receipt, name: string, ...args: string[]): Promise<string> {
    const file = path.join(tmp, `${name}.pdf`);
    await writeFile(file, await renderReceiptPdf(receipt));
    const { stdout } = await run('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
    return stdout;
  }

  for (const [name, receipt] of RECEIPTS) {
    it(`PDF of ${name}: every field, "elektroniskt kassakvitto" and the markings`, async () => {
      const text = await pdfText(receipt, String(receipt.receiptNumber) + receipt.kind, '-layout');
      const lines = text.split('\n');
      expectFields(lines, receipt, false);
      expect(text).toContain(ELECTRONIC_MARKING);
      for (const marking of paperMarkings(receipt)) {
        expect(lines.filter((l) => l.trim() === marking).length).toBe(2);
      }
    });
  }

  it('PDF markings are more than twice the height of the amounts (word boxes)', async () => {
    expect(PDF_MARKING_SIZE).toBeGreaterThanOrEqual(2 * PDF_TEXT_SIZE);
    const html = await pdfText(copy, 'bbox', '-bbox');
    const height = (word: string): number => {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const match = new RegExp(
        `yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">${escaped}</word>`,
      ).exec(html);
      if (!match) {
        throw new Error(`no word box for ${word}`);
      }
      return Number(match[2]) - Number(match[1]);
    };
    const total = amountText(copy.total).split('\u00a0').at(-1)!;
    expect(height('KOPIA')).toBeGreaterThanOrEqual(2 * height(total));
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

  for (const [name, receipt] of RECEIPTS) {
    it(`HTML of ${name}: every field, "elektroniskt kassakvitto" and the markings`, () => {
      const html = renderReceiptHtml(receipt);
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain('<meta charset="utf-8">');
      expect(html).not.toMatch(/<script|<link|src=|url\(/);
      const lines = htmlLines(html);
      expectFields(lines, receipt, false);
      expect(lines.map(squash)).toContain(ELECTRONIC_MARKING);
      for (const marking of paperMarkings(receipt)) {
        expect(html.split(`<p class="marking">${marking}</p>`).length - 1).toBe(2);
      }
      const size = /\.marking \{ font-size: ([\d.]+)em/.exec(html);
      expect(Number(size?.[1])).toBeGreaterThanOrEqual(2);
    });
  }

  it('HTML escapes the shop texts', () => {
    const html = renderReceiptHtml({ ...sale, companyName: 'A & B <AB>' });
    expect(html).toContain('A &amp; B &lt;AB&gt;');
    expect(html).not.toContain('<AB>');
  });
});

describe('the codepage', () => {
  it('is CP437 when every character fits (fast), and switches per character otherwise', () => {
    expect(codepageFor([{ kind: 'text', text: 'Kanelbulle åäöÅÄÖé 1 234,50' }])).toBe('cp437');
    expect(codepageFor([{ kind: 'text', text: 'Presentkort 10 €' }])).toBe('auto');
    expect(codepageFor([{ kind: 'text', text: 'Kaffe – stor' }])).toBe('auto');
  });
});

/** What a printer prints from `bytes` (the cuts without their byte offsets). */
const printed = (bytes: Uint8Array) => {
  const decoded = decodeEscPos(bytes);
  return { ...decoded, cuts: decoded.cuts.map(({ kind, lineIndex }) => ({ kind, lineIndex })) };
};

describe('the writer (escpos-writer.ts) against the encoder it stands in for', () => {
  for (const columns of [32, 42, 48]) {
    for (const [name, receipt] of RECEIPTS) {
      it(`prints what the encoder prints for ${name} at ${columns} columns`, () => {
        const writer = receiptEscPosWriter(receipt, { columns });
        const direct = writer.encodeDirect();
        expect(direct).not.toBeNull();
        expect(printed(direct!)).toEqual(printed(writer.throughEncoder()));
        expect(renderEscPos(receipt, { columns })).toEqual(direct);
      });
    }
  }

  it('prints any sequence of its calls as the encoder does (seeded, 1,000 runs)', () => {
    let seed = 20261208;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['a', 'Z', ' ', 'å', 'Ä', 'ö', 'é', '1', ',', '-', '\u00a0', ':', '*'];
    let written = 0;
    for (let run = 0; run < 1000; run++) {
      const columns = [32, 35, 42, 44, 48][random(5)]!;
      const writer = new EscPosWriter(columns, 'cp437');
      for (let call = 0; call < 12; call++) {
        const pick = random(7);
        if (pick === 0) writer.align((['left', 'center', 'right'] as const)[random(3)]!);
        else if (pick === 1) writer.bold(random(2) === 0);
        else if (pick === 2) writer.size(1 + random(2), 1 + random(2));
        else if (pick === 3) writer.newline(random(3));
        else {
          const length = random(columns / 2 + 1);
          writer.line(Array.from({ length }, () => alphabet[random(alphabet.length)]).join(''));
        }
      }
      writer.cut(random(2) === 0 ? 'full' : 'partial');
      const direct = writer.encodeDirect();
      if (direct !== null) written += 1;
      expect(printed(writer.encode())).toEqual(printed(writer.throughEncoder()));
    }
    // Most sequences take the direct path (the others have spaces at a line's end).
    expect(written).toBeGreaterThan(250);
  });

  it('leaves a codepage switch and a line wider than the paper to the encoder', () => {
    const euro = new EscPosWriter(42, 'auto').line('Presentkort 10 €');
    expect(euro.encodeDirect()).toBeNull();
    expect(escPosText(decodeEscPos(euro.encode()))).toContain('Presentkort 10');
    const wide = new EscPosWriter(32, 'cp437').line('x'.repeat(40));
    expect(wide.encodeDirect()).toBeNull();
    expect(wide.encode()).toEqual(wide.throughEncoder());
    expect(decodeEscPos(wide.encode()).lines.filter((l) => l.text.includes('x'))).toHaveLength(2);
  });
});

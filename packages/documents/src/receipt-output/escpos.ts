/**
 * The printed receipt as ESC/POS bytes, through the writer of escpos-writer.ts (the bytes of
 * `@point-of-sale/receipt-printer-encoder`, written directly for what a receipt uses).
 *
 * Text is CP437 (ESC t 0) for Swedish:
 * åäöÅÄÖ and the no-break space of `formatKronor` all exist there. Every line is laid out here to
 * fit the column count, so the encoder never wraps. The kind markings ("KOPIA", "ÖVNINGSKVITTO",
 * "EJ KVITTO", "RETURKVITTO") are printed with GS ! at double width and double height, twice the
 * height of the amounts (SKVFS 2014:9 5 kap 5 §), at the head and at the foot. A paper receipt is
 * not electronic, so "elektroniskt kassakvitto" is left to the HTML and PDF receipts.
 */
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import { type Receipt, isCp437Character } from '@kassa/core';
import { type EscPosTarget, EscPosWriter } from './escpos-writer.js';
import { ELECTRONIC_MARKING, type ReceiptBlock, layoutReceipt, wrapText } from './layout.js';

/**
 * The encoder turns each line's text into codepage bytes with `CodepageEncoder.encode`, which
 * structured-clones the whole codepage table on every call and then searches its 256 code
 * points per character: about 1.5 ms of a receipt's 40 lines, the largest part of a payment's
 * time (bench/README.md, the sale bench). The same mapping, looked up in a table made once per
 * codepage: the first position of each code point, '?' (0x3f) for one the codepage lacks —
 * byte for byte what the library's own loop gives. `getEncoding` hands out a copy of a table
 * cloned once (the library completes a codepage from the table it extends by writing into the
 * copy it gets, so each caller still gets its own array).
 */
function installCodepageTables(): void {
  const original = CodepageEncoder.getEncoding.bind(CodepageEncoder);
  const definitions = new Map<Codepage, ReturnType<typeof original>>();
  const definitionOf = (codepage: Codepage) => {
    let definition = definitions.get(codepage);
    if (definition === undefined) {
      definition = original(codepage);
      definitions.set(codepage, definition);
    }
    return definition;
  };
  CodepageEncoder.getEncoding = (codepage) => {
    const definition = definitionOf(codepage);
    return { ...definition, codepoints: definition.codepoints.slice() };
  };
  const positions = new Map<Codepage, Map<number, number>>();
  CodepageEncoder.encode = (input, codepage) => {
    let table = positions.get(codepage);
    if (table === undefined) {
      table = new Map();
      definitionOf(codepage).codepoints.forEach((codepoint, position) => {
        if (!table?.has(codepoint)) table?.set(codepoint, position);
      });
      positions.set(codepage, table);
    }
    const output = new Uint8Array(input.length);
    for (let c = 0; c < input.length; c += 1) {
      output[c] = table.get(input.codePointAt(c) ?? -1) ?? 0x3f;
    }
    return output;
  };
}
installCodepageTables();

export interface EscPosOptions {
  /** Characters per line in the normal font: 42 (72 mm print width) or 48 (80 mm). Default 42. */
  readonly columns?: number;
  /** Zone the date and time are printed in. Default 'Europe/Stockholm'. */
  readonly timeZone?: string;
  /** Cut the paper at the end. Default true. */
  readonly cut?: boolean;
}

/** The size factor of the markings; the amounts are printed at 1. */
export const MARKING_SIZE = 2;

/**
 * The codepage to select: CP437 when every character of the blocks has a place in it (åäöÅÄÖé
 * do), else 'auto', which switches codepages per character. 'auto' costs tens of milliseconds
 * per receipt (the encoder clones a codepage table per character), so it is kept for the rare
 * text CP437 cannot hold (€, typographic dashes).
 */
export function codepageFor(blocks: readonly ReceiptBlock[]): 'cp437' | 'auto' {
  for (const character of JSON.stringify(blocks)) {
    if (!isCp437Character(character)) return 'auto';
  }
  return 'cp437';
}

/** Renders `receipt` as ESC/POS bytes for a receipt printer. */
export function renderEscPos(receipt: Receipt, options: EscPosOptions = {}): Uint8Array {
  return receiptEscPosWriter(receipt, options).encode();
}

/** The writer holding `receipt` laid out (renderEscPos encodes it; tests compare both paths). */
export function receiptEscPosWriter(receipt: Receipt, options: EscPosOptions = {}): EscPosWriter {
  const columns = checkedColumns(options);
  const blocks = layoutReceipt(receipt, options.timeZone ? { timeZone: options.timeZone } : {});
  return writeBlocks(blocks, columns, options);
}

/** The column count of `options`, checked. */
export function checkedColumns(options: EscPosOptions): number {
  const columns = options.columns ?? 42;
  if (!Number.isInteger(columns) || columns < 24 || columns > 64) {
    throw new RangeError(`columns must be an integer from 24 to 64, got ${columns}`);
  }
  return columns;
}

/** Laid-out blocks written with their codepage, two feeds and (by default) the cut. */
export function writeBlocks(
  blocks: readonly ReceiptBlock[],
  columns: number,
  options: EscPosOptions,
): EscPosWriter {
  const writer = new EscPosWriter(columns, codepageFor(blocks));
  for (const block of blocks) {
    writeEscPosBlock(writer, block, columns);
  }
  writer.newline(2);
  if (options.cut ?? true) {
    writer.cut('full');
  }
  return writer;
}

/** Writes one laid-out block, fitted to `columns` (shared with the day reports). */
export function writeEscPosBlock(
  encoder: EscPosTarget,
  block: ReceiptBlock,
  columns: number,
): void {
  switch (block.kind) {
    case 'marking': {
      if (block.text === ELECTRONIC_MARKING) {
        return;
      }
      encoder.align('center').bold(true).size(MARKING_SIZE, MARKING_SIZE);
      for (const line of wrapText(block.text, Math.floor(columns / MARKING_SIZE))) {
        encoder.line(line);
      }
      encoder.size(1, 1).bold(false).align('left');
      return;
    }
    case 'title':
      encoder.align('center').bold(true);
      wrapText(block.text, columns).forEach((line) => encoder.line(line));
      encoder.bold(false).align('left');
      return;
    case 'text':
      encoder.align(block.center === true ? 'center' : 'left');
      wrapText(block.text, columns).forEach((line) => encoder.line(line));
      encoder.align('left');
      return;
    case 'row':
      encoder.bold(block.strong === true);
      leftRight(block.label, block.value, columns).forEach((line) => encoder.line(line));
      encoder.bold(false);
      return;
    case 'item':
      wrapText(block.text, columns).forEach((line) => encoder.line(line));
      leftRight(`  ${block.detail}`, block.amount, columns).forEach((line) => encoder.line(line));
      if (block.discount !== null) {
        leftRight('  Rabatt', block.discount, columns).forEach((line) => encoder.line(line));
      }
      return;
    case 'table': {
      const width = Math.floor(columns / block.header.length);
      const cells = (row: readonly string[]): string =>
        row.map((cell, i) => (i === 0 ? cell.padEnd(width) : cell.padStart(width))).join('');
      encoder.line(cells(block.header));
      block.rows.forEach((row) => encoder.line(cells(row)));
      return;
    }
    case 'rule':
      encoder.line('-'.repeat(columns));
      return;
  }
}

/** The label left and the value right on one line, or on two when they do not fit. */
function leftRight(label: string, value: string, columns: number): string[] {
  if (label.length + 1 + value.length <= columns) {
    return [label + value.padStart(columns - label.length)];
  }
  return [...wrapText(label, columns), value.padStart(columns)];
}

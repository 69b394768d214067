/**
 * The ESC/POS bytes of a laid-out receipt or day report, written directly for the few commands a
 * receipt uses, with `@point-of-sale/receipt-printer-encoder` as the reference it must match and
 * the path for everything else (docs/adr/0018-escpos-writer.md).
 *
 * The encoder is general (a line composer, several printer languages, images, barcodes) and
 * costs about a millisecond per receipt inside a sale, the largest share of the pay request's
 * work after the fsync. A receipt needs only: initialize, CP437, left or centred text (the
 * encoder centres by padding with spaces), bold, double size, line ends, feed and cut. The writer
 * records those calls; `encode()` writes them itself when every line fits the paper and the
 * codepage is CP437, and otherwise replays them on the encoder, so a line that must be wrapped
 * or a character outside CP437 is printed exactly as before. The test compares both outputs,
 * decoded, over receipts and reports of every kind (receipt-output.test.ts, "the writer").
 */
import CodepageEncoder from '@point-of-sale/codepage-encoder';
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';

/** What a block writer calls (the writer and the encoder both have it). */
export interface EscPosTarget {
  align(value: 'left' | 'center' | 'right'): this;
  bold(value?: boolean): this;
  size(width: number, height?: number): this;
  line(text: string): this;
}

type Call =
  | { readonly op: 'align'; readonly value: 'left' | 'center' | 'right' }
  | { readonly op: 'bold'; readonly value: boolean }
  | { readonly op: 'size'; readonly width: number; readonly height: number }
  | { readonly op: 'line'; readonly text: string }
  | { readonly op: 'newline'; readonly count: number }
  | { readonly op: 'cut'; readonly kind: 'full' | 'partial' };

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
/** ESC @ (initialize), FS . (leave Kanji mode), ESC M 0 (font A): the encoder's initialize. */
const INITIALIZE = [ESC, 0x40, FS, 0x2e, ESC, 0x4d, 0x00];
/** The encoder's line end: LF, then CR. */
const LINE_END = [0x0a, 0x0d];
const SPACE = 0x20;
/** The paper widths the encoder takes; another width goes through it (and its refusal). */
const ENCODER_COLUMNS = new Set([32, 35, 42, 44, 48]);

export class EscPosWriter implements EscPosTarget {
  private readonly calls: Call[] = [];

  constructor(
    private readonly columns: number,
    private readonly codepage: 'cp437' | 'auto',
  ) {}

  align(value: 'left' | 'center' | 'right'): this {
    this.calls.push({ op: 'align', value });
    return this;
  }

  bold(value = true): this {
    this.calls.push({ op: 'bold', value });
    return this;
  }

  size(width: number, height = width): this {
    this.calls.push({ op: 'size', width, height });
    return this;
  }

  line(text: string): this {
    this.calls.push({ op: 'line', text });
    return this;
  }

  newline(count = 1): this {
    this.calls.push({ op: 'newline', count });
    return this;
  }

  cut(kind: 'full' | 'partial' = 'full'): this {
    this.calls.push({ op: 'cut', kind });
    return this;
  }

  /** The bytes: written directly when every line fits in CP437, else through the encoder. */
  encode(): Uint8Array {
    return this.encodeDirect() ?? this.throughEncoder();
  }

  /** The calls replayed on the encoder (the reference). */
  throughEncoder(): Uint8Array {
    const encoder = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: this.columns });
    encoder.initialize().codepage(this.codepage);
    for (const call of this.calls) {
      switch (call.op) {
        case 'align':
          encoder.align(call.value);
          break;
        case 'bold':
          encoder.bold(call.value);
          break;
        case 'size':
          encoder.size(call.width, call.height);
          break;
        case 'line':
          encoder.line(call.text);
          break;
        case 'newline':
          encoder.newline(call.count);
          break;
        case 'cut':
          encoder.cut(call.kind);
          break;
      }
    }
    return encoder.encode();
  }

  /**
   * The bytes the encoder writes for these calls, or null when one is outside what is written
   * here (a codepage switch, a line wider than the paper, sizes other than 1 and 2, a paper
   * width the encoder does not take).
   */
  encodeDirect(): Uint8Array | null {
    if (this.codepage !== 'cp437' || !ENCODER_COLUMNS.has(this.columns)) return null;
    const out: number[] = [...INITIALIZE];
    let codepageSelected = false;
    let align: 'left' | 'center' | 'right' = 'left';
    let bold = false;
    let width = 1;
    let height = 1;
    for (const call of this.calls) {
      switch (call.op) {
        case 'align':
          align = call.value;
          break;
        case 'bold':
          bold = call.value;
          break;
        case 'size':
          if (![1, 2].includes(call.width) || ![1, 2].includes(call.height)) return null;
          width = call.width;
          height = call.height;
          break;
        case 'newline':
          // newline(0) feeds one line in the encoder, too.
          for (let i = 0; i < Math.max(1, call.count); i++) out.push(...LINE_END);
          break;
        case 'cut':
          out.push(GS, 0x56, call.kind === 'full' ? 0x00 : 0x01, ...LINE_END);
          break;
        case 'line': {
          // The encoder's composer places spaces at a line's ends in ways of its own (a blank
          // line comes out empty, trailing spaces move); a receipt's lines have none there
          // (leading ones only when left-aligned), and any other line goes through it.
          if (/\s$/.test(call.text) || /^[^\S ]/.test(call.text)) return null;
          if (align !== 'left' && call.text.startsWith(' ')) return null;
          const text = CodepageEncoder.encode(call.text, 'cp437');
          // One character per code unit in CP437 (the codepage has no pairs); anything else
          // (an emoji, a combining mark) goes through the encoder.
          if (text.length !== call.text.length) return null;
          const used = text.length * width;
          if (used > this.columns) return null;
          const free = this.columns - used;
          const pad = align === 'center' ? Math.floor(free / 2) : align === 'right' ? free : 0;
          if (text.length > 0) {
            const styled = bold || width !== 1 || height !== 1;
            // The codepage is selected once, before the first text: a plain line's padding is
            // part of its text, a styled line's padding is printed before the style.
            const selectCodepage = () => {
              if (!codepageSelected) out.push(ESC, 0x74, 0x00);
              codepageSelected = true;
            };
            if (!styled) selectCodepage();
            for (let i = 0; i < pad; i++) out.push(SPACE);
            if (bold) out.push(ESC, 0x45, 0x01);
            if (width !== 1 || height !== 1) out.push(GS, 0x21, ((width - 1) << 4) | (height - 1));
            selectCodepage();
            for (const byte of text) out.push(byte);
            if (bold) out.push(ESC, 0x45, 0x00);
            if (width !== 1 || height !== 1) out.push(GS, 0x21, 0x00);
          }
          out.push(...LINE_END);
          break;
        }
      }
    }
    return Uint8Array.from(out);
  }
}

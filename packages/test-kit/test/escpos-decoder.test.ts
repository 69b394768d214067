import { describe, expect, it } from 'vitest';
import { decodeEscPos, escPosText, spansContaining } from '../src/escpos-decoder.js';

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;
const ascii = (text: string): number[] => Array.from(Buffer.from(text, 'latin1'));
const bytes = (...parts: (number | number[])[]): Uint8Array => new Uint8Array(parts.flat());

describe('decodeEscPos', () => {
  it('decodes CP437 text after ESC t 0, with åäöÅÄÖ and the no-break space', () => {
    // CP437: å 0x86, ä 0x84, ö 0x94, Å 0x8F, Ä 0x8E, Ö 0x99, NBSP 0xFF.
    const decoded = decodeEscPos(
      bytes(
        ESC,
        0x40,
        ESC,
        0x74,
        0,
        ascii('R'),
        0x84,
        ascii('ksm'),
        0x94,
        ascii('rg'),
        0x86,
        ascii('s'),
        LF,
      ),
    );
    expect(decoded.lines.map((l) => l.text)).toEqual(['Räksmörgås']);
    expect(decoded.codepages).toEqual([0]);
    expect(decoded.initializations).toBe(1);
    const upper = decodeEscPos(
      bytes(ESC, 0x74, 0, 0x8f, 0x8e, 0x99, ascii('1'), 0xff, ascii('234'), LF),
    );
    expect(escPosText(upper)).toBe('ÅÄÖ1\u00a0234');
  });

  it('decodes other codepages: CP865 and Windows-1252', () => {
    const cp865 = decodeEscPos(bytes(ESC, 0x74, 5, 0x9b, LF)); // ø in CP865
    expect(escPosText(cp865)).toBe('ø');
    const win = decodeEscPos(bytes(ESC, 0x74, 16, 0xe5, 0xe4, 0xf6, LF));
    expect(escPosText(win)).toBe('åäö');
    expect(win.lines[0]?.spans[0]?.codepage).toBe(16);
  });

  it('splits a line into spans by bold and GS ! size', () => {
    const decoded = decodeEscPos(
      bytes(
        ascii('a'),
        ESC,
        0x45,
        1,
        ascii('b'),
        ESC,
        0x45,
        0,
        GS,
        0x21,
        0x11,
        ascii('C'),
        GS,
        0x21,
        0x00,
        ascii('d'),
        LF,
      ),
    );
    const [line] = decoded.lines;
    expect(line?.text).toBe('abCd');
    expect(line?.spans.map((s) => [s.text, s.bold, s.width, s.height])).toEqual([
      ['a', false, 1, 1],
      ['b', true, 1, 1],
      ['C', false, 2, 2],
      ['d', false, 1, 1],
    ]);
    // GS ! 0x23: width ×3, height ×4; ESC ! 0x38: bold, double height and width.
    const big = decodeEscPos(
      bytes(GS, 0x21, 0x23, ascii('x'), LF, ESC, 0x21, 0x38, ascii('y'), LF),
    );
    expect(spansContaining(big, 'x')[0]).toMatchObject({ width: 3, height: 4 });
    expect(spansContaining(big, 'y')[0]).toMatchObject({ width: 2, height: 2, bold: true });
  });

  it('ESC @ resets the style', () => {
    const decoded = decodeEscPos(bytes(ESC, 0x45, 1, GS, 0x21, 0x11, ESC, 0x40, ascii('n'), LF));
    expect(decoded.lines[0]?.spans[0]).toMatchObject({ bold: false, width: 1, height: 1 });
  });

  it('keeps the alignment of each line and ignores CR', () => {
    const decoded = decodeEscPos(
      bytes(ESC, 0x61, 1, ascii('mitt'), LF, 0x0d, ESC, 0x61, 0, ascii('v'), 0x0d, LF),
    );
    expect(decoded.lines.map((l) => [l.text, l.align])).toEqual([
      ['mitt', 'center'],
      ['v', 'left'],
    ]);
  });

  it('reads the QR payload from GS ( k store and print', () => {
    const payload = ascii('C1234567890;105,00;Kvitto 12;0');
    const length = payload.length + 3;
    const decoded = decodeEscPos(
      bytes(
        GS,
        0x28,
        0x6b,
        4,
        0,
        0x31,
        0x41,
        0x32,
        0, // model 2
        GS,
        0x28,
        0x6b,
        3,
        0,
        0x31,
        0x43,
        6, // module size
        GS,
        0x28,
        0x6b,
        3,
        0,
        0x31,
        0x45,
        0x31, // error level
        GS,
        0x28,
        0x6b,
        length & 0xff,
        length >> 8,
        0x31,
        0x50,
        0x30,
        payload,
        GS,
        0x28,
        0x6b,
        3,
        0,
        0x31,
        0x51,
        0x30, // print
        ascii('efter'),
        LF,
      ),
    );
    expect(decoded.qrCodes).toEqual([
      { data: 'C1234567890;105,00;Kvitto 12;0', printed: true, lineIndex: 0 },
    ]);
    expect(escPosText(decoded)).toBe('efter');
    expect(decoded.unknown).toEqual([]);
  });

  it('records cuts from GS V in both forms', () => {
    const decoded = decodeEscPos(
      bytes(ascii('a'), LF, GS, 0x56, 0x00, ascii('b'), LF, GS, 0x56, 0x42, 3, GS, 0x56, 0x31),
    );
    expect(decoded.cuts.map((c) => [c.kind, c.lineIndex])).toEqual([
      ['full', 1],
      ['partial', 2],
      ['partial', 2],
    ]);
    expect(escPosText(decoded)).toBe('a\nb');
  });

  it('skips known commands with parameters and records unknown ones without crashing', () => {
    const decoded = decodeEscPos(
      bytes(
        0x1c,
        0x2e, // FS . (Kanji off)
        ESC,
        0x4d,
        0, // ESC M 0 (font)
        ESC,
        0x70,
        0,
        25,
        250, // ESC p (drawer kick)
        ESC,
        0x2a,
        0,
        2,
        0,
        0xff,
        0xff, // ESC * bit image, 2 columns
        GS,
        0x6b,
        67,
        3,
        ascii('123'), // GS k barcode with length
        ESC,
        0x7e, // unknown ESC ~
        GS,
        0x99, // unknown GS
        0x07, // BEL
        ascii('ok'),
        LF,
        ESC, // truncated at the end
      ),
    );
    expect(escPosText(decoded)).toBe('ok');
    expect(decoded.barcodes).toEqual(['123']);
    expect(decoded.unknown.map((u) => u.bytes)).toEqual([[ESC, 0x7e], [GS, 0x99], [0x07], [ESC]]);
  });

  it('records an unsupported codepage and falls back to CP437', () => {
    const decoded = decodeEscPos(bytes(ESC, 0x74, 99, 0x84, LF));
    expect(escPosText(decoded)).toBe('ä');
    expect(decoded.unknown).toEqual([{ offset: 0, bytes: [ESC, 0x74, 99] }]);
  });

  it('ESC d feeds empty lines and keeps text without a final LF', () => {
    const decoded = decodeEscPos(bytes(ascii('x'), ESC, 0x64, 3, ascii('slut')));
    expect(decoded.lines.map((l) => l.text)).toEqual(['x', '', '', 'slut']);
  });
});

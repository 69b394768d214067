/**
 * The codepage tables the ESC/POS renderer installs into the printer encoder's codepage library
 * (receipt-output/escpos.ts): every character of the Basic Multilingual Plane and a few beyond
 * it is encoded to the same byte as the library's own search (the first position of the code
 * point in the codepage, '?' when absent), and each caller of `getEncoding` still gets its own
 * table, which the library writes into when it completes a codepage from the one it extends.
 */
import CodepageEncoder, { type Codepage } from '@point-of-sale/codepage-encoder';
import { describe, expect, it } from 'vitest';
import { renderEscPos } from '../src/receipt-output/escpos.js';

/** The library's own loop (codepage-encoder 3.0.2, CodepageEncoder.encode). */
function librarySearch(input: string, codepage: Codepage): Uint8Array {
  const output = new Uint8Array(input.length);
  const { codepoints } = CodepageEncoder.getEncoding(codepage);
  for (let c = 0; c < input.length; c += 1) {
    const codepoint = input.codePointAt(c);
    const position = codepoints.findIndex((i) => i === codepoint);
    output[c] = position === -1 ? 0x3f : position;
  }
  return output;
}

describe('the ESC/POS renderer’s codepage tables', () => {
  it('is installed by the renderer module', () => {
    expect(typeof renderEscPos).toBe('function');
    expect(CodepageEncoder.encode('Åre', 'cp437')).toEqual(new Uint8Array([0x8f, 0x72, 0x65]));
  });

  const codepages: Codepage[] = ['cp437', 'ascii', 'cp858', 'cp865', 'windows1252', 'iso8859-15'];
  it.each(codepages)('encodes every character like the library’s search in %s', (codepage) => {
    let text = '';
    for (let code = 0; code < 0x10000; code += 1) {
      if (code < 0xd800 || code > 0xdfff) text += String.fromCharCode(code);
    }
    text += '😀€ kr Öl 12,50';
    expect(CodepageEncoder.encode(text, codepage)).toEqual(librarySearch(text, codepage));
  });

  it('gives each caller of getEncoding its own table', () => {
    const first = CodepageEncoder.getEncoding('cp437');
    first.codepoints[0x41] = 0;
    expect(CodepageEncoder.getEncoding('cp437').codepoints[0x41]).toBe(0x41);
    expect(CodepageEncoder.encode('A', 'cp437')).toEqual(new Uint8Array([0x41]));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CCSP_MAX_MESSAGE_LENGTH,
  ccspFrameToBytes,
  computeCcspLrc,
  encodeCcspFrame,
  findNonAscii,
} from './ccsp-frame.js';

// An independent reference for the properties: XOR of char codes, 2 uppercase hex digits.
function referenceLrc(text: string): string {
  let x = 0;
  for (const ch of text) {
    x ^= ch.charCodeAt(0);
  }
  return x.toString(16).toUpperCase().padStart(2, '0');
}

describe('computeCcspLrc', () => {
  it('XORs every character, written as 2 uppercase hex digits', () => {
    // "#!#00D#IQ#", by hand:
    //   '#' 23 ^ '!' 21 = 02; ^ '#' 23 = 21; ^ '0' 30 = 11; ^ '0' 30 = 21; ^ 'D' 44 = 65;
    //   ^ '#' 23 = 46; ^ 'I' 49 = 0F; ^ 'Q' 51 = 5E; ^ '#' 23 = 7D
    expect(computeCcspLrc('#!#00D#IQ#')).toBe('7D');
    // "#!#00E#SIQ#": 23^21^23 = 21; ^30 = 11; ^30 = 21; ^'E' 45 = 64; ^23 = 47; ^'S' 53 = 14;
    //   ^'I' 49 = 5D; ^'Q' 51 = 0C; ^23 = 2F
    expect(computeCcspLrc('#!#00E#SIQ#')).toBe('2F');
    expect(computeCcspLrc('')).toBe('00');
    expect(computeCcspLrc('\n')).toBe('0A'); // a single char is its own LRC, zero-padded
  });

  it('throws on a non-ASCII character (a caller bug)', () => {
    expect(() => computeCcspLrc('Å')).toThrow(RangeError);
  });
});

describe('encodeCcspFrame', () => {
  it.each([
    // length = 11 fixed characters + message length; 11 + 3 = 14 = 0x00E
    ['SIQ', '#!#00E#SIQ#2F\r'],
    // 11 + 2 = 13 = 0x00D
    ['IQ', '#!#00D#IQ#7D\r'],
    ['ST', '#!#00D#ST#62\r'],
    ['SQ', '#!#00D#SQ#67\r'],
    // Empty message: 11 = 0x00B. LRC: 23^21^23 = 21; ^30 = 11; ^30 = 21; ^'B' 42 = 63; ^23 = 40;
    //   ^23 = 63
    ['', '#!#00B##63\r'],
    // "#!#012#NAK#006#": 23^21^23 = 21; ^30 = 11; ^'1' 31 = 20; ^'2' 32 = 12; ^23 = 31;
    //   ^'N' 4E = 7F; ^'A' 41 = 3E; ^'K' 4B = 75; ^23 = 56; ^30 = 66; ^30 = 56; ^'6' 36 = 60;
    //   ^23 = 43
    ['NAK#006', '#!#012#NAK#006#43\r'],
  ])('frames %j as the spec vector %j', (message, frame) => {
    expect(encodeCcspFrame(message)).toEqual({ ok: true, value: frame });
    expect(frame.length).toBe(11 + message.length);
  });

  it('refuses characters outside ASCII, naming the first one', () => {
    expect(encodeCcspFrame('K1#Kassa Å')).toEqual({
      ok: false,
      code: 'ccsp-non-ascii',
      index: 9,
      codePoint: 0xc5,
    });
    expect(encodeCcspFrame('x😀')).toMatchObject({ code: 'ccsp-non-ascii', codePoint: 0x1f600 });
    expect(encodeCcspFrame('\u0080')).toMatchObject({ code: 'ccsp-non-ascii', index: 0 });
  });

  it('accepts the longest message (length FFF) and refuses one more character', () => {
    const longest = encodeCcspFrame('x'.repeat(CCSP_MAX_MESSAGE_LENGTH));
    expect(longest.ok && longest.value.slice(0, 7)).toBe('#!#FFF#');
    expect(CCSP_MAX_MESSAGE_LENGTH).toBe(4084);
    expect(encodeCcspFrame('x'.repeat(CCSP_MAX_MESSAGE_LENGTH + 1))).toEqual({
      ok: false,
      code: 'ccsp-message-too-long',
      length: 4085,
      maxLength: 4084,
    });
  });

  it('always produces: start, hex length of the whole frame, message, LRC over the rest, CR', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 300 }), (message) => {
        const result = encodeCcspFrame(message);
        expect(result.ok).toBe(true);
        const frame = result.ok ? result.value : '';
        expect(frame.startsWith('#!#')).toBe(true);
        expect(parseInt(frame.slice(3, 6), 16)).toBe(frame.length);
        expect(frame.slice(3, 6)).toMatch(/^[0-9A-F]{3}$/);
        expect(frame.slice(7, -4)).toBe(message);
        expect(frame.slice(-3, -1)).toBe(referenceLrc(frame.slice(0, -3)));
        expect(frame.endsWith('#' + frame.slice(-3, -1) + '\r')).toBe(true);
      }),
    );
  });
});

describe('ccspFrameToBytes', () => {
  it('writes one byte per character', () => {
    expect([...ccspFrameToBytes('#!#00D#IQ#7D\r')]).toEqual([
      0x23, 0x21, 0x23, 0x30, 0x30, 0x44, 0x23, 0x49, 0x51, 0x23, 0x37, 0x44, 0x0d,
    ]);
  });

  it('throws on a non-ASCII character (a caller bug)', () => {
    expect(() => ccspFrameToBytes('é')).toThrow(RangeError);
  });
});

describe('findNonAscii', () => {
  it('finds the first character above U+007F', () => {
    expect(findNonAscii('abc\x7f')).toBeUndefined();
    expect(findNonAscii('aåä')).toEqual({ index: 1, codePoint: 0xe5 });
  });
});

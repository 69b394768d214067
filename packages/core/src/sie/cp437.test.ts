import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeCp437, isCp437Character } from './cp437.js';

// iconv-lite is the independent reference for the code page (CP437 as published by Unicode).
const reference = iconv.decode(
  Buffer.from(Array.from({ length: 256 }, (_, byte) => byte)),
  'cp437',
);
const allCharacters = [...reference];

function bytesOf(text: string): number[] {
  const result = encodeCp437(text);
  if (!result.ok) {
    throw new Error(`expected ok, got ${result.code} for ${result.character}`);
  }
  return [...result.value];
}

describe('encodeCp437', () => {
  it('gives every one of the 256 characters of the code page its byte', () => {
    expect(allCharacters).toHaveLength(256);
    expect(bytesOf(reference)).toEqual(Array.from({ length: 256 }, (_, byte) => byte));
  });

  it('writes the Swedish letters as CP437 does', () => {
    expect(bytesOf('åäöÅÄÖé')).toEqual([0x86, 0x84, 0x94, 0x8f, 0x8e, 0x99, 0x82]);
    expect(bytesOf('Öres- och kronutjämning')).toEqual([
      ...iconv.encode('Öres- och kronutjämning', 'cp437'),
    ]);
  });

  it('joins a decomposed å (a + combining ring) into the one CP437 character', () => {
    expect(bytesOf('Ga\u030ardsbutik')).toEqual([...iconv.encode('Gårdsbutik', 'cp437')]);
  });

  it('refuses a character CP437 lacks instead of writing "?", with its position', () => {
    expect(encodeCp437('#FNAMN "Kafé"\r\n#PROSA "Pris 5 €"\r\n')).toEqual({
      ok: false,
      code: 'sie-character-not-in-cp437',
      character: '€',
      codePoint: 'U+20AC',
      line: 2,
      column: 16,
    });
    expect(encodeCp437('2026-04-01 – 2026-04-30')).toMatchObject({
      ok: false,
      character: '–',
      codePoint: 'U+2013',
      column: 12,
    });
    expect(encodeCp437('Glass 🍦')).toMatchObject({ ok: false, codePoint: 'U+1F366', column: 7 });
  });

  it('round-trips any text of CP437 characters through the reference decoder', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...allCharacters), { maxLength: 200 }), (chars) => {
        const text = chars.join('');
        const bytes = bytesOf(text);
        expect(iconv.decode(Buffer.from(bytes), 'cp437')).toBe(text.normalize('NFC'));
      }),
    );
  });

  it('refuses any text holding a character outside the code page', () => {
    const outside = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 1 })
      .filter((c) => [...c.normalize('NFC')].some((x) => !reference.includes(x)));
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii' }), outside, (prefix, bad) => {
        expect(encodeCp437(prefix + bad).ok).toBe(false);
      }),
    );
  });
});

describe('isCp437Character', () => {
  it('tells single characters of the code page from others', () => {
    expect(allCharacters.every(isCp437Character)).toBe(true);
    expect(isCp437Character('€')).toBe(false);
    expect(isCp437Character('ab')).toBe(false);
    expect(isCp437Character('')).toBe(false);
  });
});

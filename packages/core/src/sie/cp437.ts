/**
 * IBM code page 437 ("PC8"), the only character set a SIE file may use (SIE filformat, #FORMAT
 * PC8). A table of its upper half, so the core needs no encoding library. Bytes 0x00–0x7F are
 * ASCII. Unlike a general-purpose encoder, `encodeCp437` refuses a character the code page cannot
 * hold (€, –, “ …) instead of writing '?': an accounting file must never change a text silently.
 */
import { type Failure, type Result, fail, ok } from '../result.js';

/** The characters of bytes 0x80–0xFF, in byte order (IBM CP437 as published by Unicode). */
const UPPER_HALF =
  '\u00c7\u00fc\u00e9\u00e2\u00e4\u00e0\u00e5\u00e7\u00ea\u00eb\u00e8\u00ef\u00ee\u00ec\u00c4\u00c5' +
  '\u00c9\u00e6\u00c6\u00f4\u00f6\u00f2\u00fb\u00f9\u00ff\u00d6\u00dc\u00a2\u00a3\u00a5\u20a7\u0192' +
  '\u00e1\u00ed\u00f3\u00fa\u00f1\u00d1\u00aa\u00ba\u00bf\u2310\u00ac\u00bd\u00bc\u00a1\u00ab\u00bb' +
  '\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255d\u255c\u255b\u2510' +
  '\u2514\u2534\u252c\u251c\u2500\u253c\u255e\u255f\u255a\u2554\u2569\u2566\u2560\u2550\u256c\u2567' +
  '\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256b\u256a\u2518\u250c\u2588\u2584\u258c\u2590\u2580' +
  '\u03b1\u00df\u0393\u03c0\u03a3\u03c3\u00b5\u03c4\u03a6\u0398\u03a9\u03b4\u221e\u03c6\u03b5\u2229' +
  '\u2261\u00b1\u2265\u2264\u2320\u2321\u00f7\u2248\u00b0\u2219\u00b7\u221a\u207f\u00b2\u25a0\u00a0';

const BYTE_OF = new Map<number, number>(
  [...UPPER_HALF].map((character, index) => [character.codePointAt(0) ?? 0, 0x80 + index]),
);

/** Why a text could not be written in CP437: the first character it cannot hold. */
export type Cp437Failure = Failure<
  'sie-character-not-in-cp437',
  {
    /** The character, e.g. '€'. */
    character: string;
    /** Its code point as 'U+20AC'. */
    codePoint: string;
    /** 1-based line and column (in characters) of the character in the text. */
    line: number;
    column: number;
  }
>;

/** Tells whether `character` (one code point) has a byte in CP437. */
export function isCp437Character(character: string): boolean {
  const codePoint = character.codePointAt(0);
  return (
    codePoint !== undefined &&
    [...character].length === 1 &&
    (codePoint < 0x80 || BYTE_OF.has(codePoint))
  );
}

/**
 * Encodes `text` as CP437 bytes. The text is first put in Unicode normalisation form C, so an
 * "å" typed as "a" + combining ring (as macOS file names do) becomes the one character CP437 has.
 * Any other character outside the code page is refused with its position.
 */
export function encodeCp437(text: string): Result<Uint8Array, Cp437Failure> {
  const characters = [...text.normalize('NFC')];
  const bytes = new Uint8Array(characters.length);
  let line = 1;
  let column = 1;
  for (const [index, character] of characters.entries()) {
    const codePoint = character.codePointAt(0) ?? 0;
    const byte = codePoint < 0x80 ? codePoint : BYTE_OF.get(codePoint);
    if (byte === undefined) {
      return fail('sie-character-not-in-cp437', {
        character,
        codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`,
        line,
        column,
      });
    }
    bytes[index] = byte;
    if (character === '\n') {
      line += 1;
      column = 1;
    } else {
      column += 1;
    }
  }
  return ok(bytes);
}

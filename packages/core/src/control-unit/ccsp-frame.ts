/**
 * CleanCash serial protocol ("CCSP") framing: one message inside one frame.
 *
 *   "#!#" + LLL + "#" + message + "#" + CC + "\r"
 *
 * - LLL is the length of the **whole frame** in 3 uppercase hexadecimal digits. The fixed parts
 *   are "#!#" (3) + LLL (3) + "#" (1) + "#" (1) + CC (2) + "\r" (1) = 11 characters, so
 *   LLL = 11 + message length, exactly the spec's `hex3(11 + len(msg))`. Check against the spec's
 *   vector `#!#00D#IQ#7D\r`: 11 + 2 ("IQ") = 13 = 0x00D, and the frame is 13 characters long.
 *   Three hex digits allow at most 0xFFF = 4095 characters, so a message has at most 4084.
 * - CC is the LRC: the XOR of the character codes of every character from the leading "#!#" up
 *   to and including the "#" that follows the message (everything before CC), written as
 *   2 uppercase hexadecimal digits. The LRC covers the length field, so a corrupted length is
 *   caught too.
 *
 * Character set: the unit speaks a single-byte character set and every field Kassa sends is
 * ASCII (SKVFS 2009:2 data table, 5 §: "Data ska vara i ASCII teckenformat"). We refuse anything
 * outside ASCII (U+0000–U+007F) with a failure instead of guessing a code page, so a frame's
 * characters and its bytes are the same thing and the LRC is unambiguous.
 *
 * Sources: `docs/spec/sweden-regulation.md` §5.3 (framing, LRC rule and test vectors, taken
 * from the public Odoo CleanCash driver, secondary [S]); §5.2 (ASCII data, SKVFS 2009:2 [P]).
 */
import { type Failure, type Result, fail, ok } from '../result.js';

/** The three characters every frame starts with. */
export const CCSP_FRAME_START = '#!#';

/** Characters in a frame besides the message: "#!#", LLL, "#", "#", CC and "\r". */
export const CCSP_FRAME_OVERHEAD = 11;

/** The longest frame the 3-hex-digit length field can express (0xFFF). */
export const CCSP_MAX_FRAME_LENGTH = 0xfff;

/** The longest message a frame can carry: 0xFFF − 11 = 4084 characters. */
export const CCSP_MAX_MESSAGE_LENGTH = CCSP_MAX_FRAME_LENGTH - CCSP_FRAME_OVERHEAD;

/** Why `encodeCcspFrame` refused a message. */
export type CcspEncodeFailure =
  | Failure<'ccsp-non-ascii', { index: number; codePoint: number }>
  | Failure<'ccsp-message-too-long', { length: number; maxLength: number }>;

/**
 * Computes the LRC of `text`: the XOR of its character codes, as 2 uppercase hex digits.
 * Pass everything that precedes the LRC in a frame ("#!#LLL#message#"). Throws on a
 * non-ASCII character, which is a caller bug (the encoder checks before calling this).
 */
export function computeCcspLrc(text: string): string {
  let lrc = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) {
      throw new RangeError(`LRC input must be ASCII, got U+${code.toString(16)} at ${i}`);
    }
    lrc ^= code;
  }
  return toHex(lrc, 2);
}

/** Wraps `message` in a CCSP frame; refuses non-ASCII characters and over-long messages. */
export function encodeCcspFrame(message: string): Result<string, CcspEncodeFailure> {
  const nonAscii = findNonAscii(message);
  if (nonAscii !== undefined) {
    return fail('ccsp-non-ascii', nonAscii);
  }
  if (message.length > CCSP_MAX_MESSAGE_LENGTH) {
    return fail('ccsp-message-too-long', {
      length: message.length,
      maxLength: CCSP_MAX_MESSAGE_LENGTH,
    });
  }
  const covered = `${CCSP_FRAME_START}${toHex(CCSP_FRAME_OVERHEAD + message.length, 3)}#${message}#`;
  return ok(`${covered}${computeCcspLrc(covered)}\r`);
}

/** Converts an encoded (ASCII) frame to the bytes written to the serial line or socket. */
export function ccspFrameToBytes(frame: string): Uint8Array {
  const bytes = new Uint8Array(frame.length);
  for (let i = 0; i < frame.length; i += 1) {
    const code = frame.charCodeAt(i);
    if (code > 0x7f) {
      throw new RangeError(`a CCSP frame is ASCII, got U+${code.toString(16)} at ${i}`);
    }
    bytes[i] = code;
  }
  return bytes;
}

/** Returns the first character outside ASCII, if any. Internal to the control-unit folder. */
export function findNonAscii(text: string): { index: number; codePoint: number } | undefined {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) {
      return { index: i, codePoint: text.codePointAt(i) ?? code };
    }
  }
  return undefined;
}

function toHex(value: number, digits: number): string {
  return value.toString(16).toUpperCase().padStart(digits, '0');
}

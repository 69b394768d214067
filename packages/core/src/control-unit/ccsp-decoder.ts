/**
 * Streaming decoder for CleanCash serial ("CCSP") frames: bytes arrive from a serial line or a
 * socket in arbitrary pieces; complete frames come out as their messages, broken input comes out
 * as failures. Framing rules and their source are in `ccsp-frame.ts` (docs/spec/sweden-regulation.md §5.3).
 *
 * How it reads:
 * - It looks for "#!#" and reads the 3-hex-digit length after it; the length says where the frame
 *   ends, so a message may itself contain "#", "\r" or "#!#".
 * - It checks, in order: the header ("#!#", 3 **uppercase** hex digits, "#", length ≥ 11), the
 *   final "\r", the "#" before the LRC, ASCII only, and the LRC (2 uppercase hex digits). Being
 *   strict about case matters: accepting "00d" for "00D" would let a corrupted length field pass.
 * - After any failure it drops one character and resynchronises on the next "#!#". Characters
 *   skipped while resynchronising, or found before the first frame, are reported once per run as
 *   'ccsp-garbage' (not again right after a frame failure, which already covers them).
 * - A frame whose length points beyond the data received so far is waited for. The transport
 *   must call `finishCcspDecoding` (or `end()`) when its reply timeout expires; a frame still
 *   unfinished is then reported as 'ccsp-incomplete-frame' and the decoder starts afresh.
 *
 * Bytes are read one byte per character (0x00–0xFF); a byte above 0x7F fails the frame that
 * contains it ('ccsp-non-ascii'), because the protocol is ASCII.
 */
import { type Failure, type Ok, fail, ok } from '../result.js';
import {
  CCSP_FRAME_OVERHEAD,
  CCSP_FRAME_START,
  computeCcspLrc,
  findNonAscii,
} from './ccsp-frame.js';

/** Why a piece of the input did not decode into a frame. */
export type CcspDecodeFailure =
  | Failure<'ccsp-garbage', { discarded: string }>
  | Failure<'ccsp-bad-length', { header: string }>
  | Failure<'ccsp-bad-terminator', { frame: string }>
  | Failure<'ccsp-bad-separator', { frame: string }>
  | Failure<'ccsp-non-ascii', { frame: string }>
  | Failure<'ccsp-bad-lrc', { frame: string; expected: string; received: string }>
  | Failure<'ccsp-incomplete-frame', { received: string }>;

/** One decoder output: a frame's message, or a failure. */
export type CcspDecodeEvent = Ok<string> | CcspDecodeFailure;

/** The decoder's state between chunks. Treat as opaque; start from `INITIAL_CCSP_DECODER_STATE`. */
export interface CcspDecoderState {
  /** Received characters not yet consumed. */
  readonly buffer: string;
  /** True while skipping input that follows a reported failure, until the next "#!#". */
  readonly discarding: boolean;
}

/** The state before any input. */
export const INITIAL_CCSP_DECODER_STATE: CcspDecoderState = { buffer: '', discarding: false };

/** What one decoding step produced. */
export interface CcspDecodeStep {
  readonly state: CcspDecoderState;
  readonly events: readonly CcspDecodeEvent[];
}

const HEADER_LENGTH = 7; // "#!#" + LLL + "#"
const HEADER_PATTERN = /^#!#([0-9A-F]{3})#$/;
const LRC_PATTERN = /^[0-9A-F]{2}$/;

/** Feeds one chunk (bytes or text) to the decoder; returns the new state and what it produced. */
export function decodeCcspChunk(
  state: CcspDecoderState,
  chunk: Uint8Array | string,
): CcspDecodeStep {
  const events: CcspDecodeEvent[] = [];
  let buffer = state.buffer + (typeof chunk === 'string' ? chunk : bytesToText(chunk));
  let discarding = state.discarding;

  for (;;) {
    const start = buffer.indexOf(CCSP_FRAME_START);
    if (start === -1) {
      // Keep a tail that may be the beginning of "#!#"; everything before it is garbage.
      const keep = buffer.endsWith('#!') ? 2 : buffer.endsWith('#') ? 1 : 0;
      const dropped = buffer.slice(0, buffer.length - keep);
      if (dropped !== '' && !discarding) {
        events.push(fail('ccsp-garbage', { discarded: dropped }));
        discarding = true;
      }
      buffer = buffer.slice(buffer.length - keep);
      break;
    }
    if (start > 0) {
      if (!discarding) {
        events.push(fail('ccsp-garbage', { discarded: buffer.slice(0, start) }));
      }
      buffer = buffer.slice(start);
    }
    discarding = false;
    if (buffer.length < HEADER_LENGTH) {
      break;
    }
    const header = buffer.slice(0, HEADER_LENGTH);
    const lengthDigits = HEADER_PATTERN.exec(header)?.[1];
    const length = lengthDigits === undefined ? 0 : parseInt(lengthDigits, 16);
    if (length < CCSP_FRAME_OVERHEAD) {
      events.push(fail('ccsp-bad-length', { header }));
      buffer = buffer.slice(1);
      discarding = true;
      continue;
    }
    if (buffer.length < length) {
      break;
    }
    const frame = buffer.slice(0, length);
    const failure = checkFrame(frame);
    if (failure === undefined) {
      events.push(ok(frame.slice(HEADER_LENGTH, length - 4)));
      buffer = buffer.slice(length);
    } else {
      events.push(failure);
      buffer = buffer.slice(1);
      discarding = true;
    }
  }
  return { state: { buffer, discarding }, events };
}

/**
 * Ends the input (end of stream, or the reply timeout expired): reports an unfinished frame or
 * leftover garbage, and returns the events; the next chunk starts from the initial state.
 */
export function finishCcspDecoding(state: CcspDecoderState): readonly CcspDecodeEvent[] {
  if (state.buffer.startsWith(CCSP_FRAME_START)) {
    return [fail('ccsp-incomplete-frame', { received: state.buffer })];
  }
  if (state.buffer !== '' && !state.discarding) {
    return [fail('ccsp-garbage', { discarded: state.buffer })];
  }
  return [];
}

/** A stateful wrapper over `decodeCcspChunk` for transports. */
export interface CcspDecoder {
  /** Feeds a chunk; returns the messages and failures it completed. */
  push(chunk: Uint8Array | string): readonly CcspDecodeEvent[];
  /** Ends the input (stream closed or reply timeout); the decoder can then be reused. */
  end(): readonly CcspDecodeEvent[];
}

/** Creates a stateful CCSP decoder. */
export function createCcspDecoder(): CcspDecoder {
  let state = INITIAL_CCSP_DECODER_STATE;
  return {
    push(chunk) {
      const step = decodeCcspChunk(state, chunk);
      state = step.state;
      return step.events;
    },
    end() {
      const events = finishCcspDecoding(state);
      state = INITIAL_CCSP_DECODER_STATE;
      return events;
    },
  };
}

// Checks a frame whose header and length are already valid.
function checkFrame(frame: string): CcspDecodeFailure | undefined {
  const length = frame.length;
  if (frame[length - 1] !== '\r') {
    return fail('ccsp-bad-terminator', { frame });
  }
  if (frame[length - 4] !== '#') {
    return fail('ccsp-bad-separator', { frame });
  }
  if (findNonAscii(frame) !== undefined) {
    return fail('ccsp-non-ascii', { frame });
  }
  const covered = frame.slice(0, length - 3);
  const received = frame.slice(length - 3, length - 1);
  const expected = computeCcspLrc(covered);
  if (!LRC_PATTERN.test(received) || received !== expected) {
    return fail('ccsp-bad-lrc', { frame, expected, received });
  }
  return undefined;
}

// One character per byte (ISO 8859-1 code points), so no byte is lost or merged.
function bytesToText(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(byte);
  }
  return text;
}

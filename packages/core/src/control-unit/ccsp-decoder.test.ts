import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCcspFrame } from './ccsp-frame.js';
import {
  type CcspDecodeEvent,
  INITIAL_CCSP_DECODER_STATE,
  createCcspDecoder,
  decodeCcspChunk,
  finishCcspDecoding,
} from './ccsp-decoder.js';

function frameOf(message: string): string {
  const result = encodeCcspFrame(message);
  if (!result.ok) {
    throw new Error(result.code);
  }
  return result.value;
}

/** Feeds all chunks to a fresh decoder, then ends the input; returns every event. */
function decodeAll(chunks: readonly (string | Uint8Array)[]): CcspDecodeEvent[] {
  const decoder = createCcspDecoder();
  return [...chunks.flatMap((chunk) => decoder.push(chunk)), ...decoder.end()];
}

function bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

const IQ = '#!#00D#IQ#7D\r';
const SIQ = '#!#00E#SIQ#2F\r';

describe('decodeCcspChunk', () => {
  it('decodes one frame', () => {
    expect(decodeCcspChunk(INITIAL_CCSP_DECODER_STATE, IQ)).toEqual({
      state: { buffer: '', discarding: false },
      events: [{ ok: true, value: 'IQ' }],
    });
  });

  it('waits for the rest of a frame and keeps it in the state', () => {
    const first = decodeCcspChunk(INITIAL_CCSP_DECODER_STATE, '#!#00D#I');
    expect(first).toEqual({ state: { buffer: '#!#00D#I', discarding: false }, events: [] });
    expect(decodeCcspChunk(first.state, 'Q#7D\r').events).toEqual([{ ok: true, value: 'IQ' }]);
  });

  it('waits for the header before judging it', () => {
    expect(decodeCcspChunk(INITIAL_CCSP_DECODER_STATE, '#!#00').events).toEqual([]);
  });
});

describe('createCcspDecoder', () => {
  it('decodes several frames in one chunk, and byte by byte, and from bytes', () => {
    expect(decodeAll([IQ + SIQ])).toEqual([
      { ok: true, value: 'IQ' },
      { ok: true, value: 'SIQ' },
    ]);
    expect(decodeAll([...(IQ + SIQ)])).toEqual([
      { ok: true, value: 'IQ' },
      { ok: true, value: 'SIQ' },
    ]);
    expect(decodeAll([bytes(IQ.slice(0, 5)), IQ.slice(5), bytes(SIQ)])).toEqual([
      { ok: true, value: 'IQ' },
      { ok: true, value: 'SIQ' },
    ]);
  });

  it('lets a message contain "#", CR and "#!#", because the length delimits the frame', () => {
    const message = 'a#!#00D#IQ#7D\r#b';
    expect(decodeAll([frameOf(message) + IQ])).toEqual([
      { ok: true, value: message },
      { ok: true, value: 'IQ' },
    ]);
  });

  it('reports garbage before a frame once, then decodes the frame', () => {
    expect(decodeAll(['noise', ' more', IQ])).toEqual([
      { ok: false, code: 'ccsp-garbage', discarded: 'noise' },
      { ok: true, value: 'IQ' },
    ]);
    expect(decodeAll(['xy' + IQ])).toEqual([
      { ok: false, code: 'ccsp-garbage', discarded: 'xy' },
      { ok: true, value: 'IQ' },
    ]);
  });

  it('keeps a trailing "#" or "#!" that may start a frame', () => {
    expect(decodeAll(['ab#', '!#00D#IQ#7D\r'])).toEqual([
      { ok: false, code: 'ccsp-garbage', discarded: 'ab' },
      { ok: true, value: 'IQ' },
    ]);
    expect(decodeAll(['ab#!', '#00D#IQ#7D\r'])).toEqual([
      { ok: false, code: 'ccsp-garbage', discarded: 'ab' },
      { ok: true, value: 'IQ' },
    ]);
  });

  it.each([
    ['#!#00G#IQ#7D\r', 'not hex'],
    ['#!#00d#IQ#7D\r', 'lowercase hex'],
    ['#!#00A#IQ#7D\r', 'shorter than the 11 fixed characters'],
    ['#!#000#IQ#7D\r', 'zero'],
    ['#!#00DxIQ#7D\r', 'no "#" after the length'],
  ])('refuses a bad length field (%j: %s) and resynchronises', (broken) => {
    expect(decodeAll([broken + IQ])).toEqual([
      { ok: false, code: 'ccsp-bad-length', header: broken.slice(0, 7) },
      { ok: true, value: 'IQ' },
    ]);
  });

  it('refuses a frame without the final CR', () => {
    const broken = '#!#00D#IQ#7D\n';
    expect(decodeAll([broken + IQ])).toEqual([
      { ok: false, code: 'ccsp-bad-terminator', frame: broken },
      { ok: true, value: 'IQ' },
    ]);
  });

  it('refuses a frame whose length points past its end or before it', () => {
    // Length 0x00C: the decoder reads 12 characters and finds no CR at the end.
    expect(decodeAll(['#!#00C#IQ#7D\r'])).toEqual([
      { ok: false, code: 'ccsp-bad-terminator', frame: '#!#00C#IQ#7D' },
      // The rest of the broken frame is skipped silently while resynchronising.
    ]);
    // Length 0x00F: the frame would need two more characters, so the input ends unfinished.
    expect(decodeAll(['#!#00F#IQ#7D\r'])).toEqual([
      { ok: false, code: 'ccsp-incomplete-frame', received: '#!#00F#IQ#7D\r' },
    ]);
  });

  it('refuses a frame without the "#" before the LRC', () => {
    const broken = '#!#00D#IQx7D\r';
    expect(decodeAll([broken])).toEqual([{ ok: false, code: 'ccsp-bad-separator', frame: broken }]);
  });

  it('refuses a wrong LRC, a lowercase LRC and a non-hex LRC', () => {
    expect(decodeAll(['#!#00D#IQ#7E\r'])).toEqual([
      { ok: false, code: 'ccsp-bad-lrc', frame: '#!#00D#IQ#7E\r', expected: '7D', received: '7E' },
    ]);
    expect(decodeAll(['#!#00D#IQ#7d\r'])).toMatchObject([{ code: 'ccsp-bad-lrc' }]);
    expect(decodeAll(['#!#00D#IQ#ZZ\r'])).toMatchObject([{ code: 'ccsp-bad-lrc' }]);
  });

  it('refuses a frame with a byte above 0x7F', () => {
    const broken = bytes('#!#00D#I\xd1#7D\r');
    expect(decodeAll([broken, IQ])).toEqual([
      { ok: false, code: 'ccsp-non-ascii', frame: '#!#00D#I\xd1#7D\r' },
      { ok: true, value: 'IQ' },
    ]);
  });

  it('reports a frame still unfinished, or garbage, when the input ends', () => {
    expect(decodeAll(['#!#00D#IQ'])).toEqual([
      { ok: false, code: 'ccsp-incomplete-frame', received: '#!#00D#IQ' },
    ]);
    expect(decodeAll(['#!'])).toEqual([{ ok: false, code: 'ccsp-garbage', discarded: '#!' }]);
    expect(decodeAll([])).toEqual([]);
  });

  it('starts afresh after end()', () => {
    const decoder = createCcspDecoder();
    expect(decoder.push('#!#00D#I')).toEqual([]);
    expect(decoder.end()).toMatchObject([{ code: 'ccsp-incomplete-frame' }]);
    expect(decoder.push(IQ)).toEqual([{ ok: true, value: 'IQ' }]);
    expect(decoder.end()).toEqual([]);
  });
});

describe('finishCcspDecoding', () => {
  it('reports nothing for a clean state or while discarding', () => {
    expect(finishCcspDecoding(INITIAL_CCSP_DECODER_STATE)).toEqual([]);
    expect(finishCcspDecoding({ buffer: '#', discarding: true })).toEqual([]);
  });
});

// Splits `text` at the given cut points, alternating string and byte chunks.
function chunk(text: string, cuts: readonly number[]): (string | Uint8Array)[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: (string | Uint8Array)[] = [];
  let from = 0;
  for (const [i, point] of [...points, text.length].entries()) {
    const piece = text.slice(from, point);
    pieces.push(i % 2 === 0 ? piece : bytes(piece));
    from = point;
  }
  return pieces;
}

describe('properties', () => {
  it('round-trips any ASCII messages through any chunking', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary-ascii', maxLength: 60 }), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (messages, cuts) => {
          const stream = messages.map(frameOf).join('');
          expect(decodeAll(chunk(stream, cuts))).toEqual(
            messages.map((value) => ({ ok: true, value })),
          );
        },
      ),
    );
  });

  it('detects any single-character corruption of a frame', () => {
    // Printable messages (no CR inside) so that a corrupted length can never land on a CR
    // inside the message; the "#" before the LRC, the CR and the LRC catch everything else.
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
        fc.nat(),
        fc.integer({ min: 0, max: 0xff }),
        (message, position, replacement) => {
          const frame = frameOf(message);
          const index = position % frame.length;
          fc.pre(frame.charCodeAt(index) !== replacement);
          const corrupted =
            frame.slice(0, index) + String.fromCharCode(replacement) + frame.slice(index + 1);
          const events = decodeAll([bytes(corrupted)]);
          expect(events.some((event) => event.ok)).toBe(false);
          expect(events.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('recovers the next good frame after any corrupted one', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 0, max: 0x7f }),
        (message, position, replacement) => {
          const frame = frameOf(message);
          const index = position % frame.length;
          fc.pre(frame.charCodeAt(index) !== replacement);
          // Only corruptions that keep the length field intact: a longer length would
          // legitimately swallow the next frame.
          fc.pre(index < 3 || index > 5);
          const corrupted =
            frame.slice(0, index) + String.fromCharCode(replacement) + frame.slice(index + 1);
          // Nor corruptions that forge a frame start ("#!#") inside the frame: the decoder then
          // rightly resynchronises there and reads a length that may swallow the next frame.
          fc.pre(!corrupted.slice(1).includes('#!#'));
          const events = decodeAll([corrupted + IQ]);
          expect(events.filter((event) => event.ok)).toEqual([{ ok: true, value: 'IQ' }]);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

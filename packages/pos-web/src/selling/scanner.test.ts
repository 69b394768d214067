import { describe, expect, it } from 'vitest';
import { ScanBuffer } from './scanner';

/** Feeds keys `gap` ms apart from `start`; returns the last step. */
function type(buffer: ScanBuffer, keys: string[], start: number, gap: number) {
  let step = buffer.key(keys[0] ?? 'Enter', start);
  keys.slice(1).forEach((key, index) => {
    step = buffer.key(key, start + gap * (index + 1));
  });
  return step;
}

const chars = (text: string) => [...text];

describe('ScanBuffer', () => {
  it('recognises a fast burst of digits ended by Enter', () => {
    const buffer = new ScanBuffer();
    expect(type(buffer, [...chars('7310865004703'), 'Enter'], 1_000, 8)).toEqual({
      kind: 'scan',
      code: '7310865004703',
    });
  });

  it('ignores a person typing at human speed', () => {
    const buffer = new ScanBuffer();
    expect(type(buffer, [...chars('7310865004703'), 'Enter'], 1_000, 120)).toEqual({
      kind: 'ignored',
    });
  });

  it('starts over after a pause, so stray keys before a scan do not spoil it', () => {
    const buffer = new ScanBuffer();
    buffer.key('4', 0);
    buffer.key('2', 30);
    expect(type(buffer, [...chars('12345678'), 'Enter'], 500, 5)).toEqual({
      kind: 'scan',
      code: '12345678',
    });
  });

  it('needs a few characters and an Enter soon after the last one', () => {
    const short = new ScanBuffer();
    expect(type(short, ['1', '2', 'Enter'], 0, 5)).toEqual({ kind: 'ignored' });
    const late = new ScanBuffer({ maxGapMs: 50, minLength: 4 });
    type(late, chars('12345678'), 0, 5);
    expect(late.key('Enter', 35 + 400)).toEqual({ kind: 'ignored' });
  });

  it('forgets the burst after Enter and after other keys', () => {
    const buffer = new ScanBuffer();
    type(buffer, [...chars('12345678'), 'Enter'], 0, 5);
    expect(buffer.key('Enter', 50)).toEqual({ kind: 'ignored' });
    type(buffer, chars('1234'), 100, 5);
    expect(buffer.key('Shift', 120)).toEqual({ kind: 'ignored' });
    expect(buffer.key('5', 125)).toEqual({ kind: 'buffering' });
    expect(buffer.key('Enter', 130)).toEqual({ kind: 'ignored' });
  });

  it('accepts letters for Code 128 labels', () => {
    const buffer = new ScanBuffer();
    expect(type(buffer, [...chars('AB12cd'), 'Enter'], 0, 3)).toEqual({
      kind: 'scan',
      code: 'AB12cd',
    });
  });
});

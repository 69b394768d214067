import { describe, expect, it } from 'vitest';
import { type Failure, type Result, fail, ok } from './result.js';

function halve(n: number): Result<number, Failure<'odd-number', { value: number }>> {
  return n % 2 === 0 ? ok(n / 2) : fail('odd-number', { value: n });
}

describe('result', () => {
  it('builds successes', () => {
    expect(ok(42)).toEqual({ ok: true, value: 42 });
  });

  it('builds failures with and without details', () => {
    expect(fail('amount-invalid')).toEqual({ ok: false, code: 'amount-invalid' });
    expect(fail('odd-number', { value: 3 })).toEqual({ ok: false, code: 'odd-number', value: 3 });
  });

  it('does not let details override ok or code', () => {
    // Deliberate cast: details normally never carry these keys; the builder must still win.
    const details = { ok: true, code: 'sneaky' } as unknown as { note: string };
    expect(fail('real-code', details)).toEqual({ ok: false, code: 'real-code' });
  });

  it('narrows on ok', () => {
    const result = halve(3);
    if (result.ok) {
      throw new Error('expected a failure');
    }
    expect(result.code).toBe('odd-number');
    expect(result.value).toBe(3);
    const success = halve(4);
    expect(success.ok && success.value).toBe(2);
  });
});

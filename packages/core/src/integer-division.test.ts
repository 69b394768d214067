import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideHalfAwayFromZero } from './integer-division.js';

describe('divideHalfAwayFromZero', () => {
  it('rounds halves away from zero on both sides of zero', () => {
    expect(divideHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divideHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divideHalfAwayFromZero(7n, 2n)).toBe(4n);
    expect(divideHalfAwayFromZero(-7n, 2n)).toBe(-4n);
  });

  it('rounds below half toward zero and above half away from zero', () => {
    expect(divideHalfAwayFromZero(14n, 10n)).toBe(1n);
    expect(divideHalfAwayFromZero(-14n, 10n)).toBe(-1n);
    expect(divideHalfAwayFromZero(16n, 10n)).toBe(2n);
    expect(divideHalfAwayFromZero(-16n, 10n)).toBe(-2n);
    expect(divideHalfAwayFromZero(0n, 3n)).toBe(0n);
  });

  it('throws on a zero or negative denominator', () => {
    expect(() => divideHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
    expect(() => divideHalfAwayFromZero(1n, -2n)).toThrow(RangeError);
  });

  it('is never more than half a unit from the exact quotient and is odd-symmetric', () => {
    fc.assert(
      fc.property(fc.bigInt(-(10n ** 20n), 10n ** 20n), fc.bigInt(1n, 10n ** 9n), (n, d) => {
        const q = divideHalfAwayFromZero(n, d);
        const error = q * d - n; // d × (rounded − exact)
        expect(2n * (error < 0n ? -error : error) <= d).toBe(true);
        expect(divideHalfAwayFromZero(-n, d)).toBe(-q);
      }),
    );
  });
});

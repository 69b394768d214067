/**
 * Exact integer division with commercial rounding, shared by money and VAT arithmetic.
 * BigInt keeps intermediate products (price × grams, amount × rate) exact even beyond 2^53.
 * Internal to @kassa/core: not re-exported from the package index.
 */

/** Divides `numerator` by a positive `denominator`, rounding half away from zero. */
export function divideHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) {
    throw new RangeError(`denominator must be positive, got ${String(denominator)}`);
  }
  const quotient = numerator / denominator; // BigInt division truncates toward zero
  const remainder = numerator % denominator; // has the sign of the numerator
  const absRemainder = remainder < 0n ? -remainder : remainder;
  if (absRemainder * 2n < denominator) {
    return quotient;
  }
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

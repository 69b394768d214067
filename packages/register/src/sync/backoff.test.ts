import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, within half and all of it', () => {
    const policy = { baseMs: 1_000, capMs: 300_000 };
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 0.999_999)).toBe(1_000);
    expect(backoffDelay(2, policy, () => 0.999_999)).toBe(2_000);
    expect(backoffDelay(4, policy, () => 0.5)).toBe(6_000);
    expect(backoffDelay(9, policy, () => 0.999_999)).toBe(256_000);
    expect(backoffDelay(10, policy, () => 0.999_999)).toBe(300_000);
    expect(backoffDelay(1_000, policy, () => 0)).toBe(150_000);
  });

  it('never leaves [ceiling/2, ceiling] and never exceeds the cap (5 min by default)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (failures, r) => {
          const delay = backoffDelay(failures, DEFAULT_BACKOFF, () => r);
          const ceiling = Math.min(
            DEFAULT_BACKOFF.capMs,
            DEFAULT_BACKOFF.baseMs * 2 ** Math.min(failures - 1, 30),
          );
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(delay).toBeLessThanOrEqual(ceiling);
          expect(delay).toBeLessThanOrEqual(5 * 60_000);
        },
      ),
    );
  });
});

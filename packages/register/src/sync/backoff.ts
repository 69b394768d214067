/**
 * Exponential backoff with jitter for retrying the journal upload: the delay doubles with each
 * failure in a row from `baseMs` up to `capMs`, and a random part (half of it) spreads many
 * registers that lost the server at the same moment. Pure: the random source is passed in.
 */

export interface BackoffPolicy {
  /** The delay after the first failure (before jitter). */
  readonly baseMs: number;
  /** The longest delay. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * The delay before the next attempt after `failures` failures in a row (1 for the first):
 * between half and all of min(cap, base · 2^(failures − 1)). `random` returns [0, 1).
 */
export function backoffDelay(
  failures: number,
  policy: BackoffPolicy,
  random: () => number,
): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}

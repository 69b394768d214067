/** How the CLI prints failures: Swedish first, English below. */
import type { Failure } from '../failure.js';

export function formatFailure(failure: Failure): string[] {
  return [`FEL: ${failure.sv}`, `     (${failure.en})`];
}

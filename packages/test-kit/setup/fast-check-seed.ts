/**
 * Property tests: random seeds locally (more cases over time), a fixed seed under CI so a run is
 * reproducible. Override with FAST_CHECK_SEED=<n> to replay a failure printed by fast-check.
 */
import fc from 'fast-check';

const fromEnvironment = process.env.FAST_CHECK_SEED;
const seed =
  fromEnvironment !== undefined && fromEnvironment !== ''
    ? Number(fromEnvironment)
    : process.env.CI === 'true'
      ? 20_261_125
      : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });

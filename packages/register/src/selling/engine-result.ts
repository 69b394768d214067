/**
 * What a selling step answers: a value, or a failure with its HTTP status (the local API sends
 * it as is). Core's refusals become catalogue failures here, their money shown as kronor.
 */
import { localApiStatusOf } from '@kassa/contracts';
import { formatKronor, ore } from '@kassa/core';
import { failure, type Failure } from '../failure.js';

/** An engine step's answer: a value, or a failure with its HTTP status. */
export type EngineResult<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export function bad(
  code: Parameters<typeof failure>[0],
  status: number,
  details?: Record<string, unknown>,
) {
  return { ok: false as const, failure: { ...failure(code, details), status } };
}

export function good<T>(value: T): EngineResult<T> {
  return { ok: true, value };
}

const MONEY_DETAILS = ['due', 'missing', 'nonCash', 'discount', 'allowed', 'amount', 'total'];

/** A core refusal as the engine's failure. */
export function fromCore<T>(failed: {
  readonly ok: false;
  readonly code: string;
}): EngineResult<T> {
  const rest: Record<string, unknown> = { ...(failed as Record<string, unknown>) };
  delete rest.ok;
  delete rest.code;
  const details = Object.keys(rest).length === 0 ? undefined : rest;
  let extra = details;
  if (details !== undefined) {
    extra = { ...details };
    // Money in messages is shown as kronor ("12,50 kr"): {missing} → {missingKr}.
    for (const key of MONEY_DETAILS) {
      const value = details[key];
      if (typeof value === 'number') extra[`${key}Kr`] = formatKronor(ore(value));
    }
    if (failed.code === 'discount-beyond-permission') {
      extra.maxDiscountPercent = Number(details.maxDiscountRate) / 100;
    }
  }
  // The status of a core code is the catalogue's (packages/contracts, SALES_ERROR_MESSAGES).
  return bad(failed.code as Parameters<typeof failure>[0], localApiStatusOf(failed.code), extra);
}

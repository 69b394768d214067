/**
 * Expected failures of the register as values: the contracts' one Failure shape (a stable code,
 * the Swedish and English text to show, details, and the HTTP status the server answered or the
 * local API should answer; without one, the catalogue's: localApiStatusOf).
 */
import { registerMessage, type AnyErrorCode, type Failure } from '@kassa/contracts';

export type { Failure };

export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: Failure };

/** A failure raised by the register itself, with its catalogue messages. */
export function failure(code: AnyErrorCode, details?: Record<string, unknown>): Failure {
  const { sv, en } = registerMessage(code, details);
  return details ? { code, sv, en, details } : { code, sv, en };
}

/** Shorthand for a failed outcome. */
export function failed<T>(code: AnyErrorCode, details?: Record<string, unknown>): Outcome<T> {
  return { ok: false, failure: failure(code, details) };
}

export function succeeded<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** A short description of an unknown thrown value, for `{reason}` placeholders. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

import type { ApiErrorBody } from './types';

/**
 * A failed call to the local API. `messages` holds the register's own Swedish and English texts
 * when the answer had the documented error shape; `status` is 0 when the register's local service
 * could not be reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: { sv: string; en: string } | null;
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    messages: { sv: string; en: string } | null,
    details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(messages?.en ?? `API error ${status} (${code})`, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.details = details;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `{ error: { code, sv, en, details } }`, or returns null for anything else. */
export function parseErrorBody(body: unknown): ApiErrorBody | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, sv, en, details } = body.error;
  if (typeof code !== 'string' || typeof sv !== 'string' || typeof en !== 'string') return null;
  return { code, sv, en, details: isRecord(details) ? details : {} };
}

/** The ApiError for a non-2xx answer, with the register's texts when the body has them. */
export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  const parsed = parseErrorBody(body);
  if (parsed === null) return new ApiError(status, 'unexpected-response', null);
  return new ApiError(status, parsed.code, { sv: parsed.sv, en: parsed.en }, parsed.details);
}

/** Whether a thrown value is the register saying that an admin removed this PC's binding. */
export function isBindingRemoved(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'binding-removed';
}

import { errorBodySchema } from '@kassa/contracts';

/** A refusal's body as the server and the register send it (`errorBodySchema` in contracts). */
export interface ApiErrorBody {
  code: string;
  sv: string;
  en: string;
  details: Record<string, unknown>;
}

/**
 * A failed API call. `messages` holds the answer's own Swedish and English texts when it had the
 * documented error shape; `status` is 0 when the server (or the register's local service) could
 * not be reached at all.
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

/** Reads `{ error: { code, sv, en, details } }` with the shared schema, or null for anything else. */
export function parseErrorBody(body: unknown): ApiErrorBody | null {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { code, sv, en, details } = parsed.data.error;
  return { code, sv, en, details: details ?? {} };
}

/** The ApiError for a non-2xx answer, with the answer's own texts when the body has them. */
export function apiErrorFromResponse(status: number, body: unknown): ApiError {
  const parsed = parseErrorBody(body);
  if (parsed === null) return new ApiError(status, 'unexpected-response', null);
  return new ApiError(status, parsed.code, { sv: parsed.sv, en: parsed.en }, parsed.details);
}

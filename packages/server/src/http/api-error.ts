/** The one way a route refuses: an HTTP status and a stable code from the catalogue. */
import type { ErrorCode } from '@kassa/contracts';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/**
 * The one way a route refuses: a stable code from the catalogue, whose HTTP status the catalogue
 * gives (packages/contracts/src/errors.ts), and the details its messages are filled from.
 */
import { type ErrorCode, errorStatus } from '@kassa/contracts';

export class ApiError extends Error {
  readonly statusCode: number;

  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'ApiError';
    this.statusCode = errorStatus(code);
  }
}

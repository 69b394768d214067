import { ApiError } from '@kassa/web-kit';

/** Whether a thrown value is the register saying that an admin removed this PC's binding. */
export function isBindingRemoved(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'binding-removed';
}

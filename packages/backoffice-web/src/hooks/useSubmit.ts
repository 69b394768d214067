import { useMutation } from '@tanstack/react-query';
import { useCallback } from 'react';

/**
 * Runs an action (a mutation) once at a time, remembering its error for display. The action
 * says what it changed by invalidating it (`useInvalidate`).
 */
export function useSubmit() {
  const mutation = useMutation({ mutationFn: (action: () => Promise<void>) => action() });
  const { mutateAsync, isPending, error, reset } = mutation;
  const run = useCallback(
    async (action: () => Promise<void>): Promise<void> => {
      reset();
      await mutateAsync(action).catch(() => undefined);
    },
    [mutateAsync, reset],
  );
  return { submitting: isPending, error: error ?? null, run };
}

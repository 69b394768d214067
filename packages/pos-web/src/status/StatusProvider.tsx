import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../api/ApiProvider';
import type { ApiError } from '@kassa/web-kit';
import { isBindingRemoved } from '../api/errors';
import type { LocalStatus } from '@kassa/contracts';
import { pollDelay } from './upload';

export type StatusState =
  | { phase: 'checking' }
  /** The local service never answered since the screen was opened. */
  | { phase: 'unreachable'; error: unknown }
  | {
      phase: 'ready';
      status: LocalStatus;
      /** False while the last poll failed: the screen keeps its last known state meanwhile. */
      reachable: boolean;
      /** The register's own `binding-removed` refusal, when an action met one. */
      bindingRemoved: ApiError | null;
    };

interface StatusContextValue {
  state: StatusState;
  /** Asks the register for its status now. */
  refresh: () => Promise<void>;
  /** Replaces the status with one the register just answered (after connect, sign-in, sign-out). */
  update: (change: (status: LocalStatus) => LocalStatus) => void;
  /** Lets an action's error change the screen: `binding-removed` blocks the register at once. */
  reportError: (error: unknown) => void;
}

/** The query of GET /local/status. */
const statusQueryKey = ['local', 'status'] as const;

const StatusContext = createContext<StatusContextValue | null>(null);

/**
 * Keeps the register's `/local/status` as one polled query (every 5 s, every 2 s while a backlog
 * uploads; again when the screen becomes visible) and shares it with every screen.
 */
export function StatusProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const client = useQueryClient();
  const [bindingRemoved, setBindingRemoved] = useState<ApiError | null>(null);

  const query = useQuery({
    queryKey: statusQueryKey,
    queryFn: async () => {
      const status = await api.status();
      // A register that is bound again forgets the refusal an action met before.
      if (status.binding !== 'removed') setBindingRemoved(null);
      return status;
    },
    refetchInterval: (current) => pollDelay(current.state.data ?? null),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: 'always',
  });

  const refresh = useCallback(
    () => client.refetchQueries({ queryKey: statusQueryKey, exact: true }),
    [client],
  );

  // A poll under way answers with the state from before a local change (e.g. still signed in
  // after "Logga ut"): it is cancelled, so its answer is dropped, before the change is written.
  const change = useCallback(
    (next: (status: LocalStatus) => LocalStatus) => {
      void client.cancelQueries({ queryKey: statusQueryKey, exact: true });
      client.setQueryData<LocalStatus>(statusQueryKey, (previous) =>
        previous === undefined ? previous : next(previous),
      );
    },
    [client],
  );

  const reportError = useCallback(
    (error: unknown) => {
      if (!isBindingRemoved(error)) return;
      change((status) => ({ ...status, binding: 'removed', signedIn: null }));
      setBindingRemoved(error);
      void refresh();
    },
    [change, refresh],
  );

  const { data, error, isError } = query;
  const state = useMemo<StatusState>(() => {
    if (data === undefined) {
      return isError ? { phase: 'unreachable', error } : { phase: 'checking' };
    }
    return {
      phase: 'ready',
      status: data,
      reachable: !isError,
      bindingRemoved: data.binding === 'removed' ? bindingRemoved : null,
    };
  }, [data, error, isError, bindingRemoved]);

  const value = useMemo(
    () => ({ state, refresh, update: change, reportError }),
    [state, refresh, change, reportError],
  );
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusContextValue {
  const value = useContext(StatusContext);
  if (value === null) throw new Error('useStatus must be used inside <StatusProvider>');
  return value;
}

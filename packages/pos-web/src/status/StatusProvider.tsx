import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
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

const StatusContext = createContext<StatusContextValue | null>(null);

/** Keeps the register's `/local/status`, polled, and shares it with every screen. */
export function StatusProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<StatusState>({ phase: 'checking' });

  // Bumped by every local change of the status: a poll that was already under way then answers
  // with the state from before the change (e.g. still signed in after "Logga ut") and is dropped.
  const generation = useRef(0);
  // The last status, for the poll's pace: every 5 s, every 2 s while a backlog uploads.
  const latest = useRef<LocalStatus | null>(null);
  useEffect(() => {
    latest.current = state.phase === 'ready' ? state.status : null;
  }, [state]);

  const refresh = useCallback(async () => {
    const asked = generation.current;
    try {
      const status = await api.status();
      if (asked !== generation.current) return;
      latest.current = status;
      setState((previous) => ({
        phase: 'ready',
        status,
        reachable: true,
        bindingRemoved:
          previous.phase === 'ready' && status.binding === 'removed'
            ? previous.bindingRemoved
            : null,
      }));
    } catch (error) {
      if (asked !== generation.current) return;
      setState((previous) =>
        previous.phase === 'ready'
          ? { ...previous, reachable: false }
          : { phase: 'unreachable', error },
      );
    }
  }, [api]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = async () => {
      await refresh();
      if (!stopped) timer = setTimeout(() => void tick(), pollDelay(latest.current));
    };
    void tick();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);

  const update = useCallback((change: (status: LocalStatus) => LocalStatus) => {
    generation.current += 1;
    setState((previous) =>
      previous.phase === 'ready' ? { ...previous, status: change(previous.status) } : previous,
    );
  }, []);

  const reportError = useCallback(
    (error: unknown) => {
      if (!isBindingRemoved(error)) return;
      generation.current += 1;
      setState((previous) =>
        previous.phase === 'ready'
          ? {
              ...previous,
              status: { ...previous.status, binding: 'removed', signedIn: null },
              bindingRemoved: error,
            }
          : previous,
      );
      void refresh();
    },
    [refresh],
  );

  const value = useMemo(
    () => ({ state, refresh, update, reportError }),
    [state, refresh, update, reportError],
  );
  return <StatusContext.Provider value={value}>{children}</StatusContext.Provider>;
}

export function useStatus(): StatusContextValue {
  const value = useContext(StatusContext);
  if (value === null) throw new Error('useStatus must be used inside <StatusProvider>');
  return value;
}

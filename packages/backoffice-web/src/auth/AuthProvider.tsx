import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../api/ApiProvider';
import { ApiError } from '@kassa/web-kit';
import type { Me } from '@kassa/contracts';

export type AuthState =
  | { status: 'checking' }
  | { status: 'signed-out'; error?: unknown }
  | { status: 'signed-in'; me: Me };

interface AuthContextValue {
  state: AuthState;
  /** Signs in and loads the session; throws ApiError on refusal. */
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  const adoptSession = useCallback(
    (me: Me) => {
      api.http.setCsrfToken(me.csrfToken);
      setState({ status: 'signed-in', me });
    },
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    api.me().then(
      (me) => {
        if (!cancelled) adoptSession(me);
      },
      (error: unknown) => {
        if (cancelled) return;
        const expected = error instanceof ApiError && error.status === 401;
        setState(expected ? { status: 'signed-out' } : { status: 'signed-out', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, adoptSession]);

  useEffect(() => api.http.onUnauthenticated(() => setState({ status: 'signed-out' })), [api]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      await api.login(username, password);
      adoptSession(await api.me());
    },
    [api, adoptSession],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // Even if the server could not be told, this browser forgets the session.
    }
    api.http.setCsrfToken(null);
    setState({ status: 'signed-out' });
  }, [api]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in session; only for components rendered behind the sign-in page. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe used while not signed in');
  return state.me;
}

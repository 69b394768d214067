import { createContext, useContext, useState } from 'react';
import type { ReactNode } from 'react';

/**
 * An app's API client in React context: `ApiProvider` makes one (or takes a test's), `useApi`
 * reads it.
 */
export function createApiContext<Api>(create: () => Api) {
  const ApiContext = createContext<Api | null>(null);

  function ApiProvider({ api, children }: { api?: Api; children: ReactNode }) {
    const [value] = useState(() => api ?? create());
    return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
  }

  function useApi(): Api {
    const api = useContext(ApiContext);
    if (api === null) throw new Error('useApi must be used inside <ApiProvider>');
    return api;
  }

  return { ApiProvider, useApi };
}

import { createContext, useContext, useState } from 'react';
import type { ReactNode } from 'react';
import { BackofficeApi } from './backoffice-api';

const ApiContext = createContext<BackofficeApi | null>(null);

export function ApiProvider({ api, children }: { api?: BackofficeApi; children: ReactNode }) {
  const [value] = useState(() => api ?? new BackofficeApi());
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApi(): BackofficeApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}

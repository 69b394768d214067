import { createContext, useContext, useState } from 'react';
import type { ReactNode } from 'react';
import { LocalApi } from './local-api';

const ApiContext = createContext<LocalApi | null>(null);

export function ApiProvider({ api, children }: { api?: LocalApi; children: ReactNode }) {
  const [value] = useState(() => api ?? new LocalApi());
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

export function useApi(): LocalApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi must be used inside <ApiProvider>');
  return api;
}

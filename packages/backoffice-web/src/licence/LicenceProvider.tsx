import { createContext, useContext, useMemo } from 'react';
import type { ReactNode } from 'react';
import { queries } from '../api/queries';
import type { Licence } from '@kassa/contracts';
import { useApiData, type ApiData } from '../hooks/useApiData';
import type { LicensedModules } from '../router/access';

interface LicenceContextValue {
  licence: ApiData<Licence>;
  /** Reads the licence again ("Försök igen"); terminal changes invalidate it (`resources.licence`). */
  reload: () => void;
}

const LicenceContext = createContext<LicenceContextValue | null>(null);

/** The environment's licence, for admins and managers (cashiers never load it). */
export function LicenceProvider({ children }: { children: ReactNode }) {
  const { result, reload } = useApiData(queries.licence);
  const value = useMemo(() => ({ licence: result, reload }), [result, reload]);
  return <LicenceContext.Provider value={value}>{children}</LicenceContext.Provider>;
}

export function useLicence(): LicenceContextValue {
  const value = useContext(LicenceContext);
  if (value === null) throw new Error('useLicence must be used inside <LicenceProvider>');
  return value;
}

/** The licensed modules as the menu needs them. */
export function useLicensedModules(): LicensedModules {
  const { licence } = useLicence();
  return useMemo(() => {
    switch (licence.status) {
      case 'loading':
        return { status: 'loading' };
      case 'error':
        return { status: 'unknown' };
      case 'ready':
        return { status: 'known', modules: licence.data.modules };
    }
  }, [licence]);
}

import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/ApiProvider';
import type { BackofficeApi } from '../api/backoffice-api';

export type ApiData<T> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

/**
 * Loads data when mounted and on `reload()`. `load` must be stable (module-level or useCallback).
 * A small hook instead of a data-fetching library: the backoffice has few, simple reads.
 */
export function useApiData<T>(load: (api: BackofficeApi) => Promise<T>): {
  result: ApiData<T>;
  reload: () => void;
} {
  const api = useApi();
  const [generation, setGeneration] = useState(0);
  const [result, setResult] = useState<ApiData<T>>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    load(api).then(
      (data) => {
        if (!cancelled) setResult({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!cancelled) setResult({ status: 'error', error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, load, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { result, reload };
}

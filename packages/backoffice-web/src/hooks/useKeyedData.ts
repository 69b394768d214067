import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../api/ApiProvider';
import type { BackofficeApi } from '../api/backoffice-api';
import type { ApiData } from './useApiData';

/**
 * Loads data for a key (a filter written as text) and again whenever the key changes or
 * `reload()` is called. Until the new answer arrives the last one stays on screen, marked `stale`,
 * so a filter change does not blank the page. `load` is called with the key it was started for.
 */
export function useKeyedData<T>(
  key: string,
  load: (api: BackofficeApi, key: string) => Promise<T>,
): { result: ApiData<T>; stale: boolean; reload: () => void } {
  const api = useApi();
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ key: string | null; result: ApiData<T> }>({
    key: null,
    result: { status: 'loading' },
  });

  useEffect(() => {
    let cancelled = false;
    load(api, key).then(
      (data) => {
        if (!cancelled) setState({ key, result: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!cancelled) setState({ key, result: { status: 'error', error } });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [api, load, key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { result: state.result, stale: state.key !== key, reload };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/ApiProvider';
import type { SaleView } from '@kassa/contracts';
import { changedLineId } from '../../selling/sale-lines';
import type { Translate } from '../../i18n/translate';
import { useStatus } from '../../status/StatusProvider';

/** A message above the receipt: a refusal (in the register's words) or a short confirmation. */
export type Notice =
  | { tone: 'error'; error: unknown; title?: (t: Translate) => string }
  | { tone: 'info'; text: (t: Translate) => string };

export interface SaleStep {
  /** Called with a refusal; return true when it was handled (no notice is shown then). */
  onError?: (error: unknown) => boolean;
  /** A confirmation shown after success. */
  info?: (t: Translate) => string;
}

/**
 * The sale under construction as the register last answered it. Steps run one after another (a
 * scanner can be faster than the register's answers); each answer replaces the sale.
 */
export function useSale() {
  const api = useApi();
  const { reportError } = useStatus();
  const [sale, setSale] = useState<SaleView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selectedLineId, setSelectedLineId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, setPending] = useState(0);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const current = useRef<SaleView | null>(null);

  const accept = useCallback((next: SaleView) => {
    const changed = changedLineId(current.current, next);
    current.current = next;
    setSale(next);
    setSelectedLineId((selected) => {
      if (changed !== null) return changed;
      return next.lines.some((line) => line.lineId === selected) ? selected : null;
    });
  }, []);

  const load = useCallback(async () => {
    try {
      accept(await api.sale());
      setLoadError(null);
    } catch (error) {
      setLoadError(error);
      reportError(error);
    }
  }, [accept, api, reportError]);

  useEffect(() => {
    // The state is set when the register answers, after the await, not during the effect itself.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  /** Runs one step against the register after the ones before it; true when it succeeded. */
  const run = useCallback(
    (step: () => Promise<SaleView>, options: SaleStep = {}): Promise<boolean> => {
      setPending((count) => count + 1);
      const result = queue.current.then(async () => {
        try {
          accept(await step());
          setNotice(options.info ? { tone: 'info', text: options.info } : null);
          return true;
        } catch (error) {
          reportError(error);
          if (!(options.onError?.(error) ?? false)) setNotice({ tone: 'error', error });
          return false;
        } finally {
          setPending((count) => count - 1);
        }
      });
      queue.current = result;
      return result;
    },
    [accept, reportError],
  );

  return {
    sale,
    loadError,
    reload: load,
    /** Replaces the sale with one the register answered elsewhere (payment, resume). */
    accept,
    run,
    busy: pending > 0,
    selectedLineId,
    select: setSelectedLineId,
    notice,
    setNotice,
  };
}

export type SaleController = ReturnType<typeof useSale>;

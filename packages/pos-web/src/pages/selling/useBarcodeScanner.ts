import { useEffect, useRef } from 'react';
import { keyBelongsToField, ScanBuffer } from '../../selling/scanner';

/**
 * Listens for a keyboard-wedge barcode scanner wherever the focus is (except in a text field,
 * which takes the keys itself) and calls `onScan` with each code. The Enter that ends a scan is
 * swallowed, so it cannot also press a focused button.
 */
export function useBarcodeScanner(enabled: boolean, onScan: (code: string) => void): void {
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  }, [onScan]);

  useEffect(() => {
    if (!enabled) return;
    const buffer = new ScanBuffer();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || keyBelongsToField(event.target)) {
        buffer.reset();
        return;
      }
      const step = buffer.key(event.key, event.timeStamp);
      if (step.kind === 'scan') {
        event.preventDefault();
        event.stopPropagation();
        latest.current(step.code);
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled]);
}

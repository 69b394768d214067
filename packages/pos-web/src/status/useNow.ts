import { useEffect, useState } from 'react';

/**
 * The time of day for what the status bar shows as "since …" or "… ago": read outside render
 * (rendering stays pure) and refreshed every `everyMs`, so an age moves on even when no new status
 * arrives (the register may be unreachable).
 */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

import { useEffect, useState } from 'react';

/**
 * The current time, renewed every `intervalMs` so "3 min sedan" stays true while a page is open.
 * The clock is read here, at the edge; pure code is given the time.
 */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

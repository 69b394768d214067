/** `kassa doctor`'s judgement of the difference between this PC's clock and the server's. */
import type { DoctorLine } from './doctor-line.js';

/** The clock may differ this much before signed requests are refused (the protocol's window). */
const CLOCK_LIMIT_MS = 5 * 60_000;
/** Above this a clock is worth fixing before it becomes a problem. */
const CLOCK_WARN_MS = 60_000;

/** Judges a clock difference (server minus local). Pure. */
export function judgeClock(offsetMs: number): DoctorLine {
  const seconds = Math.round(offsetMs / 1000);
  const direction = offsetMs > 0 ? 'efter' : 'före';
  const text = `datorns klocka går ${Math.abs(seconds)} s ${direction} serverns`;
  if (Math.abs(offsetMs) >= CLOCK_LIMIT_MS) {
    return {
      check: 'Klocka',
      ok: false,
      text: `${text} (högst 5 minuter tillåts)`,
      fix: 'Ställ datorns datum, tid och tidszon rätt (slå på "Ställ in tiden automatiskt").',
    };
  }
  if (Math.abs(offsetMs) >= CLOCK_WARN_MS) {
    return {
      check: 'Klocka',
      ok: true,
      text: `${text} – fungerar, men ställ gärna klockan (högst 5 minuter tillåts)`,
    };
  }
  return { check: 'Klocka', ok: true, text: `${text}` };
}

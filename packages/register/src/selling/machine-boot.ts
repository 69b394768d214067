/**
 * Which start of the PC this is (docs/adr/0019-one-fsync-per-sale.md): what a commit that did
 * not wait for its fsync survives. A killed process leaves its commits in the operating
 * system's cache, which reaches the disk; a power cut or a reset loses them, and the PC then
 * starts again. Two calls in the same start give the same text; a start after a power cut gives
 * another.
 *
 * Linux names each start (/proc/sys/kernel/random/boot_id). Elsewhere (Windows) the start is
 * the moment the PC started, the wall clock minus the uptime, to ten seconds: two starts are at
 * least a shutdown and a start apart (longer than that), and a wall clock set by more than a
 * few seconds meanwhile only makes a later start look new — the safe side (a number given up
 * that need not have been).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function machineBoot(
  clock: () => number = Date.now,
  uptimeSeconds: () => number = os.uptime,
): string {
  try {
    const id = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    if (id !== '') return `linux:${id}`;
  } catch {
    // not Linux (or no /proc): the start time below
  }
  const startedAt = Math.round((clock() - uptimeSeconds() * 1000) / 10_000) * 10;
  return `started:${startedAt}`;
}

import type { Terminal } from '@kassa/contracts';

/** A duration as people say it: whole minutes under 2 hours, hours under 2 days, else days. */
export type Age =
  | { unit: 'justNow' }
  | { unit: 'minutes'; count: number }
  | { unit: 'hours'; count: number }
  | { unit: 'days'; count: number };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago `iso` was at `now` (a time in the future counts as just now). */
export function ageSince(iso: string, now: Date): Age | null {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return null;
  const ms = now.getTime() - then;
  if (ms < MINUTE) return { unit: 'justNow' };
  if (ms < 2 * HOUR) return { unit: 'minutes', count: Math.floor(ms / MINUTE) };
  if (ms < 2 * DAY) return { unit: 'hours', count: Math.floor(ms / HOUR) };
  return { unit: 'days', count: Math.floor(ms / DAY) };
}

/** The register's backlog as the backoffice knows it from the last heartbeat. */
export interface Backlog {
  /** Entries not yet uploaded, or null before the register ever reported. */
  count: number | null;
  /** Age of the oldest of them. */
  oldest: Age | null;
}

export function backlogOf(terminal: Terminal, now: Date): Backlog {
  const count = terminal.unsyncedEntries;
  const oldestAt = terminal.sync.oldestUnsyncedAt;
  return {
    count,
    oldest: count !== null && count > 0 && oldestAt !== null ? ageSince(oldestAt, now) : null,
  };
}

/** The one thing to say first about a terminal's sync, worst first. */
export type SyncState =
  'inactive' | 'unbound' | 'problem' | 'silent' | 'controlUnitDown' | 'backlog' | 'waiting' | 'ok';

export function syncState(terminal: Terminal): SyncState {
  if (!terminal.active) return 'inactive';
  if (terminal.warnings.includes('sync-problem') || terminal.sync.problem !== null) {
    return 'problem';
  }
  if (terminal.warnings.includes('silent')) return 'silent';
  if (terminal.binding === null) return 'unbound';
  if (terminal.warnings.includes('control-unit-down')) return 'controlUnitDown';
  if ((terminal.unsyncedEntries ?? 0) > 0) return 'backlog';
  if (terminal.lastContactAt === null) return 'waiting';
  return 'ok';
}

export interface SyncOverview {
  /** Active terminals (inactive ones are not expected to report). */
  active: number;
  /** Active, bound, in contact, nothing flagged and nothing waiting. */
  ok: number;
  problems: number;
  silent: number;
  controlUnitDown: number;
  /** Terminals with entries not yet uploaded, and how many entries in all. */
  withBacklog: number;
  backlogEntries: number;
  /** Terminals signing with the built-in simulator: not for real sales. */
  simulated: number;
}

export function syncOverview(terminals: readonly Terminal[]): SyncOverview {
  const active = terminals.filter((terminal) => terminal.active);
  const count = (test: (terminal: Terminal) => boolean) => active.filter(test).length;
  return {
    active: active.length,
    ok: count((terminal) => syncState(terminal) === 'ok'),
    problems: count((terminal) => syncState(terminal) === 'problem'),
    silent: count((terminal) => terminal.warnings.includes('silent')),
    controlUnitDown: count((terminal) => terminal.warnings.includes('control-unit-down')),
    withBacklog: count((terminal) => (terminal.unsyncedEntries ?? 0) > 0),
    backlogEntries: active.reduce((sum, terminal) => sum + (terminal.unsyncedEntries ?? 0), 0),
    simulated: count((terminal) => terminal.warnings.includes('control-unit-simulated')),
  };
}

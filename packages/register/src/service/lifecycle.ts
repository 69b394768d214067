/**
 * Where the register's local service stands (local-service.ts), as one value, and the only moves
 * between those places. Pure: the service does the I/O (loading register.json, restoring and
 * opening the journal, syncing) and hands each outcome to a transition here, which answers with
 * the next lifecycle or refuses the move (a stale outcome: the service moved on meanwhile).
 *
 * The phases:
 * - not-connected: no register.json (or a damaged one: its problem is shown).
 * - opening: connected; the journal is being restored, checked against its anchors and opened.
 * - restore-pending: the empty journal still waits for the server's copy; tried again with every
 *   sync (sync/journal-restore.ts). No selling before it.
 * - refused: the journal does not match its anchors (docs/adr/0011-journal-anchors.md) or could
 *   not be opened (damaged, of a newer program). Not retried until the service is restarted.
 * - selling: the journal is open (the selling runtime).
 * - damaged: the background verification of the chain found a broken entry (chain-watch.ts);
 *   the runtime stays open for status, but nothing sells.
 * - stopped: the service closed.
 *
 * Whatever the journal's phase, a connected register carries the server's last word (state.json:
 * the binding removed, the terminal deactivated) and the cashier signed in at the till.
 * `sellingOf` and `problemOf` read a lifecycle into the answers of the local API.
 *
 * `R` is the selling runtime (selling/runtime.ts); it is a parameter so this module imports none
 * of the selling program and its tests need no journal.
 */
import type { LocalSignedIn, LocalStatus } from '@kassa/contracts';
import { failure as makeFailure, type Failure } from '../failure.js';
import type { Installation } from '../connect/installation.js';
import type { RegisterState } from '../folder/state.js';

/** What a connected register knows whatever its journal's phase. */
export interface Connection {
  readonly installation: Installation;
  /** The server's last word on this binding (state.json). */
  readonly server: RegisterState;
  /** The cashier signed in at this till. */
  readonly cashier: LocalSignedIn | null;
}

export type Lifecycle<R> =
  | { readonly phase: 'not-connected'; readonly problem: Failure | null }
  | (Connection & { readonly phase: 'opening' })
  | (Connection & { readonly phase: 'restore-pending'; readonly problem: Failure })
  | (Connection & { readonly phase: 'refused'; readonly problem: Failure })
  | (Connection & { readonly phase: 'selling'; readonly runtime: R })
  | (Connection & { readonly phase: 'damaged'; readonly runtime: R; readonly problem: Failure })
  | { readonly phase: 'stopped'; readonly last: Connection | null };

/** The service's one lifecycle: read it, or apply a step (false: refused, nothing changed). */
export interface LifecycleCell<R> {
  get(): Lifecycle<R>;
  apply(step: Step<R>): boolean;
}

/** A transition's answer: the next lifecycle, or why the move was refused (nothing changes). */
export type Step<R> =
  | { readonly ok: true; readonly next: Lifecycle<R> }
  | { readonly ok: false; readonly refused: string };

/** The lifecycle of a service before register.json was read. */
export function initialLifecycle<R>(): Lifecycle<R> {
  return { phase: 'not-connected', problem: null };
}

function refused<R>(from: Lifecycle<R>, move: string): Step<R> {
  return { ok: false, refused: `${move} refused in phase ${from.phase}` };
}

function moved<R>(next: Lifecycle<R>): Step<R> {
  return { ok: true, next };
}

/** The connection of a lifecycle (of the last one before stopping); null when not connected. */
export function connectionOf<R>(lifecycle: Lifecycle<R>): Connection | null {
  switch (lifecycle.phase) {
    case 'not-connected':
      return null;
    case 'stopped':
      return lifecycle.last;
    default: {
      const { installation, server, cashier } = lifecycle;
      return { installation, server, cashier };
    }
  }
}

/** The open selling runtime, if any. */
export function runtimeOf<R>(lifecycle: Lifecycle<R>): R | null {
  return lifecycle.phase === 'selling' || lifecycle.phase === 'damaged' ? lifecycle.runtime : null;
}

/** What reading the data folder found: register.json and state.json, or why there is none. */
export type Loaded =
  | { readonly installation: null; readonly problem: Failure | null }
  | { readonly installation: Installation; readonly server: RegisterState };

/**
 * register.json was read (at start, and after connecting). The open runtime is kept when it is
 * of the same binding; otherwise it is dropped (`dropped`: for the service to close) and a new
 * one is opened for a connected register. Either way no cashier is signed in.
 */
export function loaded<R>(
  lifecycle: Lifecycle<R>,
  found: Loaded,
): { readonly step: Step<R>; readonly dropped: R | null } {
  if (lifecycle.phase === 'stopped') return { step: refused(lifecycle, 'loaded'), dropped: null };
  const open = runtimeOf(lifecycle);
  if (found.installation === null) {
    return { step: moved({ phase: 'not-connected', problem: found.problem }), dropped: open };
  }
  const connection: Connection = {
    installation: found.installation,
    server: found.server,
    cashier: null,
  };
  if (
    (lifecycle.phase === 'selling' || lifecycle.phase === 'damaged') &&
    lifecycle.installation.register.bindingId === found.installation.register.bindingId
  ) {
    return { step: moved({ ...lifecycle, ...connection }), dropped: null };
  }
  return { step: moved({ phase: 'opening', ...connection }), dropped: open };
}

/** A sync tries the server's copy of the journal again (restore-pending → opening). */
export function reopening<R>(lifecycle: Lifecycle<R>): Step<R> {
  if (lifecycle.phase !== 'restore-pending') return refused(lifecycle, 'reopening');
  const { installation, server, cashier } = lifecycle;
  return moved({ phase: 'opening', installation, server, cashier });
}

/** The server's copy of the journal could not be fetched: no selling until it is. */
export function restoreFailed<R>(lifecycle: Lifecycle<R>, problem: Failure): Step<R> {
  if (lifecycle.phase !== 'opening') return refused(lifecycle, 'restore-failed');
  return moved({ ...lifecycle, phase: 'restore-pending', problem });
}

/** The journal does not match its anchors, or could not be opened. */
export function journalRefused<R>(lifecycle: Lifecycle<R>, problem: Failure): Step<R> {
  if (lifecycle.phase !== 'opening') return refused(lifecycle, 'journal-refused');
  return moved({ ...lifecycle, phase: 'refused', problem });
}

/** The journal is open and its start journaled. */
export function opened<R>(lifecycle: Lifecycle<R>, runtime: R): Step<R> {
  if (lifecycle.phase !== 'opening') return refused(lifecycle, 'opened');
  return moved({ ...lifecycle, phase: 'selling', runtime });
}

/** The background verification of `runtime`'s chain found a broken entry. */
export function damageFound<R>(lifecycle: Lifecycle<R>, runtime: R, problem: Failure): Step<R> {
  if (lifecycle.phase !== 'selling') return refused(lifecycle, 'damage-found');
  if (lifecycle.runtime !== runtime) return refused(lifecycle, 'damage-found of another runtime');
  return moved({ ...lifecycle, phase: 'damaged', problem });
}

/** The server answered a sync: its word is kept; a removed binding signs the cashier out. */
export function serverAnswered<R>(lifecycle: Lifecycle<R>, server: RegisterState): Step<R> {
  if (lifecycle.phase === 'not-connected' || lifecycle.phase === 'stopped') {
    return refused(lifecycle, 'server-answered');
  }
  return moved({
    ...lifecycle,
    server,
    cashier: server.binding === 'removed' ? null : lifecycle.cashier,
  });
}

/** A cashier signed in (the PIN was checked by the caller). */
export function signedIn<R>(lifecycle: Lifecycle<R>, cashier: LocalSignedIn): Step<R> {
  if (lifecycle.phase === 'not-connected' || lifecycle.phase === 'stopped') {
    return refused(lifecycle, 'signed-in');
  }
  if (lifecycle.server.binding === 'removed') return refused(lifecycle, 'signed-in (removed)');
  return moved({ ...lifecycle, cashier });
}

/** The cashier signed out; nothing changes when nobody was signed in. */
export function signedOut<R>(lifecycle: Lifecycle<R>): Step<R> {
  if (lifecycle.phase === 'not-connected' || lifecycle.phase === 'stopped') {
    return moved(lifecycle);
  }
  return moved({ ...lifecycle, cashier: null });
}

/** The service closes; its runtime (`dropped`) is the service's to close. */
export function stopped<R>(lifecycle: Lifecycle<R>): {
  readonly step: Step<R>;
  readonly dropped: R | null;
} {
  if (lifecycle.phase === 'stopped') return { step: refused(lifecycle, 'stopped'), dropped: null };
  return {
    step: moved({ phase: 'stopped', last: connectionOf(lifecycle) }),
    dropped: runtimeOf(lifecycle),
  };
}

/**
 * The runtime a selling request runs on, or why the register cannot sell now, with the local
 * API's status. `stopper` is the upload's problem that stops selling (sync/anchors.ts: the
 * server's copy is ahead of this journal or differs from it, so selling on would repeat receipt
 * numbers or continue a changed journal).
 */
export function sellingOf<R>(
  lifecycle: Lifecycle<R>,
  stopper: { readonly code: string; readonly sv: string; readonly en: string } | null,
): R | Failure {
  const connection = connectionOf(lifecycle);
  if (connection === null) return { ...makeFailure('not-connected'), status: 409 };
  const { server } = connection;
  if (server.binding === 'removed') {
    return server.problem
      ? { ...server.problem, status: 403 }
      : { ...makeFailure('binding-removed'), status: 403 };
  }
  if (server.problem?.code === 'terminal-deactivated') return { ...server.problem, status: 409 };
  switch (lifecycle.phase) {
    case 'restore-pending':
    case 'refused':
    case 'damaged':
      return lifecycle.problem;
    case 'selling':
      return stopper === null ? lifecycle.runtime : { ...stopper, status: 409 };
    default:
      return { ...makeFailure('register-not-ready', { reason: '' }), status: 503 };
  }
}

type StatusProblem = NonNullable<LocalStatus['problem']>;

function shown(problem: Failure): StatusProblem {
  return { code: problem.code, sv: problem.sv, en: problem.en };
}

/**
 * The problem /local/status shows for a connected register, the first of: the server's word,
 * the upload's stopper, a journal refused by its anchors, a damaged chain, the clock (`clock`
 * of the open runtime: engine.checkClock), the journal still waiting for the server's copy.
 */
export function problemOf<R>(
  lifecycle: Lifecycle<R>,
  stopper: StatusProblem | null,
  clock: (runtime: R) => StatusProblem | null,
): StatusProblem | null {
  const connection = connectionOf(lifecycle);
  if (connection?.server.problem) return connection.server.problem;
  if (stopper !== null) return stopper;
  switch (lifecycle.phase) {
    case 'refused':
      return lifecycle.problem.code === 'journal-anchor-mismatch' ? shown(lifecycle.problem) : null;
    case 'damaged':
      return shown(lifecycle.problem);
    case 'selling':
      return clock(lifecycle.runtime);
    case 'restore-pending':
      return shown(lifecycle.problem);
    default:
      return null;
  }
}

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { failure } from '../failure.js';
import type { Installation } from '../connect/installation.js';
import { initialState, type RegisterState } from '../folder/state.js';
import {
  connectionOf,
  damageFound,
  initialLifecycle,
  journalRefused,
  loaded,
  opened,
  problemOf,
  reopening,
  restoreFailed,
  runtimeOf,
  sellingOf,
  serverAnswered,
  signedIn,
  signedOut,
  stopped,
  type Lifecycle,
  type Step,
} from './lifecycle.js';

/** A stand-in for the selling runtime: the lifecycle only holds it. */
interface FakeRuntime {
  readonly name: string;
}

const { privateKey } = generateKeyPairSync('ed25519');

function installationOf(bindingId: string): Installation {
  return {
    folder: '/tmp/kassa',
    register: {
      formatVersion: 1,
      url: 'https://kafe.kassa.test',
      environment: { slug: 'kafe', companyName: 'Kaféet AB' },
      terminal: { id: 't1', name: 'Kassa 1', registerId: 'K1', serialNumber: 'S1' },
      bindingId,
      fingerprint: 'f',
      pcName: 'PC',
      connectedAt: '2026-12-08T00:00:00.000Z',
    },
    identity: { url: 'https://kafe.kassa.test', bindingId, privateKey },
  };
}

const anna = { username: 'anna', displayName: 'Anna', role: 'cashier' as const };
const bertil = { username: 'bertil', displayName: 'Bertil', role: 'manager' as const };

function next<R>(step: Step<R>): Lifecycle<R> {
  if (!step.ok) throw new Error(step.refused);
  return step.next;
}

function connected(bindingId = 'b1'): Lifecycle<FakeRuntime> {
  const { step } = loaded<FakeRuntime>(initialLifecycle(), {
    installation: installationOf(bindingId),
    server: initialState(bindingId),
  });
  return next(step);
}

function selling(runtime: FakeRuntime = { name: 'r1' }, bindingId = 'b1') {
  return next(opened(connected(bindingId), runtime));
}

const removed: RegisterState = {
  ...initialState('b1'),
  binding: 'removed',
  problem: { code: 'binding-removed', sv: 'Borttagen', en: 'Removed' },
};
const deactivated: RegisterState = {
  ...initialState('b1'),
  binding: 'ok',
  problem: { code: 'terminal-deactivated', sv: 'Avaktiverad', en: 'Deactivated' },
};
const restoreProblem = { ...failure('journal-restore-required', { cause: 'x' }), status: 503 };
const anchorProblem = { ...failure('journal-anchor-mismatch', { seq: 3 }), status: 409 };
const damage = { ...failure('journal-damaged', { detail: 'entry 4' }), status: 500 };

describe('register lifecycle: transitions', () => {
  it('starts not connected, and reading no register.json keeps it so, with its problem', () => {
    const start = initialLifecycle<FakeRuntime>();
    expect(start).toEqual({ phase: 'not-connected', problem: null });
    const problem = failure('data-folder-damaged', { file: 'register.json' });
    const { step, dropped } = loaded(start, { installation: null, problem });
    expect(next(step)).toEqual({ phase: 'not-connected', problem });
    expect(dropped).toBeNull();
  });

  it('a connected register opens its journal: opening → selling', () => {
    const opening = connected();
    expect(opening.phase).toBe('opening');
    expect(connectionOf(opening)?.installation.register.bindingId).toBe('b1');
    const runtime = { name: 'r1' };
    const open = next(opened(opening, runtime));
    expect(open.phase).toBe('selling');
    expect(runtimeOf(open)).toBe(runtime);
  });

  it('without the server copy of the journal: opening → restore-pending → opening again', () => {
    const pending = next(restoreFailed(connected(), restoreProblem));
    expect(pending).toMatchObject({ phase: 'restore-pending', problem: restoreProblem });
    expect(runtimeOf(pending)).toBeNull();
    expect(next(reopening(pending)).phase).toBe('opening');
  });

  it('a journal refused by its anchors or its file: opening → refused', () => {
    const refused = next(journalRefused(connected(), anchorProblem));
    expect(refused).toMatchObject({ phase: 'refused', problem: anchorProblem });
  });

  it('a broken chain of the open runtime: selling → damaged, the runtime kept for status', () => {
    const runtime = { name: 'r1' };
    const damaged = next(damageFound(selling(runtime), runtime, damage));
    expect(damaged).toMatchObject({ phase: 'damaged', problem: damage });
    expect(runtimeOf(damaged)).toBe(runtime);
  });

  it('reading register.json of the same binding keeps the open runtime and its phase', () => {
    const runtime = { name: 'r1' };
    const damaged = next(damageFound(selling(runtime), runtime, damage));
    const again = loaded(damaged, { installation: installationOf('b1'), server: removed });
    expect(again.dropped).toBeNull();
    expect(next(again.step)).toMatchObject({ phase: 'damaged', runtime, server: removed });
  });

  it('another binding drops the open runtime and opens again; no register.json drops it too', () => {
    const runtime = { name: 'r1' };
    const other = loaded(selling(runtime), {
      installation: installationOf('b2'),
      server: initialState('b2'),
    });
    expect(other.dropped).toBe(runtime);
    expect(next(other.step).phase).toBe('opening');
    const gone = loaded(selling(runtime), { installation: null, problem: null });
    expect(gone.dropped).toBe(runtime);
    expect(next(gone.step).phase).toBe('not-connected');
  });

  it('reading register.json again signs the cashier out', () => {
    const withCashier = next(signedIn(selling(), anna));
    const { step } = loaded(withCashier, {
      installation: installationOf('b1'),
      server: initialState('b1'),
    });
    expect(connectionOf(next(step))?.cashier).toBeNull();
  });

  it('signs cashiers in and out in every connected phase', () => {
    for (const at of [connected(), selling(), next(restoreFailed(connected(), restoreProblem))]) {
      const inside = next(signedIn(at, anna));
      expect(inside.phase).toBe(at.phase);
      expect(connectionOf(inside)?.cashier).toEqual(anna);
      expect(connectionOf(next(signedIn(inside, bertil)))?.cashier).toEqual(bertil);
      expect(connectionOf(next(signedOut(inside)))?.cashier).toBeNull();
    }
  });

  it("keeps the server's answer; a removed binding signs the cashier out", () => {
    const withCashier = next(signedIn(selling(), anna));
    const answered = next(serverAnswered(withCashier, deactivated));
    expect(connectionOf(answered)).toMatchObject({ server: deactivated, cashier: anna });
    const gone = next(serverAnswered(withCashier, removed));
    expect(gone.phase).toBe('selling');
    expect(connectionOf(gone)).toMatchObject({ server: removed, cashier: null });
  });

  it('stopping hands over the open runtime and keeps the last connection', () => {
    const runtime = { name: 'r1' };
    const { step, dropped } = stopped(next(signedIn(selling(runtime), anna)));
    expect(dropped).toBe(runtime);
    const end = next(step);
    expect(end.phase).toBe('stopped');
    expect(runtimeOf(end)).toBeNull();
    expect(connectionOf(end)?.cashier).toEqual(anna);
    expect(stopped(connected()).dropped).toBeNull();
  });
});

describe('register lifecycle: refused transitions', () => {
  const notConnected = initialLifecycle<FakeRuntime>();
  const end = next(stopped(selling()).step);

  function refusedIn(step: Step<FakeRuntime>): string {
    expect(step.ok).toBe(false);
    return step.ok ? '' : step.refused;
  }

  it('opening outcomes only in the opening phase (a stale outcome changes nothing)', () => {
    for (const at of [
      notConnected,
      selling(),
      next(journalRefused(connected(), anchorProblem)),
      end,
    ]) {
      expect(refusedIn(opened(at, { name: 'late' }))).toContain(`phase ${at.phase}`);
      refusedIn(restoreFailed(at, restoreProblem));
      refusedIn(journalRefused(at, anchorProblem));
    }
  });

  it('reopening only from restore-pending', () => {
    for (const at of [notConnected, connected(), selling(), end]) refusedIn(reopening(at));
  });

  it('damage only of the current runtime, once, while selling', () => {
    const runtime = { name: 'r1' };
    const open = selling(runtime);
    expect(refusedIn(damageFound(open, { name: 'replaced' }, damage))).toContain('another runtime');
    const damaged = next(damageFound(open, runtime, damage));
    refusedIn(damageFound(damaged, runtime, damage));
    refusedIn(damageFound(connected(), runtime, damage));
  });

  it('no server answer, sign-in or load once not connected or stopped', () => {
    refusedIn(serverAnswered(notConnected, initialState('b1')));
    refusedIn(serverAnswered(end, initialState('b1')));
    refusedIn(signedIn(notConnected, anna));
    refusedIn(signedIn(end, anna));
    refusedIn(loaded(end, { installation: null, problem: null }).step);
    refusedIn(stopped(end).step);
  });

  it('no sign-in on a removed binding; signing out without a cashier changes nothing', () => {
    refusedIn(signedIn(next(serverAnswered(selling(), removed)), anna));
    expect(next(signedOut(notConnected))).toBe(notConnected);
  });
});

describe('register lifecycle: the answers of the local API', () => {
  const stopper = { code: 'upload-server-ahead', sv: 'Före', en: 'Ahead' };

  it('sells only on an open runtime, with nothing stopping it', () => {
    const runtime = { name: 'r1' };
    expect(sellingOf(selling(runtime), null)).toBe(runtime);
    expect(sellingOf(selling(runtime), stopper)).toEqual({ ...stopper, status: 409 });
  });

  it('refuses in the order: not connected, binding removed, deactivated, the journal', () => {
    expect(sellingOf(initialLifecycle(), null)).toMatchObject({
      code: 'not-connected',
      status: 409,
    });
    const removedNoProblem = { ...removed, problem: null };
    expect(sellingOf(next(serverAnswered(selling(), removed)), null)).toEqual({
      ...removed.problem,
      status: 403,
    });
    expect(sellingOf(next(serverAnswered(connected(), removedNoProblem)), null)).toMatchObject({
      code: 'binding-removed',
      status: 403,
    });
    expect(sellingOf(next(serverAnswered(selling(), deactivated)), stopper)).toEqual({
      ...deactivated.problem,
      status: 409,
    });
    expect(sellingOf(connected(), null)).toMatchObject({
      code: 'register-not-ready',
      status: 503,
    });
    expect(sellingOf(next(restoreFailed(connected(), restoreProblem)), null)).toBe(restoreProblem);
    expect(sellingOf(next(journalRefused(connected(), anchorProblem)), null)).toBe(anchorProblem);
    const runtime = { name: 'r1' };
    expect(sellingOf(next(damageFound(selling(runtime), runtime, damage)), stopper)).toBe(damage);
    expect(sellingOf(next(stopped(selling()).step), null)).toMatchObject({
      code: 'register-not-ready',
    });
  });

  it("shows the first problem: the server's, the upload's, anchors, damage, clock, restore", () => {
    const clock = { code: 'clock-behind-journal', sv: 'Klockan', en: 'Clock' };
    const noClock = () => null;
    const runtime = { name: 'r1' };
    const open = selling(runtime);
    expect(problemOf(open, null, noClock)).toBeNull();
    expect(problemOf(open, null, (r) => (r === runtime ? clock : null))).toBe(clock);
    expect(problemOf(open, stopper, () => clock)).toBe(stopper);
    expect(problemOf(next(serverAnswered(open, deactivated)), stopper, noClock)).toEqual(
      deactivated.problem,
    );
    const anchors = next(journalRefused(connected(), anchorProblem));
    expect(problemOf(anchors, null, noClock)).toEqual({
      code: anchorProblem.code,
      sv: anchorProblem.sv,
      en: anchorProblem.en,
    });
    const unreadable = {
      ...failure('journal-schema-newer', { file: 'journal.sqlite' }),
      status: 500,
    };
    expect(problemOf(next(journalRefused(connected(), unreadable)), null, noClock)).toBeNull();
    const damaged = next(damageFound(open, runtime, damage));
    expect(problemOf(damaged, null, () => clock)).toMatchObject({ code: 'journal-damaged' });
    const pending = next(restoreFailed(connected(), restoreProblem));
    expect(problemOf(pending, null, noClock)).toMatchObject({ code: restoreProblem.code });
    expect(problemOf(connected(), null, () => clock)).toBeNull();
  });
});

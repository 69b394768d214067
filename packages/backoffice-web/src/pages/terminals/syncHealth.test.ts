import { describe, expect, it } from 'vitest';
import type { Terminal } from '@kassa/contracts';
import { ageSince, backlogOf, syncOverview, syncState } from './syncHealth';

const now = new Date('2026-11-25T12:00:00Z');

function terminal(change: Partial<Terminal> = {}): Terminal {
  return {
    id: 't1',
    name: 'Kassa 1',
    placeOfBusinessId: 'p1',
    placeOfBusinessName: 'Kaféet',
    registerId: 'K1',
    serialNumber: 'SN1',
    modelDesignation: 'Kassa SE',
    programVersion: '0.1.0',
    active: true,
    createdAt: '2026-11-01T08:00:00Z',
    binding: { pcName: 'PC', fingerprintShort: 'ab12', boundAt: '2026-11-01T08:00:00Z' },
    lastContactAt: '2026-11-25T11:59:00Z',
    unsyncedEntries: 0,
    registration: { controlUnitSerial: null, status: 'registered', registeredOn: '2026-11-01' },
    warnings: [],
    sync: {
      acknowledgedSeq: 10,
      acknowledgedHash: 'ab',
      lastUploadAt: '2026-11-25T11:59:00Z',
      oldestUnsyncedAt: null,
      controlUnit: null,
      problem: null,
    },
    movedToNewPc: null,
    skatteverket: {
      companyName: 'AB',
      organisationNumber: '556000-0000',
      addressOfUse: 'Gatan 1',
      registerId: 'K1',
      modelDesignation: 'Kassa SE',
      programVersion: '0.1.0',
      serialNumber: 'SN1',
      controlUnitSerial: null,
    },
    ...change,
  };
}

const problem = {
  code: 'journal-gap' as const,
  seq: 12,
  details: {},
  sv: 'Lucka',
  en: 'Gap',
  firstAt: '2026-11-25T10:00:00Z',
  lastAt: '2026-11-25T11:00:00Z',
  count: 3,
};

describe('ageSince', () => {
  it('says minutes, hours or days', () => {
    expect(ageSince('2026-11-25T11:59:30Z', now)).toEqual({ unit: 'justNow' });
    expect(ageSince('2026-11-25T13:00:00Z', now)).toEqual({ unit: 'justNow' });
    expect(ageSince('2026-11-25T11:15:00Z', now)).toEqual({ unit: 'minutes', count: 45 });
    expect(ageSince('2026-11-25T10:00:01Z', now)).toEqual({ unit: 'minutes', count: 119 });
    expect(ageSince('2026-11-25T10:00:00Z', now)).toEqual({ unit: 'hours', count: 2 });
    expect(ageSince('2026-11-23T12:00:01Z', now)).toEqual({ unit: 'hours', count: 47 });
    expect(ageSince('2026-11-20T12:00:00Z', now)).toEqual({ unit: 'days', count: 5 });
    expect(ageSince('not a time', now)).toBeNull();
  });
});

describe('backlogOf', () => {
  it('has an age only when entries wait', () => {
    expect(backlogOf(terminal(), now)).toEqual({ count: 0, oldest: null });
    expect(
      backlogOf(
        terminal({
          unsyncedEntries: 40,
          sync: { ...terminal().sync, oldestUnsyncedAt: '2026-11-25T09:00:00Z' },
        }),
        now,
      ),
    ).toEqual({ count: 40, oldest: { unit: 'hours', count: 3 } });
    expect(backlogOf(terminal({ unsyncedEntries: null }), now)).toEqual({
      count: null,
      oldest: null,
    });
  });
});

describe('syncState', () => {
  it('puts the worst first', () => {
    expect(syncState(terminal())).toBe('ok');
    expect(syncState(terminal({ lastContactAt: null }))).toBe('waiting');
    expect(syncState(terminal({ unsyncedEntries: 3 }))).toBe('backlog');
    expect(syncState(terminal({ warnings: ['control-unit-down'], unsyncedEntries: 3 }))).toBe(
      'controlUnitDown',
    );
    expect(syncState(terminal({ binding: null, lastContactAt: null }))).toBe('unbound');
    expect(syncState(terminal({ warnings: ['silent', 'control-unit-down'] }))).toBe('silent');
    expect(
      syncState(
        terminal({ warnings: ['sync-problem', 'silent'], sync: { ...terminal().sync, problem } }),
      ),
    ).toBe('problem');
    expect(syncState(terminal({ active: false, warnings: ['silent'] }))).toBe('inactive');
  });
});

describe('syncOverview', () => {
  it('counts active terminals only', () => {
    const overview = syncOverview([
      terminal(),
      terminal({ id: 't2', unsyncedEntries: 7, warnings: ['control-unit-simulated'] }),
      terminal({ id: 't3', unsyncedEntries: 5, warnings: ['silent'] }),
      terminal({ id: 't4', warnings: ['sync-problem'], sync: { ...terminal().sync, problem } }),
      terminal({ id: 't5', active: false, unsyncedEntries: 100, warnings: [] }),
    ]);
    expect(overview).toEqual({
      active: 4,
      ok: 1,
      problems: 1,
      silent: 1,
      controlUnitDown: 0,
      withBacklog: 2,
      backlogEntries: 12,
      simulated: 1,
    });
  });
});

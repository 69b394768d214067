import { describe, expect, it } from 'vitest';
import type { LocalStatus } from '@kassa/contracts';
import { describeConnection, onlineWindowMs } from './connection';

const now = Date.parse('2026-11-25T10:00:00Z');

function connected(lastContactAt: string | null | undefined): LocalStatus {
  return {
    connected: true,
    binding: 'ok',
    signedIn: null,
    ...(lastContactAt === undefined ? {} : { lastContactAt }),
  };
}

describe('describeConnection', () => {
  it('is online shortly after a contact and offline after the window', () => {
    const recent = new Date(now - 30_000).toISOString();
    const old = new Date(now - onlineWindowMs - 1).toISOString();
    expect(describeConnection(connected(recent), true, now)).toEqual({
      state: 'online',
      lastContactAt: recent,
    });
    expect(describeConnection(connected(old), true, now)).toEqual({
      state: 'offline',
      lastContactAt: old,
    });
  });

  it('tells "no contact yet" from "not connected"', () => {
    expect(describeConnection(connected(null), true, now).state).toBe('no-contact-yet');
    expect(describeConnection(connected(undefined), true, now).state).toBe('no-contact-yet');
    expect(describeConnection(connected('not a date'), true, now).state).toBe('no-contact-yet');
    const setup: LocalStatus = { connected: false, binding: 'unknown', signedIn: null };
    expect(describeConnection(setup, true, now).state).toBe('not-connected');
    expect(describeConnection(null, true, now).state).toBe('not-connected');
  });

  it('puts an unreachable register program first', () => {
    expect(describeConnection(connected(new Date(now).toISOString()), false, now).state).toBe(
      'service-down',
    );
  });
});

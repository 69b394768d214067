import { randomBytes, scryptSync } from 'node:crypto';
import type { CashiersFile } from '@kassa/contracts';
import { describe, expect, it } from 'vitest';
import { lookUpCashier, parseScryptHash, PinThrottle, verifyPin } from './cashiers.js';

/** A hash in the backoffice's format (low cost: only the format matters here). */
function hashPin(pin: string, N = 1024): string {
  const salt = randomBytes(16);
  const key = scryptSync(pin.normalize('NFC'), salt, 64, { N, r: 8, p: 1 });
  return `scrypt$${N}$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

describe('verifyPin', () => {
  it('accepts the right PIN and refuses a wrong one', async () => {
    const stored = hashPin('4711');
    expect(await verifyPin('4711', stored)).toBe(true);
    expect(await verifyPin('4712', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('verifies the backoffice cost (N=16384)', async () => {
    expect(await verifyPin('123456', hashPin('123456', 16_384))).toBe(true);
  });

  it('normalises to NFC', async () => {
    expect(await verifyPin('sa\u030a', hashPin('s\u00e5'))).toBe(true);
  });

  it('never matches a malformed or absurd hash', async () => {
    for (const stored of [
      '',
      'plain',
      'scrypt$1$2$3$x',
      'bcrypt$1024$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA',
      'scrypt$0$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA',
      'scrypt$1000$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA',
      `scrypt$${2 ** 30}$8$1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAA`,
      'scrypt$1024$8$1$$AAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(parseScryptHash(stored), stored).toBeNull();
      expect(await verifyPin('1234', stored)).toBe(false);
    }
  });
});

describe('lookUpCashier', () => {
  const file: CashiersFile = {
    formatVersion: 1,
    terminalId: 't',
    syncedAt: '2026-11-25T09:00:00Z',
    cashiers: [
      {
        id: 'a',
        username: 'anna',
        displayName: 'Anna',
        role: 'cashier',
        pinHash: hashPin('1234'),
        active: true,
      },
      { id: 'b', username: 'bo', displayName: 'Bo', role: 'cashier', pinHash: null, active: true },
    ],
    otherUsernames: ['cecilia'],
  };

  it('finds listed cashiers case-insensitively', () => {
    expect(lookUpCashier(file, ' ANNA ')).toMatchObject({ kind: 'listed', cashier: { id: 'a' } });
  });

  it('tells users not permitted here from unknown names', () => {
    expect(lookUpCashier(file, 'Cecilia')).toEqual({ kind: 'not-permitted' });
    expect(lookUpCashier(file, 'bo')).toEqual({ kind: 'not-permitted' });
    expect(lookUpCashier(file, 'david')).toEqual({ kind: 'unknown' });
  });
});

describe('PinThrottle', () => {
  it('locks a username after five wrong PINs, for a minute', () => {
    const throttle = new PinThrottle(5, 60_000);
    for (let i = 0; i < 4; i++) throttle.recordFailure('anna', 1000);
    expect(throttle.lockedFor('anna', 1000)).toBe(0);
    throttle.recordFailure('Anna', 1000);
    expect(throttle.lockedFor('anna', 1000)).toBe(60_000);
    expect(throttle.lockedFor('bo', 1000)).toBe(0);
    expect(throttle.lockedFor('anna', 61_000)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const throttle = new PinThrottle(2, 60_000);
    throttle.recordFailure('anna', 0);
    throttle.recordSuccess('anna');
    throttle.recordFailure('anna', 0);
    expect(throttle.lockedFor('anna', 0)).toBe(0);
  });
});

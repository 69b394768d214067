/**
 * Signing in to the backoffice: checks the password, throttles failures per account and per
 * address (kept in the database, so it holds across server processes), and opens a session.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { signInThrottle, users } from '../db/schema.js';
import { createSession, purgeExpiredSessions } from '../http/sessions.js';
import { DUMMY_HASH_PROMISE, verifyPassword } from '../security/password.js';

export interface SignInLimits {
  /** Failures of one account within the window before it is locked. */
  accountFailures: number;
  /** Failures from one address within the window before it is locked. */
  addressFailures: number;
  windowMs: number;
  lockoutMs: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  accountFailures: 5,
  addressFailures: 20,
  windowMs: 15 * 60 * 1000,
  lockoutMs: 15 * 60 * 1000,
};

export type SignInResult =
  | { ok: true; userId: string; token: string; csrfToken: string }
  | { ok: false; code: 'invalid-credentials' | 'account-deactivated' }
  | { ok: false; code: 'sign-in-locked'; retryAfterSeconds: number };

export interface SignInInput {
  tenantId: string;
  username: string;
  password: string;
  address: string | null;
  now: Date;
}

export type CredentialsResult =
  | { ok: true; userId: string; role: 'admin' | 'manager' | 'cashier'; username: string }
  | { ok: false; code: 'invalid-credentials' | 'account-deactivated' }
  | { ok: false; code: 'sign-in-locked'; retryAfterSeconds: number };

/**
 * Checks a username and password under the throttle (per account and per address); used by the
 * backoffice sign-in and by a register connecting with admin credentials.
 */
export async function checkCredentials(
  db: Db,
  input: SignInInput,
  limits: SignInLimits,
): Promise<CredentialsResult> {
  const { tenantId, now } = input;
  const username = input.username.trim().toLowerCase();
  const keys = [`account:${username}`, ...(input.address ? [`address:${input.address}`] : [])];

  const throttles = await db
    .select()
    .from(signInThrottle)
    .where(and(eq(signInThrottle.tenantId, tenantId), inArray(signInThrottle.key, keys)));
  const lockedUntil = Math.max(0, ...throttles.map((t) => t.lockedUntil?.getTime() ?? 0));
  if (lockedUntil > now.getTime()) {
    return {
      ok: false,
      code: 'sign-in-locked',
      retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000),
    };
  }

  const rows = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      role: users.role,
    })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.username, username)))
    .limit(1);
  const user = rows[0];
  // Verify against a dummy hash for unknown users, so timing does not reveal who exists.
  const matches = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await DUMMY_HASH_PROMISE),
  );

  if (!user || !matches) {
    const lockedNow = await recordFailure(db, tenantId, keys, now, limits);
    if (lockedNow) {
      return {
        ok: false,
        code: 'sign-in-locked',
        retryAfterSeconds: Math.ceil(limits.lockoutMs / 1000),
      };
    }
    return { ok: false, code: 'invalid-credentials' };
  }
  if (!user.active) return { ok: false, code: 'account-deactivated' };
  await db
    .delete(signInThrottle)
    .where(
      and(eq(signInThrottle.tenantId, tenantId), eq(signInThrottle.key, `account:${username}`)),
    );
  return { ok: true, userId: user.id, role: user.role, username };
}

/** Attempts a backoffice sign-in: checks the credentials and opens a session. */
export async function signIn(
  db: Db,
  input: SignInInput,
  limits: SignInLimits,
): Promise<SignInResult> {
  const checked = await checkCredentials(db, input, limits);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    await purgeExpiredSessions(tx, input.tenantId, input.now);
    const session = await createSession(
      tx,
      input.tenantId,
      checked.userId,
      input.now,
      input.address,
    );
    return { ok: true as const, userId: checked.userId, ...session };
  });
}

/** Counts a failure on each key; returns true when this failure locked one of them. */
async function recordFailure(
  db: Db,
  tenantId: string,
  keys: string[],
  now: Date,
  limits: SignInLimits,
): Promise<boolean> {
  let locked = false;
  for (const key of keys) {
    const limit = key.startsWith('account:') ? limits.accountFailures : limits.addressFailures;
    const windowStart = new Date(now.getTime() - limits.windowMs);
    // One atomic upsert: a window that has ended starts again at 1.
    const [row] = await db
      .insert(signInThrottle)
      .values({ tenantId, key, failures: 1, windowStartedAt: now, lockedUntil: null })
      .onConflictDoUpdate({
        target: [signInThrottle.tenantId, signInThrottle.key],
        set: {
          failures: sqlFailures(windowStart),
          windowStartedAt: sqlWindowStart(windowStart, now),
        },
      })
      .returning({ failures: signInThrottle.failures });
    if (row && row.failures >= limit) {
      await db
        .update(signInThrottle)
        .set({
          lockedUntil: new Date(now.getTime() + limits.lockoutMs),
          failures: 0,
          windowStartedAt: now,
        })
        .where(and(eq(signInThrottle.tenantId, tenantId), eq(signInThrottle.key, key)));
      locked = true;
    }
  }
  return locked;
}

function sqlFailures(windowStart: Date) {
  return sql`CASE WHEN ${signInThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz THEN 1 ELSE ${signInThrottle.failures} + 1 END`;
}

function sqlWindowStart(windowStart: Date, now: Date) {
  return sql`CASE WHEN ${signInThrottle.windowStartedAt} < ${windowStart.toISOString()}::timestamptz THEN ${now.toISOString()}::timestamptz ELSE ${signInThrottle.windowStartedAt} END`;
}

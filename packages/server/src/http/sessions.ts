/** Browser sessions, kept in the database so any server process can serve any request. */
import { and, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { sessions, users } from '../db/schema.js';
import { digestToken, newToken } from '../security/tokens.js';
import type { SignedIn } from './context.js';

export const SESSION_COOKIE = 'kassa_session';
/** A session ends after this long without use… */
const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** …and at the latest this long after sign-in. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_INTERVAL_MS = 60 * 1000;

function expiryOf(createdAt: Date, now: Date): Date {
  return new Date(
    Math.min(createdAt.getTime() + SESSION_ABSOLUTE_MS, now.getTime() + SESSION_IDLE_MS),
  );
}

/** Starts a session; returns the cookie token (only its digest is stored). */
export async function createSession(
  tx: Db | Tx,
  tenantId: string,
  userId: string,
  now: Date,
  address: string | null,
): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  await tx.insert(sessions).values({
    tenantId,
    id: digestToken(token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: expiryOf(now, now),
    address,
  });
  return { token, csrfToken };
}

/** The signed-in user of a cookie token in this environment, or null; slides the idle expiry. */
export async function loadSession(
  db: Db,
  tenantId: string,
  token: string,
  now: Date,
): Promise<SignedIn | null> {
  const id = digestToken(token);
  const rows = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)))
    .limit(1);
  const row = rows[0];
  if (!row || !row.active) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: expiryOf(row.createdAt, now) })
      .where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, id)));
  }
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    sessionId: row.sessionId,
    csrfToken: row.csrfToken,
  };
}

/** Ends one session. */
export async function deleteSession(
  db: Db | Tx,
  tenantId: string,
  sessionId: string,
): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.id, sessionId)));
}

/** Ends every session of a user (deactivation, password reset). */
export async function deleteUserSessions(
  db: Db | Tx,
  tenantId: string,
  userId: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.userId, userId)));
}

/** Removes expired sessions of an environment. */
export async function purgeExpiredSessions(
  db: Db | Tx,
  tenantId: string,
  now: Date,
): Promise<void> {
  await db
    .delete(sessions)
    .where(and(eq(sessions.tenantId, tenantId), lt(sessions.expiresAt, now)));
}

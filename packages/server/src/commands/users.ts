/** User administration: create, change, reset password. Every change is audit-logged. */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type CreateUserBody,
  type Role,
  type UpdateUserBody,
  type User,
} from '@kassa/contracts';
import { terminals, userTerminals, users } from '../db/schema.js';
import type { Db, Tx } from '../db/database.js';
import type { CommandContext } from '../http/context.js';
import { deleteUserSessions } from '../http/sessions.js';
import { hashPassword } from '../security/password.js';
import { audit } from './audit.js';
import { bumpConfigVersion } from './config-version.js';
import { isUuid } from '../ids.js';
import type { Failure } from '@kassa/core';

/** Checks the length rules of a new password. */
export function checkPassword(
  password: string,
): Failure<'password-too-short' | 'password-too-long'> | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, code: 'password-too-short' };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, code: 'password-too-long' };
  return null;
}

type UserRow = typeof users.$inferSelect;

/** The API's view of a user (never a hash). */
export function presentUser(row: UserRow, terminalIds: string[]): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    hasPin: row.pinHash !== null,
    terminalIds,
  };
}

/** The terminals each user of the environment may sign in at (optionally one user only). */
export async function terminalIdsByUser(
  db: Db | Tx,
  tenantId: string,
  userId?: string,
): Promise<Map<string, string[]>> {
  const rows = await db
    .select({ userId: userTerminals.userId, terminalId: userTerminals.terminalId })
    .from(userTerminals)
    .where(
      userId === undefined
        ? eq(userTerminals.tenantId, tenantId)
        : and(eq(userTerminals.tenantId, tenantId), eq(userTerminals.userId, userId)),
    )
    .orderBy(userTerminals.terminalId);
  const byUser = new Map<string, string[]>();
  for (const row of rows)
    byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.terminalId]);
  return byUser;
}

/** Presents one user with their terminals. */
export async function presentUserWithTerminals(ctx: CommandContext, row: UserRow): Promise<User> {
  const byUser = await terminalIdsByUser(ctx.tx, ctx.tenantId, row.id);
  return presentUser(row, byUser.get(row.id) ?? []);
}

/** A user of this environment by id, or null (also for ids that are not UUIDs). */
export async function findUser(ctx: CommandContext, userId: string): Promise<UserRow | null> {
  if (!isUuid(userId)) return null;
  const rows = await ctx.tx
    .select()
    .from(users)
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export type CreateUserResult =
  { ok: true; user: User } | Failure<'username-taken' | 'password-too-short' | 'password-too-long'>;

/** Creates a user. */
export async function createUser(
  ctx: CommandContext,
  input: CreateUserBody,
): Promise<CreateUserResult> {
  const bad = checkPassword(input.password);
  if (bad) return bad;
  const taken = await ctx.tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.username, input.username)))
    .limit(1);
  if (taken.length > 0) return { ok: false, code: 'username-taken' };
  const [row] = await ctx.tx
    .insert(users)
    .values({
      tenantId: ctx.tenantId,
      id: randomUUID(),
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      active: true,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!row) throw new Error('insert returned no row');
  await bumpConfigVersion(ctx);
  await audit(ctx, {
    action: 'user.created',
    targetType: 'user',
    targetId: row.id,
    details: { username: row.username, role: row.role },
  });
  return { ok: true, user: presentUser(row, []) };
}

export type UpdateUserResult =
  { ok: true; user: User } | Failure<'user-not-found' | 'cannot-change-own-account' | 'last-admin'>;

async function countOtherActiveAdmins(ctx: CommandContext, exceptUserId: string): Promise<number> {
  const [row] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.tenantId, ctx.tenantId),
        eq(users.role, 'admin'),
        eq(users.active, true),
        ne(users.id, exceptUserId),
      ),
    );
  return row?.n ?? 0;
}

/** Changes a user's name, role or active flag. */
export async function updateUser(
  ctx: CommandContext,
  userId: string,
  change: UpdateUserBody,
): Promise<UpdateUserResult> {
  const existing = await findUser(ctx, userId);
  if (!existing) return { ok: false, code: 'user-not-found' };
  const losesAdmin =
    existing.role === 'admin' &&
    existing.active &&
    ((change.role !== undefined && change.role !== 'admin') || change.active === false);
  if (losesAdmin && userId === ctx.actor.userId)
    return { ok: false, code: 'cannot-change-own-account' };
  if (losesAdmin && (await countOtherActiveAdmins(ctx, userId)) === 0) {
    return { ok: false, code: 'last-admin' };
  }
  if (change.active === false && userId === ctx.actor.userId) {
    return { ok: false, code: 'cannot-change-own-account' };
  }
  const set: Partial<{ displayName: string; role: Role; active: boolean; updatedAt: Date }> = {
    updatedAt: ctx.now,
  };
  if (change.displayName !== undefined) set.displayName = change.displayName;
  if (change.role !== undefined) set.role = change.role;
  if (change.active !== undefined) set.active = change.active;
  const [row] = await ctx.tx
    .update(users)
    .set(set)
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, userId)))
    .returning();
  if (!row) return { ok: false, code: 'user-not-found' };
  await bumpConfigVersion(ctx);
  if (change.active === false || (change.role !== undefined && change.role !== existing.role)) {
    await deleteUserSessions(ctx.tx, ctx.tenantId, userId);
  }
  const changes: Record<string, unknown> = {};
  for (const key of ['displayName', 'role', 'active'] as const) {
    if (change[key] !== undefined && change[key] !== existing[key]) {
      changes[key] = { from: existing[key], to: change[key] };
    }
  }
  await audit(ctx, {
    action: 'user.updated',
    targetType: 'user',
    targetId: userId,
    details: { username: row.username, changes },
  });
  return { ok: true, user: await presentUserWithTerminals(ctx, row) };
}

export type ResetPasswordResult =
  { ok: true } | Failure<'user-not-found' | 'password-too-short' | 'password-too-long'>;

/** Sets a new password and ends the user's sessions. */
export async function resetPassword(
  ctx: CommandContext,
  userId: string,
  password: string,
): Promise<ResetPasswordResult> {
  const existing = await findUser(ctx, userId);
  if (!existing) return { ok: false, code: 'user-not-found' };
  const bad = checkPassword(password);
  if (bad) return bad;
  await ctx.tx
    .update(users)
    .set({ passwordHash: await hashPassword(password), updatedAt: ctx.now })
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, userId)));
  await deleteUserSessions(ctx.tx, ctx.tenantId, userId);
  await audit(ctx, {
    action: 'user.password-reset',
    targetType: 'user',
    targetId: userId,
    details: { username: existing.username },
  });
  return { ok: true };
}

const PIN = /^\d{4,8}$/;

/** Sets a cashier's register PIN (stored as a scrypt hash). */
export async function setPin(
  ctx: CommandContext,
  userId: string,
  pin: string,
): Promise<{ ok: true } | Failure<'user-not-found' | 'invalid-pin'>> {
  const existing = await findUser(ctx, userId);
  if (!existing) return { ok: false, code: 'user-not-found' };
  if (!PIN.test(pin)) return { ok: false, code: 'invalid-pin' };
  await ctx.tx
    .update(users)
    .set({ pinHash: await hashPassword(pin), updatedAt: ctx.now })
    .where(and(eq(users.tenantId, ctx.tenantId), eq(users.id, userId)));
  await bumpConfigVersion(ctx);
  await audit(ctx, {
    action: 'user.pin-set',
    targetType: 'user',
    targetId: userId,
    details: { username: existing.username },
  });
  return { ok: true };
}

/** Replaces the set of terminals a user may sign in at. */
export async function setUserTerminals(
  ctx: CommandContext,
  userId: string,
  terminalIds: string[],
): Promise<{ ok: true; user: User } | Failure<'user-not-found' | 'terminal-not-found'>> {
  const existing = await findUser(ctx, userId);
  if (!existing) return { ok: false, code: 'user-not-found' };
  const wanted = [...new Set(terminalIds)];
  if (wanted.some((id) => !isUuid(id))) return { ok: false, code: 'terminal-not-found' };
  if (wanted.length > 0) {
    const found = await ctx.tx
      .select({ id: terminals.id })
      .from(terminals)
      .where(and(eq(terminals.tenantId, ctx.tenantId), inArray(terminals.id, wanted)));
    if (found.length !== wanted.length) return { ok: false, code: 'terminal-not-found' };
  }
  const before = (await terminalIdsByUser(ctx.tx, ctx.tenantId, userId)).get(userId) ?? [];
  await ctx.tx
    .delete(userTerminals)
    .where(and(eq(userTerminals.tenantId, ctx.tenantId), eq(userTerminals.userId, userId)));
  if (wanted.length > 0) {
    await ctx.tx
      .insert(userTerminals)
      .values(wanted.map((terminalId) => ({ tenantId: ctx.tenantId, userId, terminalId })));
  }
  await bumpConfigVersion(ctx);
  await audit(ctx, {
    action: 'user.terminals-set',
    targetType: 'user',
    targetId: userId,
    details: { username: existing.username, from: before, to: wanted },
  });
  return { ok: true, user: await presentUserWithTerminals(ctx, existing) };
}

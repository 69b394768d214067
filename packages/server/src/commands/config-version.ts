/**
 * The environment's configuration version: what the registers copy — products
 * and prices, users and their PINs and terminals, terminals, company details — flows down through
 * a cursor built from it (GET /api/register/config). Every command that changes one of those
 * calls `bumpConfigVersion` in its own transaction, so a register that sees an unchanged version
 * has every change committed before it.
 *
 * The bump is an UPDATE of the environment's row: it takes that row's lock until the transaction
 * ends, so versions are handed out in commit order (a second writer waits and reads the first
 * one's committed value). Readers read the version BEFORE the snapshot: the snapshot is then at
 * least as new as its cursor, and a change committed in between only causes one more refresh.
 */
import { eq, sql } from 'drizzle-orm';
import { CONFIG_CURSOR_PATTERN } from '@kassa/contracts';
import { isValidBusinessDay } from '@kassa/core';
import type { Db, Tx } from '../db/database.js';
import { tenants } from '../db/schema.js';

/**
 * Marks the environment's configuration as changed, in the caller's transaction; returns the new
 * version (a changed product is stamped with it, for the registers' delta).
 */
export async function bumpConfigVersion(ctx: { tx: Db | Tx; tenantId: string }): Promise<number> {
  const [row] = await ctx.tx
    .update(tenants)
    .set({ configVersion: sql`${tenants.configVersion} + 1` })
    .where(eq(tenants.id, ctx.tenantId))
    .returning({ version: tenants.configVersion });
  if (!row) throw new Error('environment vanished');
  return row.version;
}

/** A register cursor's version and business day, when it is one (see `judgeCursor`). */
export function parseCursor(cursor: string | undefined): { version: number; day: string } | null {
  const match = CONFIG_CURSOR_PATTERN.exec(cursor ?? '');
  if (!match) return null;
  const version = Number(match[1]);
  const day = match[2] ?? '';
  return Number.isSafeInteger(version) && isValidBusinessDay(day) ? { version, day } : null;
}

/** The environment's current configuration version. */
export async function readConfigVersion(db: Db | Tx, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ version: tenants.configVersion })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!row) throw new Error('environment vanished');
  return row.version;
}

/** The cursor of a version on a business day. */
export function configCursor(version: number, businessDay: string): string {
  return `${version}.${businessDay}`;
}

/**
 * What a register's cursor says against the current version and business day: `current` (send
 * nothing), `behind` (an older version or day this server issued: send a snapshot), or `unknown`
 * (absent from this server's history — malformed, or a version or day ahead of it: send a
 * snapshot marked as a reset). No cursor at all is a first sync: `behind`.
 */
export function judgeCursor(
  cursor: string | undefined,
  version: number,
  businessDay: string,
): 'current' | 'behind' | 'unknown' {
  if (cursor === undefined || cursor === '') return 'behind';
  const match = CONFIG_CURSOR_PATTERN.exec(cursor);
  if (!match) return 'unknown';
  const theirs = Number(match[1]);
  const day = match[2] ?? '';
  if (!Number.isSafeInteger(theirs) || !isValidBusinessDay(day)) return 'unknown';
  if (theirs > version || day > businessDay) return 'unknown';
  if (theirs === version && day === businessDay) return 'current';
  return 'behind';
}

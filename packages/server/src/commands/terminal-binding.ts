/**
 * Binding a terminal to one PC (its hardware fingerprint and device key), pairing codes from the
 * installer download, and releasing a binding ("Ta bort koppling mot hårdvara").
 * A binding is never deleted: releasing sets `removed_at`, which revokes the device key at once.
 */
import { createPublicKey, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/database.js';
import { pairingCodes, terminalBindings, terminals, users } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { digestToken } from '../security/tokens.js';
import { audit } from './audit.js';
import { lockTerminal, readLicence } from './terminals.js';
import { isUuid } from '../ids.js';
import type { Failure } from '@kassa/core';

/** A pairing code is valid this long after the download. */
const PAIRING_CODE_TTL_MS = 24 * 60 * 60 * 1000;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A new pairing code: 12 characters (60 bits) in groups of four, e.g. "K7QF-M2XP-9TNA". */
function newPairingCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (let i = 0; i < 12; i++) {
    out += CODE_ALPHABET[(bytes[i] ?? 0) % 32];
    if (i === 3 || i === 7) out += '-';
  }
  return out;
}

/** Upper-cases a typed code and drops spaces and dashes, so "k7qf m2xp 9tna" matches. */
function normalisePairingCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Whether a base64 SPKI DER string is an Ed25519 public key. */
export function isEd25519PublicKey(base64: string): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return key.asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

/** Creates a new pairing code for a terminal; older unused codes stop working. */
export async function createPairingCode(
  ctx: CommandContext,
  terminalId: string,
): Promise<{ ok: true; code: string; expiresAt: Date } | Failure<'terminal-not-found'>> {
  if (!isUuid(terminalId)) return { ok: false, code: 'terminal-not-found' };
  const [terminal] = await ctx.tx
    .select()
    .from(terminals)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
  if (!terminal) return { ok: false, code: 'terminal-not-found' };
  await ctx.tx
    .update(pairingCodes)
    .set({ supersededAt: ctx.now })
    .where(
      and(
        eq(pairingCodes.tenantId, ctx.tenantId),
        eq(pairingCodes.terminalId, terminalId),
        isNull(pairingCodes.usedAt),
        isNull(pairingCodes.supersededAt),
      ),
    );
  const code = newPairingCode();
  const expiresAt = new Date(ctx.now.getTime() + PAIRING_CODE_TTL_MS);
  await ctx.tx.insert(pairingCodes).values({
    tenantId: ctx.tenantId,
    id: randomUUID(),
    terminalId,
    codeDigest: digestToken(normalisePairingCode(code)),
    createdAt: ctx.now,
    expiresAt,
  });
  await audit(ctx, {
    action: 'terminal.installer-downloaded',
    targetType: 'terminal',
    targetId: terminalId,
    details: { registerId: terminal.registerId, pairingCodeExpiresAt: expiresAt.toISOString() },
  });
  return { ok: true, code, expiresAt };
}

/** Whether a terminal has a pairing code that can still be used, and until when. */
export async function currentPairingCode(
  db: Db | Tx,
  tenantId: string,
  terminalId: string,
  now: Date,
): Promise<{ expiresAt: Date } | null> {
  const [row] = await db
    .select({ expiresAt: pairingCodes.expiresAt })
    .from(pairingCodes)
    .where(
      and(
        eq(pairingCodes.tenantId, tenantId),
        eq(pairingCodes.terminalId, terminalId),
        isNull(pairingCodes.usedAt),
        isNull(pairingCodes.supersededAt),
        sql`${pairingCodes.expiresAt} > ${now.toISOString()}::timestamptz`,
      ),
    );
  return row ?? null;
}

export interface DeviceIdentity {
  publicKey: string;
  fingerprint: string;
  pcName: string;
  programVersion: string;
}

export type ConnectTerminalResult =
  | { ok: true; terminalId: string; bindingId: string; rebound: boolean }
  | Failure<'licence-full', { licensed: number; active: number }>
  | Failure<'terminal-bound-elsewhere', { pcName: string; boundAt: string }>
  | Failure<
      | 'terminal-not-found'
      | 'terminal-deactivated'
      | 'pairing-code-invalid'
      | 'pairing-code-expired'
      | 'pairing-code-used'
    >;

/**
 * Binds a terminal to the PC that asks, once authorised by an admin's credentials (`by.userId`)
 * or by a pairing code. The same PC (same fingerprint) replaces its old key; another PC is refused.
 */
export async function connectTerminal(
  ctx: CommandContext,
  by: { terminalId: string } | { pairingCode: string },
  device: DeviceIdentity,
): Promise<ConnectTerminalResult> {
  let terminalId: string;
  let codeId: string | null = null;
  if ('pairingCode' in by) {
    const [code] = await ctx.tx
      .select()
      .from(pairingCodes)
      .where(
        and(
          eq(pairingCodes.tenantId, ctx.tenantId),
          eq(pairingCodes.codeDigest, digestToken(normalisePairingCode(by.pairingCode))),
        ),
      )
      .for('update');
    if (!code) return { ok: false, code: 'pairing-code-invalid' };
    if (code.usedAt) return { ok: false, code: 'pairing-code-used' };
    if (code.supersededAt || code.expiresAt.getTime() <= ctx.now.getTime()) {
      return { ok: false, code: 'pairing-code-expired' };
    }
    terminalId = code.terminalId;
    codeId = code.id;
  } else {
    if (!isUuid(by.terminalId)) return { ok: false, code: 'terminal-not-found' };
    terminalId = by.terminalId;
  }

  const terminal = await lockTerminal(ctx, terminalId);
  if (!terminal) return { ok: false, code: 'terminal-not-found' };
  if (!terminal.active) return { ok: false, code: 'terminal-deactivated' };
  const licence = await readLicence(ctx.tx, ctx.tenantId);
  if (licence.activeTerminals > licence.terminals) {
    return {
      ok: false,
      code: 'licence-full',
      licensed: licence.terminals,
      active: licence.activeTerminals,
    };
  }

  const [current] = await ctx.tx
    .select()
    .from(terminalBindings)
    .where(
      and(
        eq(terminalBindings.tenantId, ctx.tenantId),
        eq(terminalBindings.terminalId, terminalId),
        isNull(terminalBindings.removedAt),
      ),
    );
  if (current && current.fingerprint !== device.fingerprint) {
    return {
      ok: false,
      code: 'terminal-bound-elsewhere',
      pcName: current.pcName,
      boundAt: current.boundAt.toISOString(),
    };
  }
  if (current) {
    await ctx.tx
      .update(terminalBindings)
      .set({ removedAt: ctx.now, removedReason: 'Samma dator anslöt igen; nyckeln byttes.' })
      .where(and(eq(terminalBindings.tenantId, ctx.tenantId), eq(terminalBindings.id, current.id)));
  }
  const bindingId = randomUUID();
  await ctx.tx.insert(terminalBindings).values({
    tenantId: ctx.tenantId,
    id: bindingId,
    terminalId,
    pcName: device.pcName,
    fingerprint: device.fingerprint,
    publicKey: device.publicKey,
    boundAt: ctx.now,
  });
  if (codeId) {
    await ctx.tx
      .update(pairingCodes)
      .set({ usedAt: ctx.now })
      .where(and(eq(pairingCodes.tenantId, ctx.tenantId), eq(pairingCodes.id, codeId)));
  }
  await ctx.tx
    .update(terminals)
    .set({ reportedVersion: device.programVersion, lastContactAt: ctx.now })
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
  await audit(ctx, {
    action: current ? 'terminal.rebound' : 'terminal.bound',
    targetType: 'terminal',
    targetId: terminalId,
    details: {
      registerId: terminal.registerId,
      pcName: device.pcName,
      fingerprint: device.fingerprint.slice(0, 12),
      method: codeId ? 'pairing-code' : 'admin-password',
    },
  });
  return { ok: true, terminalId, bindingId, rebound: current !== undefined };
}

export type RemoveBindingResult =
  | { ok: true }
  | Failure<'terminal-not-found' | 'terminal-not-bound' | 'binding-confirmation-mismatch'>;

/** "Ta bort koppling mot hårdvara": releases the terminal's binding; the old key stops working at once. */
export async function removeBinding(
  ctx: CommandContext,
  terminalId: string,
  confirmation: string,
  reason: string,
): Promise<RemoveBindingResult> {
  if (!isUuid(terminalId)) return { ok: false, code: 'terminal-not-found' };
  // The row lock orders this with a journal upload under way (journal-ingest.ts).
  const terminal = await lockTerminal(ctx, terminalId);
  if (!terminal) return { ok: false, code: 'terminal-not-found' };
  if (
    confirmation.trim().toUpperCase() !== terminal.registerId.toUpperCase() ||
    reason.trim().length < 3
  ) {
    return { ok: false, code: 'binding-confirmation-mismatch' };
  }
  const [binding] = await ctx.tx
    .update(terminalBindings)
    .set({ removedAt: ctx.now, removedReason: reason.trim() })
    .where(
      and(
        eq(terminalBindings.tenantId, ctx.tenantId),
        eq(terminalBindings.terminalId, terminalId),
        isNull(terminalBindings.removedAt),
      ),
    )
    .returning();
  if (!binding) return { ok: false, code: 'terminal-not-bound' };
  await audit(ctx, {
    action: 'terminal.binding-removed',
    targetType: 'terminal',
    targetId: terminalId,
    details: {
      registerId: terminal.registerId,
      pcName: binding.pcName,
      boundAt: binding.boundAt.toISOString(),
      lastContactAt: terminal.lastContactAt?.toISOString() ?? null,
      unsyncedEntries: terminal.unsyncedEntries,
      reason: reason.trim(),
    },
  });
  return { ok: true };
}

/** Everything a register needs to know about itself and who may sign in at it. */
export async function describeTerminalForRegister(
  db: Db | Tx,
  tenantId: string,
  terminalId: string,
) {
  const cashiers = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      pinHash: users.pinHash,
      active: users.active,
    })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.active, true),
        sql`${users.pinHash} IS NOT NULL`,
        sql`(${users.role} = 'admin' OR EXISTS (SELECT 1 FROM user_terminals ut WHERE ut.tenant_id = ${users.tenantId} AND ut.user_id = ${users.id} AND ut.terminal_id = ${terminalId}))`,
      ),
    )
    .orderBy(users.username);
  const permitted = new Set(cashiers.map((c) => c.id));
  const everyone = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.active, true)))
    .orderBy(users.username);
  return {
    cashiers: cashiers.map((c) => ({ ...c, pinHash: c.pinHash ?? '' })),
    otherUsernames: everyone.filter((u) => !permitted.has(u.id)).map((u) => u.username),
  };
}

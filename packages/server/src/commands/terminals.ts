/**
 * Terminals (kassaregister) and the licence that limits how many may be active.
 * Skatteverket: each register has a kassabeteckning and is registered by the business
 * (SFL 39 kap; SKVFS 2014:9 4 kap); the program's model designation contains "SE" (4 kap 6 §).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import {
  MODEL_DESIGNATION,
  type CreateTerminalBody,
  type Licence,
  type Terminal,
  type TerminalRegistrationBody,
  type UpdateTerminalBody,
} from '@kassa/contracts';
import type { Db, Tx } from '../db/database.js';
import {
  licences,
  placesOfBusiness,
  terminalBindings,
  terminals,
  tenants,
  type LicenceModule,
} from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { audit } from './audit.js';
import { bumpConfigVersion } from './config-version.js';
import { isUuid } from '../ids.js';
import type { Failure } from '@kassa/core';
import { syncOf, terminalWarnings } from './sync-health.js';

// Crockford base32 without look-alikes: readable on a sticker and over the phone.
const SERIAL_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new tillverkningsnummer: "KS" + 15 random base32 characters (75 bits), 17 characters in all. */
function newSerialNumber(): string {
  const bytes = randomBytes(15);
  let out = 'KS';
  for (const byte of bytes) out += SERIAL_ALPHABET[byte % 32];
  return out;
}

/** The licence of an environment with the number of active terminals. */
export async function readLicence(db: Db | Tx, tenantId: string): Promise<Licence> {
  const [licence] = await db.select().from(licences).where(eq(licences.tenantId, tenantId));
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(terminals)
    .where(and(eq(terminals.tenantId, tenantId), eq(terminals.active, true)));
  return {
    terminals: licence?.terminals ?? 0,
    modules: licence?.modules ?? [],
    activeTerminals: count?.n ?? 0,
  };
}

/** Sets an environment's licence (the operator's CLI: stands for a purchase). */
export async function setLicence(
  db: Db,
  slug: string,
  change: { terminals?: number; modules?: LicenceModule[] },
  now: Date,
): Promise<{ ok: true; licence: Licence } | Failure<'environment-not-found'>> {
  return db.transaction(async (tx) => {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.slug, slug));
    if (!tenant) return { ok: false as const, code: 'environment-not-found' as const };
    const before = await readLicence(tx, tenant.id);
    const next = {
      terminals: change.terminals ?? before.terminals,
      modules: change.modules ?? before.modules,
    };
    await tx
      .insert(licences)
      .values({ tenantId: tenant.id, ...next, updatedAt: now })
      .onConflictDoUpdate({ target: [licences.tenantId], set: { ...next, updatedAt: now } });
    await audit(
      { tenantId: tenant.id, actor: { userId: null, name: 'operator' }, address: null, now, tx },
      {
        action: 'licence.changed',
        targetType: 'licence',
        targetId: tenant.id,
        details: { from: { terminals: before.terminals, modules: before.modules }, to: next },
      },
    );
    return { ok: true as const, licence: await readLicence(tx, tenant.id) };
  });
}

/** Locks the environment's licence row so two requests cannot both take the last slot. */
async function lockLicence(tx: Db | Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`SELECT 1 FROM licences WHERE tenant_id = ${tenantId} FOR UPDATE`);
}

async function licenceRoom(
  ctx: CommandContext,
): Promise<Failure<'licence-full', { licensed: number; active: number }> | null> {
  await lockLicence(ctx.tx, ctx.tenantId);
  const licence = await readLicence(ctx.tx, ctx.tenantId);
  if (licence.activeTerminals >= licence.terminals) {
    return {
      ok: false,
      code: 'licence-full',
      licensed: licence.terminals,
      active: licence.activeTerminals,
    };
  }
  return null;
}

async function placeExists(ctx: CommandContext, placeId: string): Promise<boolean> {
  if (!isUuid(placeId)) return false;
  const rows = await ctx.tx
    .select({ id: placesOfBusiness.id })
    .from(placesOfBusiness)
    .where(and(eq(placesOfBusiness.tenantId, ctx.tenantId), eq(placesOfBusiness.id, placeId)));
  return rows.length > 0;
}

async function registerIdTaken(ctx: CommandContext, registerId: string): Promise<boolean> {
  const rows = await ctx.tx
    .select({ id: terminals.id })
    .from(terminals)
    .where(
      and(
        eq(terminals.tenantId, ctx.tenantId),
        sql`upper(${terminals.registerId}) = upper(${registerId})`,
      ),
    );
  return rows.length > 0;
}

export type CreateTerminalResult =
  | { ok: true; terminalId: string }
  | Failure<'licence-full', { licensed: number; active: number }>
  | Failure<'register-id-taken' | 'place-of-business-not-found'>;

/** Creates an active terminal, within the licence. */
export async function createTerminal(
  ctx: CommandContext,
  input: CreateTerminalBody,
): Promise<CreateTerminalResult> {
  if (!(await placeExists(ctx, input.placeOfBusinessId))) {
    return { ok: false, code: 'place-of-business-not-found' };
  }
  const registerId = input.registerId.toUpperCase();
  if (await registerIdTaken(ctx, registerId)) return { ok: false, code: 'register-id-taken' };
  const full = await licenceRoom(ctx);
  if (full) return full;
  const id = randomUUID();
  await ctx.tx.insert(terminals).values({
    tenantId: ctx.tenantId,
    id,
    name: input.name,
    placeOfBusinessId: input.placeOfBusinessId,
    registerId,
    serialNumber: newSerialNumber(),
    active: true,
    createdAt: ctx.now,
  });
  await bumpConfigVersion(ctx);
  await audit(ctx, {
    action: 'terminal.created',
    targetType: 'terminal',
    targetId: id,
    details: { name: input.name, registerId },
  });
  return { ok: true, terminalId: id };
}

export type UpdateTerminalResult =
  | { ok: true }
  | Failure<'licence-full', { licensed: number; active: number }>
  | Failure<'terminal-not-found' | 'place-of-business-not-found'>;

/** Renames, moves, deactivates or activates a terminal. */
export async function updateTerminal(
  ctx: CommandContext,
  terminalId: string,
  change: UpdateTerminalBody,
): Promise<UpdateTerminalResult> {
  const existing = await findTerminalRow(ctx, terminalId);
  if (!existing) return { ok: false, code: 'terminal-not-found' };
  if (
    change.placeOfBusinessId !== undefined &&
    !(await placeExists(ctx, change.placeOfBusinessId))
  ) {
    return { ok: false, code: 'place-of-business-not-found' };
  }
  if (change.active === true && !existing.active) {
    const full = await licenceRoom(ctx);
    if (full) return full;
  }
  const set: Partial<typeof terminals.$inferInsert> = {};
  if (change.name !== undefined) set.name = change.name;
  if (change.placeOfBusinessId !== undefined) set.placeOfBusinessId = change.placeOfBusinessId;
  if (change.active !== undefined) set.active = change.active;
  if (Object.keys(set).length === 0) return { ok: true };
  await ctx.tx
    .update(terminals)
    .set(set)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
  await bumpConfigVersion(ctx);
  const changes: Record<string, unknown> = {};
  for (const key of ['name', 'placeOfBusinessId', 'active'] as const) {
    if (change[key] !== undefined && change[key] !== existing[key]) {
      changes[key] = { from: existing[key], to: change[key] };
    }
  }
  await audit(ctx, {
    action:
      change.active === false && existing.active
        ? 'terminal.deactivated'
        : change.active === true && !existing.active
          ? 'terminal.activated'
          : 'terminal.updated',
    targetType: 'terminal',
    targetId: terminalId,
    details: { registerId: existing.registerId, changes },
  });
  return { ok: true };
}

/** Records the terminal's Skatteverket registration and control unit. */
export async function setTerminalRegistration(
  ctx: CommandContext,
  terminalId: string,
  input: TerminalRegistrationBody,
): Promise<{ ok: true } | Failure<'terminal-not-found' | 'registration-incomplete'>> {
  const existing = await findTerminalRow(ctx, terminalId);
  if (!existing) return { ok: false, code: 'terminal-not-found' };
  if (input.status === 'registered' && (!input.controlUnitSerial || !input.registeredOn)) {
    return { ok: false, code: 'registration-incomplete' };
  }
  await ctx.tx
    .update(terminals)
    .set({
      controlUnitSerial: input.controlUnitSerial,
      registrationStatus: input.status,
      registeredOn: input.registeredOn,
      registrationUpdatedAt: ctx.now,
    })
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
  await audit(ctx, {
    action: 'terminal.registration-changed',
    targetType: 'terminal',
    targetId: terminalId,
    details: {
      registerId: existing.registerId,
      from: {
        controlUnitSerial: existing.controlUnitSerial,
        status: existing.registrationStatus,
        registeredOn: existing.registeredOn,
      },
      to: input,
    },
  });
  return { ok: true };
}

async function findTerminalRow(ctx: CommandContext, terminalId: string) {
  if (!isUuid(terminalId)) return null;
  const [row] = await ctx.tx
    .select()
    .from(terminals)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
  return row ?? null;
}

/**
 * The environment's terminals (or one) with their place of business and current binding, in
 * name order. Callers have checked that `terminalId` is a UUID.
 */
export function selectTerminalRows(db: Db | Tx, tenantId: string, terminalId?: string) {
  return db
    .select({ terminal: terminals, place: placesOfBusiness, binding: terminalBindings })
    .from(terminals)
    .innerJoin(
      placesOfBusiness,
      and(
        eq(placesOfBusiness.tenantId, terminals.tenantId),
        eq(placesOfBusiness.id, terminals.placeOfBusinessId),
      ),
    )
    .leftJoin(
      terminalBindings,
      and(
        eq(terminalBindings.tenantId, terminals.tenantId),
        eq(terminalBindings.terminalId, terminals.id),
        isNull(terminalBindings.removedAt),
      ),
    )
    .where(
      terminalId === undefined
        ? eq(terminals.tenantId, tenantId)
        : and(eq(terminals.tenantId, tenantId), eq(terminals.id, terminalId)),
    )
    .orderBy(asc(terminals.name), asc(terminals.registerId));
}

/** The API's view of the environment's terminals (one terminal when `terminalId` is given). */
export async function listTerminals(
  db: Db | Tx,
  tenantId: string,
  serverVersion: string,
  now: Date,
  terminalId?: string,
): Promise<Terminal[]> {
  if (terminalId !== undefined && !isUuid(terminalId)) return [];
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!tenant) return [];
  const rows = await selectTerminalRows(db, tenantId, terminalId);
  const history = await db
    .select({
      terminalId: terminalBindings.terminalId,
      pcName: terminalBindings.pcName,
      fingerprint: terminalBindings.fingerprint,
      boundAt: terminalBindings.boundAt,
      removedAt: terminalBindings.removedAt,
    })
    .from(terminalBindings)
    .where(eq(terminalBindings.tenantId, tenantId))
    .orderBy(asc(terminalBindings.boundAt));
  /** The previous PC, when the current binding is on different hardware than the one before. */
  const movedFrom = (
    terminal: typeof terminals.$inferSelect,
    current: typeof terminalBindings.$inferSelect | null,
  ) => {
    if (!current) return null;
    // Once the registration has been confirmed after the move, the checklist is done.
    if (terminal.registrationUpdatedAt && terminal.registrationUpdatedAt >= current.boundAt) {
      return null;
    }
    const terminalIdOf = terminal.id;
    const earlier = history
      .filter(
        (h) =>
          h.terminalId === terminalIdOf &&
          h.removedAt !== null &&
          h.removedAt.getTime() <= current.boundAt.getTime(),
      )
      .sort((a, b) => (a.removedAt?.getTime() ?? 0) - (b.removedAt?.getTime() ?? 0));
    const previous = earlier[earlier.length - 1];
    if (!previous || previous.fingerprint === current.fingerprint) return null;
    return { at: current.boundAt.toISOString(), fromPcName: previous.pcName };
  };
  return rows.map(({ terminal: t, place, binding }) => {
    const programVersion = t.reportedVersion ?? serverVersion;
    const addressOfUse = `${place.name}, ${place.streetAddress}, ${place.postalCode} ${place.city}`;
    return {
      id: t.id,
      name: t.name,
      placeOfBusinessId: t.placeOfBusinessId,
      placeOfBusinessName: place.name,
      registerId: t.registerId,
      serialNumber: t.serialNumber,
      modelDesignation: MODEL_DESIGNATION,
      programVersion,
      active: t.active,
      createdAt: t.createdAt.toISOString(),
      binding: binding
        ? {
            pcName: binding.pcName,
            fingerprintShort: binding.fingerprint.slice(0, 12),
            boundAt: binding.boundAt.toISOString(),
          }
        : null,
      lastContactAt: t.lastContactAt?.toISOString() ?? null,
      unsyncedEntries: t.unsyncedEntries,
      registration: {
        controlUnitSerial: t.controlUnitSerial,
        status: t.registrationStatus,
        registeredOn: t.registeredOn,
      },
      warnings: terminalWarnings(t, binding, now),
      sync: syncOf(t),
      movedToNewPc: movedFrom(t, binding),
      skatteverket: {
        companyName: tenant.companyName,
        organisationNumber: tenant.organisationNumber,
        addressOfUse,
        registerId: t.registerId,
        modelDesignation: MODEL_DESIGNATION,
        programVersion,
        serialNumber: t.serialNumber,
        controlUnitSerial: t.controlUnitSerial,
      },
    };
  });
}

/**
 * A terminal of the environment, locked for the rest of the transaction: it orders a journal
 * upload, a binding's connection or removal and the anchors' check, one after another.
 */
export async function lockTerminal(
  ctx: CommandContext,
  terminalId: string,
): Promise<typeof terminals.$inferSelect | null> {
  const [row] = await ctx.tx
    .select()
    .from(terminals)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)))
    .for('update');
  return row ?? null;
}

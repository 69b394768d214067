/**
 * Sync health of a terminal: what the register reports in its heartbeat
 * (backlog, its age, the control unit), the server's acknowledged journal head, and a flagged
 * sync problem, which stays until an administrator acknowledges it.
 */
import { and, eq } from 'drizzle-orm';
import {
  SILENT_AFTER_HOURS,
  errorBody,
  syncProblemCodeSchema,
  type TerminalSync,
  type TerminalWarning,
} from '@kassa/contracts';
import type { Failure } from '@kassa/core';
import { terminals, type terminalBindings } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { isUuid } from '../ids.js';
import { audit } from './audit.js';

type TerminalRow = typeof terminals.$inferSelect;
type BindingRow = typeof terminalBindings.$inferSelect;

/** The terminal's sync state as the API shows it. */
export function syncOf(t: TerminalRow): TerminalSync {
  const code = syncProblemCodeSchema.safeParse(t.syncProblemCode);
  const details = t.syncProblemDetails ?? {};
  const messages = code.success ? errorBody(code.data, details).error : null;
  return {
    acknowledgedSeq: t.journalHeadSeq,
    acknowledgedHash: t.journalHeadHash,
    lastUploadAt: t.journalSyncedAt?.toISOString() ?? null,
    oldestUnsyncedAt: t.oldestUnsyncedAt?.toISOString() ?? null,
    controlUnit:
      t.controlUnitState !== null && t.controlUnitReportedAt !== null
        ? {
            state: t.controlUnitState,
            serialNumber: t.controlUnitReportedSerial,
            simulated: t.controlUnitSimulated ?? false,
            reportedAt: t.controlUnitReportedAt.toISOString(),
          }
        : null,
    problem:
      code.success && messages && t.syncProblemFirstAt && t.syncProblemLastAt
        ? {
            code: code.data,
            seq: t.syncProblemSeq,
            details,
            sv: messages.sv,
            en: messages.en,
            firstAt: t.syncProblemFirstAt.toISOString(),
            lastAt: t.syncProblemLastAt.toISOString(),
            count: t.syncProblemCount ?? 1,
          }
        : null,
  };
}

/** What the backoffice warns about on a terminal (see TERMINAL_WARNINGS in contracts). */
export function terminalWarnings(
  t: TerminalRow,
  binding: BindingRow | null,
  now: Date,
): TerminalWarning[] {
  const warnings: TerminalWarning[] = [];
  if (t.active && t.registrationStatus !== 'registered') warnings.push('not-registered');
  if (t.syncProblemCode !== null) warnings.push('sync-problem');
  const heardFrom = t.lastContactAt ?? binding?.boundAt ?? null;
  if (
    t.active &&
    binding !== null &&
    heardFrom !== null &&
    now.getTime() - heardFrom.getTime() > SILENT_AFTER_HOURS * 3_600_000
  ) {
    warnings.push('silent');
  }
  if (t.controlUnitState === 'down') warnings.push('control-unit-down');
  if (t.active && t.controlUnitSimulated === true) warnings.push('control-unit-simulated');
  const registered = t.controlUnitSerial?.trim().toUpperCase();
  const reported = t.controlUnitReportedSerial?.trim().toUpperCase();
  if (registered && reported && registered !== reported) warnings.push('control-unit-mismatch');
  return warnings;
}

/** What a heartbeat carries (contracts' heartbeatBodySchema). */
export interface Heartbeat {
  programVersion: string;
  unsyncedEntries: number;
  oldestUnsyncedAt?: string | null;
  controlUnit?: {
    state: 'ok' | 'down' | 'unknown';
    serialNumber: string | null;
    simulated: boolean;
  };
}

/**
 * Records a heartbeat on the terminal. Fields a register does not send are left as they were,
 * except the backlog age, which is cleared when the backlog is empty.
 */
export async function recordHeartbeat(
  ctx: CommandContext,
  terminalId: string,
  heartbeat: Heartbeat,
): Promise<void> {
  const set: Partial<typeof terminals.$inferInsert> = {
    lastContactAt: ctx.now,
    reportedVersion: heartbeat.programVersion,
    unsyncedEntries: heartbeat.unsyncedEntries,
  };
  if (heartbeat.oldestUnsyncedAt !== undefined) {
    set.oldestUnsyncedAt =
      heartbeat.oldestUnsyncedAt === null ? null : new Date(heartbeat.oldestUnsyncedAt);
  } else if (heartbeat.unsyncedEntries === 0) {
    set.oldestUnsyncedAt = null;
  }
  if (heartbeat.controlUnit !== undefined) {
    set.controlUnitState = heartbeat.controlUnit.state;
    set.controlUnitReportedSerial = heartbeat.controlUnit.serialNumber;
    set.controlUnitSimulated = heartbeat.controlUnit.simulated;
    set.controlUnitReportedAt = ctx.now;
  }
  await ctx.tx
    .update(terminals)
    .set(set)
    .where(and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId)));
}

/** Clears the terminal's sync problem after an administrator has looked at it (audit-logged). */
export async function acknowledgeSyncProblem(
  ctx: CommandContext,
  terminalId: string,
): Promise<{ ok: true } | Failure<'terminal-not-found' | 'sync-problem-none'>> {
  if (!isUuid(terminalId)) return { ok: false, code: 'terminal-not-found' };
  const where = and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminalId));
  // Locked as an upload locks it: an upload's flag and this clearing take turns.
  const [t] = await ctx.tx.select().from(terminals).where(where).for('update');
  if (!t) return { ok: false, code: 'terminal-not-found' };
  if (t.syncProblemCode === null) return { ok: false, code: 'sync-problem-none' };
  await ctx.tx
    .update(terminals)
    .set({
      syncProblemCode: null,
      syncProblemSeq: null,
      syncProblemDetails: null,
      syncProblemFirstAt: null,
      syncProblemLastAt: null,
      syncProblemCount: null,
    })
    .where(where);
  await audit(ctx, {
    action: 'terminal.sync-problem-acknowledged',
    targetType: 'terminal',
    targetId: terminalId,
    details: {
      registerId: t.registerId,
      code: t.syncProblemCode,
      seq: t.syncProblemSeq,
      firstAt: t.syncProblemFirstAt?.toISOString() ?? null,
      lastAt: t.syncProblemLastAt?.toISOString() ?? null,
      count: t.syncProblemCount,
      details: t.syncProblemDetails,
    },
  });
  return { ok: true };
}

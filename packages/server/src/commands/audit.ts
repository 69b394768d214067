/** Appends to the audit log: who did what to which thing, when and from where. */
import { randomUUID } from 'node:crypto';
import { auditLog } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';

export interface AuditEvent {
  action: string;
  targetType: string;
  targetId: string | null;
  details?: Record<string, unknown>;
}

/** Records one audit entry in the command's transaction. */
export async function audit(ctx: CommandContext, event: AuditEvent): Promise<void> {
  await ctx.tx.insert(auditLog).values({
    tenantId: ctx.tenantId,
    id: randomUUID(),
    at: ctx.now,
    actorUserId: ctx.actor.userId,
    actorName: ctx.actor.name,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    details: event.details ?? {},
    address: ctx.address,
  });
}

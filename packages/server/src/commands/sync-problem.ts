/**
 * A terminal's sync problem: the first thing the server could not take from its register (a
 * refused upload, an unreadable entry, a clock fault, a journal that disagrees with its anchors),
 * shown on the terminal until an admin acknowledges it (commands/terminals.ts).
 */
import { and, eq } from 'drizzle-orm';
import type { SyncProblemCode } from '@kassa/contracts';
import { terminals } from '../db/schema.js';
import type { CommandContext } from '../http/context.js';
import { audit } from './audit.js';

/**
 * Records a sync problem on the terminal (its row is locked by the caller). The same problem
 * again (the register retrying) counts up; a new one replaces it and is audit-logged.
 */
export async function flagSyncProblem(
  ctx: CommandContext,
  terminal: typeof terminals.$inferSelect,
  problem: { code: SyncProblemCode; seq: number; details: Record<string, unknown> },
): Promise<void> {
  const where = and(eq(terminals.tenantId, ctx.tenantId), eq(terminals.id, terminal.id));
  if (terminal.syncProblemCode === problem.code && terminal.syncProblemSeq === problem.seq) {
    await ctx.tx
      .update(terminals)
      .set({
        lastContactAt: ctx.now,
        syncProblemLastAt: ctx.now,
        syncProblemCount: (terminal.syncProblemCount ?? 0) + 1,
        syncProblemDetails: problem.details,
      })
      .where(where);
    return;
  }
  await ctx.tx
    .update(terminals)
    .set({
      lastContactAt: ctx.now,
      syncProblemCode: problem.code,
      syncProblemSeq: problem.seq,
      syncProblemDetails: problem.details,
      syncProblemFirstAt: ctx.now,
      syncProblemLastAt: ctx.now,
      syncProblemCount: 1,
    })
    .where(where);
  await audit(ctx, {
    action: 'terminal.sync-problem',
    targetType: 'terminal',
    targetId: terminal.id,
    details: {
      registerId: terminal.registerId,
      code: problem.code,
      seq: problem.seq,
      ...problem.details,
    },
  });
}

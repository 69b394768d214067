import { desc, eq } from 'drizzle-orm';
import { auditEntrySchema } from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditLog } from '../../db/schema.js';
import { commandContext } from '../context.js';

/** The audit log, newest first (admins only). */
export const auditLogRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock } = app.deps;
  app.get(
    '/api/audit-log',
    {
      config: { kassa: { access: ['admin'] } },
      schema: {
        tags: ['audit'],
        summary: 'Audit log, newest first',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ entries: z.array(auditEntrySchema) }) },
      },
    },
    async (request) => {
      const ctx = commandContext(request, database.db, clock.now());
      const rows = await database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.tenantId, ctx.tenantId))
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(request.query.limit);
      return {
        entries: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: r.actorName,
          action: r.action,
          targetType: r.targetType,
          targetId: r.targetId,
          details: r.details,
          address: r.address,
        })),
      };
    },
  );
  return Promise.resolve();
};

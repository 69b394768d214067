import { healthSchema } from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** GET /api/health: liveness plus which database engine answers. */
export const healthRoutes: FastifyPluginAsyncZod = (app) => {
  app.get(
    '/api/health',
    {
      config: { kassa: { public: true } },
      schema: { tags: ['system'], summary: 'Health check', response: { 200: healthSchema } },
    },
    async () => {
      await app.deps.database.db.execute('select 1');
      return { status: 'ok' as const, db: app.deps.database.kind, version: app.deps.version };
    },
  );
  return Promise.resolve();
};

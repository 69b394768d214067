import {
  salesReportQuerySchema,
  salesReportSchema,
  zReportAnswerSchema,
  zReportListQuerySchema,
  zReportListSchema,
} from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listZReports, readZReport, salesReport } from '../../reports/sales-reports.js';
import { ApiError } from '../api-error.js';

const READERS = { kassa: { access: ['admin', 'manager'] as const, module: 'reports' as const } };

/** Försäljning and the Z archive (module `reports`): see docs/protocols/backoffice-api.md. */
export const reportRoutes: FastifyPluginAsyncZod = (app) => {
  const { database } = app.deps;

  app.get(
    '/api/reports/sales',
    {
      config: READERS,
      schema: {
        tags: ['reports'],
        summary:
          'Sales of a period grouped by day, hour, place, terminal, payment, VAT, product or cashier',
        querystring: salesReportQuerySchema,
        response: { 200: salesReportSchema },
      },
    },
    async (request) => {
      const result = await salesReport(database.db, request.tenant?.id ?? '', request.query);
      if (!result.ok) throw new ApiError(400, result.code, { maxDays: result.maxDays });
      return result.value;
    },
  );

  app.get(
    '/api/reports/z',
    {
      config: READERS,
      schema: {
        tags: ['reports'],
        summary: 'The Z-report archive (newest first), optionally of one terminal and a period',
        querystring: zReportListQuerySchema,
        response: { 200: zReportListSchema },
      },
    },
    async (request) => ({
      reports: await listZReports(database.db, request.tenant?.id ?? '', request.query),
    }),
  );

  app.get(
    '/api/reports/z/:terminalId/:zNumber',
    {
      config: READERS,
      schema: {
        tags: ['reports'],
        summary: 'One archived Z-report, exactly as the register journaled it',
        params: z.object({
          terminalId: z.string().max(64),
          zNumber: z.coerce.number().int().min(1).max(2_147_483_647),
        }),
        response: { 200: zReportAnswerSchema },
      },
    },
    async (request) => {
      const found = await readZReport(
        database.db,
        request.tenant?.id ?? '',
        request.params.terminalId,
        request.params.zNumber,
      );
      if (!found) throw new ApiError(404, 'z-report-not-found');
      return found;
    },
  );
  return Promise.resolve();
};

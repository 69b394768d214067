import {
  salesOverviewSchema,
  salesReportFilterSchema,
  salesReportQuerySchema,
  salesReportSchema,
  zReportAnswerSchema,
  zReportListQuerySchema,
  zReportListSchema,
  zReportSchema,
} from '@kassa/contracts';
import type { SalesGrouping } from '@kassa/contracts';
import { renderDayReportPdf } from '@kassa/documents';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { safeFilenamePart } from '../../reports/journal-export.js';
import { salesReport, salesReportRows } from '../../reports/sales-reports.js';
import { listZReports, readZReport } from '../../reports/z-report-archive.js';
import { ApiError } from '../api-error.js';

const READERS = { kassa: { access: ['admin', 'manager'] as const, module: 'reports' as const } };

const zReportParams = z.object({
  terminalId: z.string().max(64),
  zNumber: z.coerce.number().int().min(1).max(2_147_483_647),
});

/** The Z-dagrapport as a PDF (the register's own layout), or a refusal if it cannot be read. */
async function zReportPdf(report: Record<string, unknown>, zNumber: number): Promise<Uint8Array> {
  try {
    // The ingest checked zNumber, businessDay and producedAt; the rest is read as core's ZReport.
    const parsed = zReportSchema.safeParse(report);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    return await renderDayReportPdf(parsed.data);
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, 200);
    throw new ApiError('z-report-unreadable', { zNumber, reason });
  }
}

/** Försäljning and the Z archive (module `reports`): see docs/protocols/backoffice-api.md. */
export const reportRoutes: FastifyPluginAsyncZod = (app) => {
  const { database } = app.deps;
  /** The archived Z-report the path names; 404 z-report-not-found when there is none. */
  const namedZReport = async (tenantId: string, params: z.infer<typeof zReportParams>) => {
    const found = await readZReport(database.db, tenantId, params.terminalId, params.zNumber);
    if (!found) throw new ApiError('z-report-not-found');
    return found;
  };

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
      if (!result.ok) throw new ApiError(result.code, { maxDays: result.maxDays });
      return result.value;
    },
  );

  app.get(
    '/api/reports/sales/overview',
    {
      config: READERS,
      schema: {
        tags: ['reports'],
        summary: 'Sales of a period: the totals and the rows of every grouping in one answer',
        querystring: salesReportFilterSchema,
        response: { 200: salesOverviewSchema },
      },
    },
    async (request) => {
      const tenantId = request.tenant?.id ?? '';
      // The day report checks the period and brings the totals; the other groupings add rows.
      const days = await salesReport(database.db, tenantId, { ...request.query, groupBy: 'day' });
      if (!days.ok) throw new ApiError(days.code, { maxDays: days.maxDays });
      const rowsBy = (groupBy: SalesGrouping) =>
        salesReportRows(database.db, tenantId, request.query, groupBy);
      const [hour, place, terminal, payment, vat, product, cashier] = await Promise.all([
        rowsBy('hour'),
        rowsBy('place'),
        rowsBy('terminal'),
        rowsBy('payment'),
        rowsBy('vat'),
        rowsBy('product'),
        rowsBy('cashier'),
      ]);
      const { from, to, totals, rows: day, simulatedReceipts } = days.value;
      return {
        from,
        to,
        totals,
        rows: { day, hour, place, terminal, payment, vat, product, cashier },
        ...(simulatedReceipts === undefined ? {} : { simulatedReceipts }),
      };
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
        params: zReportParams,
        response: { 200: zReportAnswerSchema },
      },
    },
    async (request) => {
      return namedZReport(request.tenant?.id ?? '', request.params);
    },
  );

  app.get(
    '/api/reports/z/:terminalId/:zNumber/pdf',
    {
      config: READERS,
      schema: {
        tags: ['reports'],
        summary: 'One archived Z-report as a PDF (the Z-dagrapport as the register prints it)',
        params: zReportParams,
      },
    },
    async (request, reply) => {
      const found = await namedZReport(request.tenant?.id ?? '', request.params);
      const pdf = await zReportPdf(found.report, found.zNumber);
      const filename = `z-rapport-${safeFilenamePart(found.registerId)}-${found.zNumber}.pdf`;
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    },
  );
  return Promise.resolve();
};

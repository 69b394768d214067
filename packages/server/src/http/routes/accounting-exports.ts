import {
  SIE_EXPORT_HEADERS,
  salesCsvQuerySchema,
  sieExportQuerySchema,
  zCsvQuerySchema,
} from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { salesCsv, zCsv } from '../../accounting/csv-exports.js';
import { buildSieDownload } from '../../accounting/sie-export.js';

const EXPORTERS = { kassa: { access: ['admin', 'manager'] as const, module: 'exports' as const } };

/** Sends a file as a download that no cache keeps. */
function sendFile(
  reply: FastifyReply,
  contentType: string,
  filename: string,
  bytes: Uint8Array,
): FastifyReply {
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/**
 * The accountant's exports (module `exports`): the SIE 4I file of the Z-reports of a period and
 * CSV files of the reports. See docs/protocols/backoffice-api.md.
 */
export const accountingExportRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock, version } = app.deps;

  app.get(
    '/api/exports/sie',
    {
      config: EXPORTERS,
      schema: {
        tags: ['exports'],
        summary: 'SIE 4I (CP437): one verification per Z-report with a business day in the period',
        querystring: sieExportQuerySchema,
      },
    },
    async (request, reply) => {
      const signedIn = request.signedIn;
      const file = await buildSieDownload(
        database.db,
        request.tenant?.id ?? '',
        request.query,
        signedIn ? { displayName: signedIn.displayName, username: signedIn.username } : null,
        clock.now(),
        version,
      );
      reply
        .header(SIE_EXPORT_HEADERS.verifications, String(file.verifications))
        .header(SIE_EXPORT_HEADERS.emptyZReports, String(file.emptyZReports))
        .header(SIE_EXPORT_HEADERS.simulatedLeftOut, String(file.simulatedLeftOut))
        .header(SIE_EXPORT_HEADERS.simulatedIncluded, String(file.simulatedIncluded));
      return sendFile(reply, 'text/plain; charset=IBM437', file.filename, file.bytes);
    },
  );

  app.get(
    '/api/exports/sales.csv',
    {
      config: EXPORTERS,
      schema: {
        tags: ['exports'],
        summary: 'The rows of GET /api/reports/sales as CSV for Excel (;, decimal comma, BOM)',
        querystring: salesCsvQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await salesCsv(database.db, request.tenant?.id ?? '', request.query);
      return sendFile(reply, 'text/csv; charset=utf-8', file.filename, file.bytes);
    },
  );

  app.get(
    '/api/exports/z.csv',
    {
      config: EXPORTERS,
      schema: {
        tags: ['exports'],
        summary: 'One row per Z-report of the period with its key figures, as CSV for Excel',
        querystring: zCsvQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await zCsv(database.db, request.tenant?.id ?? '', request.query);
      reply
        .header(SIE_EXPORT_HEADERS.simulatedLeftOut, String(file.simulatedLeftOut ?? 0))
        .header(SIE_EXPORT_HEADERS.simulatedIncluded, String(file.simulatedIncluded ?? 0));
      return sendFile(reply, 'text/csv; charset=utf-8', file.filename, file.bytes);
    },
  );
  return Promise.resolve();
};

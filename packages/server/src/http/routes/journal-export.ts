import { JOURNAL_EXPORT_HEADERS, journalExportQuerySchema } from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { exportTerminalJournal } from '../../reports/journal-export.js';
import { ApiError } from '../api-error.js';

const EXPORTERS = { kassa: { access: ['admin', 'manager'] as const, module: 'exports' as const } };

/**
 * The journal export of SKVFS 2021:16 from the server's copy of a terminal's journal (module
 * `exports`): see docs/protocols/backoffice-api.md and docs/protocols/skvfs-2021-16-export.md.
 */
export const journalExportRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock, version } = app.deps;

  /** The export of the query, or the refusal as an ApiError. */
  async function exported(request: {
    tenant?: { id: string } | null;
    signedIn?: { username: string } | null;
    query: { terminalId: string; from: string; to: string };
  }) {
    const result = await exportTerminalJournal(database.db, request.tenant?.id ?? '', {
      terminalId: request.query.terminalId,
      from: request.query.from,
      to: request.query.to,
      exportedBy: request.signedIn?.username ?? null,
      now: clock.now(),
      serverVersion: version,
    });
    if (!result.ok) {
      const details: Record<string, unknown> = { ...result };
      delete details.ok;
      delete details.code;
      throw new ApiError(result.code, Object.keys(details).length === 0 ? undefined : details);
    }
    return result.value;
  }

  app.get(
    '/api/exports/journal.xml',
    {
      config: EXPORTERS,
      schema: {
        tags: ['exports'],
        summary:
          "One terminal's journal for business days from–to as the standard export of SKVFS 2021:16 (XML)",
        querystring: journalExportQuerySchema,
      },
    },
    async (request, reply) => {
      const file = await exported(request);
      return reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .header(JOURNAL_EXPORT_HEADERS.entries, String(file.entries))
        .header(JOURNAL_EXPORT_HEADERS.headSeq, String(file.headSeq))
        .header(JOURNAL_EXPORT_HEADERS.problems, String(file.problems.length))
        .send(file.xml);
    },
  );

  // Beside the file: what it holds other than journaled. A journal always exports (SKVFS
  // 2021:16 wants the journal's content handed over); a value the schema cannot hold is written as
  // the schema allows, and listed here.
  app.get(
    '/api/exports/journal-problems.json',
    {
      config: EXPORTERS,
      schema: {
        tags: ['exports'],
        summary:
          'The values that the SKVFS 2021:16 export of the same query writes other than journaled, and why',
        querystring: journalExportQuerySchema,
      },
    },
    async (request) => {
      const file = await exported(request);
      return {
        registerId: file.registerId,
        filename: file.filename,
        entries: file.entries,
        problems: file.problems,
      };
    },
  );
  return Promise.resolve();
};

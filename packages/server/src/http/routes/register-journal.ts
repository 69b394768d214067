import { MAX_UPLOAD_BATCH, journalHeadSchema, journalUploadBodySchema } from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ingestJournal, readJournalHead, refusalDetails } from '../../commands/journal-ingest.js';
import { ApiError } from '../api-error.js';
import { commandContext } from '../app.js';

const DEVICE = { kassa: { access: 'device' as const } };

/**
 * The largest journal upload in bytes. A batch of MAX_UPLOAD_BATCH entries of large receipts
 * (fifty lines each) is about 6 MiB; the register keeps each batch under this too.
 */
export const JOURNAL_UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

/** The register's journal upload (issue 5): see docs/protocols/register-protocol.md. */
export const registerJournalRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock } = app.deps;

  app.post(
    '/api/register/journal',
    {
      config: DEVICE,
      bodyLimit: JOURNAL_UPLOAD_BODY_LIMIT,
      schema: {
        tags: ['register'],
        summary: `Upload journal entries (at most ${MAX_UPLOAD_BATCH}) continuing the acknowledged head (device-signed)`,
        body: journalUploadBodySchema,
        response: { 200: journalHeadSchema },
      },
    },
    async (request) => {
      const device = request.device;
      if (!device) throw new Error('no device');
      const now = clock.now();
      const result = await database.db.transaction((tx) =>
        ingestJournal(commandContext(request, tx, now), device.terminalId, request.body.entries),
      );
      if (!result.ok) {
        // The binding's terminal exists (device authentication found it): a bug if not.
        if (result.code === 'terminal-not-found') throw new Error('terminal of a binding vanished');
        throw new ApiError(409, result.code, refusalDetails(result));
      }
      return { acknowledgedSeq: result.head.seq, acknowledgedHash: result.head.hash };
    },
  );

  app.get(
    '/api/register/journal/head',
    {
      config: DEVICE,
      schema: {
        tags: ['register'],
        summary: "The server's acknowledged head of this register's journal (device-signed)",
        response: { 200: journalHeadSchema },
      },
    },
    async (request) => {
      const device = request.device;
      if (!device) throw new Error('no device');
      const head = await readJournalHead(database.db, request.tenant?.id ?? '', device.terminalId);
      if (!head) throw new ApiError(404, 'terminal-not-found');
      return { acknowledgedSeq: head.seq, acknowledgedHash: head.hash };
    },
  );
  return Promise.resolve();
};

import {
  MAX_DOWNLOAD_BATCH,
  MAX_UPLOAD_BATCH,
  journalDownloadQuerySchema,
  journalDownloadSchema,
  journalHeadQuerySchema,
  journalHeadSchema,
  journalUploadBodySchema,
} from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { refusalDetails } from '../../commands/journal-chain.js';
import {
  lockTerminalOfBinding,
  readJournalEntries,
  readJournalHead,
} from '../../commands/journal-copy.js';
import { ingestJournal } from '../../commands/journal-ingest.js';
import { headForRestore } from '../../commands/journal-anchors.js';
import { ApiError } from '../api-error.js';
import { commandContext } from '../context.js';

/**
 * Device-signed, and open to a deactivated terminal too: a backlog must never be stranded, and a
 * register that continues its journal on a new PC must be able to fetch it. A removed binding
 * is refused as everywhere (device-auth.ts).
 */
const DEVICE = { kassa: { access: 'device' as const, deactivatedTerminal: 'allowed' as const } };

/**
 * The largest journal upload in bytes. A batch of MAX_UPLOAD_BATCH entries of large receipts
 * (fifty lines each) is about 6 MiB; the register keeps each batch under this too.
 */
const JOURNAL_UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

/** The register's journal upload: see docs/protocols/register-protocol.md. */
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
      const result = await database.db.transaction(async (tx) => {
        const ctx = commandContext(request, tx, now);
        if (!(await lockTerminalOfBinding(ctx, device.terminalId, device.bindingId))) {
          return null; // removed since it was authenticated: store nothing
        }
        return ingestJournal(ctx, device.terminalId, request.body.entries, {
          ...(request.rawBody === null ? {} : { bodyJson: request.rawBody }),
          ...(request.body.localHeadSeq === undefined
            ? {}
            : { localHeadSeq: request.body.localHeadSeq }),
        });
      });
      if (result === null) throw new ApiError('binding-removed');
      if (!result.ok) {
        // The binding's terminal exists (device authentication found it): a bug if not.
        if (result.code === 'terminal-not-found') throw new Error('terminal of a binding vanished');
        throw new ApiError(result.code, refusalDetails(result));
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
        querystring: journalHeadQuerySchema,
        response: { 200: journalHeadSchema },
      },
    },
    async (request) => {
      const device = request.device;
      if (!device) throw new Error('no device');
      if (request.query.restore === '1') {
        // A register about to restore its journal from this copy (journal-anchors.ts).
        const now = clock.now();
        const restoring = await database.db.transaction((tx) =>
          headForRestore(commandContext(request, tx, now), device.terminalId),
        );
        if (!restoring) throw new ApiError('terminal-not-found');
        return {
          acknowledgedSeq: restoring.seq,
          acknowledgedHash: restoring.hash,
          reportedReceiptNumber: restoring.reportedReceiptNumber,
          lostEntries: restoring.lostEntries,
        };
      }
      const head = await readJournalHead(database.db, request.tenant?.id ?? '', device.terminalId);
      if (!head) throw new ApiError('terminal-not-found');
      return { acknowledgedSeq: head.seq, acknowledgedHash: head.hash };
    },
  );

  app.get(
    '/api/register/journal',
    {
      config: DEVICE,
      schema: {
        tags: ['register'],
        summary: `The server's copy of this register's journal after a seq, at most ${MAX_DOWNLOAD_BATCH} entries (device-signed)`,
        querystring: journalDownloadQuerySchema,
        response: { 200: journalDownloadSchema },
      },
    },
    async (request) => {
      const device = request.device;
      if (!device) throw new Error('no device');
      const tenantId = request.tenant?.id ?? '';
      // The head first: the page never runs ahead of the head it is sent with.
      const head = await readJournalHead(database.db, tenantId, device.terminalId);
      if (!head) throw new ApiError('terminal-not-found');
      const entries = await readJournalEntries(database.db, tenantId, device.terminalId, {
        afterSeq: request.query.afterSeq,
        upTo: head.seq,
        limit: request.query.limit,
      });
      return { acknowledgedSeq: head.seq, acknowledgedHash: head.hash, entries };
    },
  );
  return Promise.resolve();
};

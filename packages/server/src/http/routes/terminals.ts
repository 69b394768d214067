import {
  createTerminalBodySchema,
  installerQuerySchema,
  licenceSchema,
  pairingCodeAnswerSchema,
  removeBindingBodySchema,
  terminalRegistrationBodySchema,
  terminalSchema,
  updateTerminalBodySchema,
} from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createTerminal,
  listTerminals,
  readLicence,
  setTerminalRegistration,
  updateTerminal,
  type CreateTerminalResult,
  type UpdateTerminalResult,
} from '../../commands/terminals.js';
import {
  createPairingCode,
  currentPairingCode,
  removeBinding,
} from '../../commands/terminal-binding.js';
import {
  buildInstallerZip,
  buildWindowsInstaller,
  installerBuilt,
} from '../../commands/installer.js';
import { acknowledgeSyncProblem } from '../../commands/sync-health.js';
import { ApiError } from '../api-error.js';
import { commandContext } from '../context.js';

const ADMIN = { kassa: { access: ['admin'] as const } };
const READERS = { kassa: { access: ['admin', 'manager'] as const } };
const idParams = z.object({ id: z.string().max(64) });
const terminalAnswer = z.object({ terminal: terminalSchema });

type TerminalRefusal =
  Exclude<UpdateTerminalResult, { ok: true }> | Exclude<CreateTerminalResult, { ok: true }>;

function refuse(result: TerminalRefusal): never {
  if (result.code === 'licence-full') {
    throw new ApiError(result.code, { licensed: result.licensed, active: result.active });
  }
  throw new ApiError(result.code);
}

/** Terminals and cash registers, and the licence. */
export const terminalRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock, version } = app.deps;

  async function one(tenantId: string, id: string) {
    const [terminal] = await listTerminals(database.db, tenantId, version, clock.now(), id);
    if (!terminal) throw new ApiError('terminal-not-found');
    return { terminal };
  }

  app.get(
    '/api/licence',
    {
      config: READERS,
      schema: {
        tags: ['terminals'],
        summary: 'The licence and its use',
        response: { 200: licenceSchema },
      },
    },
    (request) =>
      readLicence(database.db, commandContext(request, database.db, clock.now()).tenantId),
  );

  app.get(
    '/api/terminals',
    {
      config: READERS,
      schema: {
        tags: ['terminals'],
        summary: 'List terminals with binding, contact and registration status',
        response: { 200: z.object({ terminals: z.array(terminalSchema) }) },
      },
    },
    async (request) => ({
      terminals: await listTerminals(
        database.db,
        commandContext(request, database.db, clock.now()).tenantId,
        version,
        clock.now(),
      ),
    }),
  );

  app.get(
    '/api/terminals/:id',
    {
      config: READERS,
      schema: {
        tags: ['terminals'],
        summary: 'One terminal',
        params: idParams,
        response: { 200: terminalAnswer },
      },
    },
    (request) => one(commandContext(request, database.db, clock.now()).tenantId, request.params.id),
  );

  app.post(
    '/api/terminals',
    {
      config: ADMIN,
      schema: {
        tags: ['terminals'],
        summary: 'Create a terminal (within the licence)',
        body: createTerminalBodySchema,
        response: { 201: terminalAnswer },
      },
    },
    async (request, reply) => {
      const result = await database.db.transaction((tx) =>
        createTerminal(commandContext(request, tx, clock.now()), request.body),
      );
      if (!result.ok) refuse(result);
      return reply.status(201).send(await one(request.tenant?.id ?? '', result.terminalId));
    },
  );

  app.patch(
    '/api/terminals/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['terminals'],
        summary: 'Rename, move, deactivate or activate a terminal',
        params: idParams,
        body: updateTerminalBodySchema,
        response: { 200: terminalAnswer },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        updateTerminal(commandContext(request, tx, clock.now()), request.params.id, request.body),
      );
      if (!result.ok) refuse(result);
      return one(request.tenant?.id ?? '', request.params.id);
    },
  );

  app.put(
    '/api/terminals/:id/registration',
    {
      config: ADMIN,
      schema: {
        tags: ['terminals'],
        summary: "Record the terminal's Skatteverket registration",
        params: idParams,
        body: terminalRegistrationBodySchema,
        response: { 200: terminalAnswer },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        setTerminalRegistration(
          commandContext(request, tx, clock.now()),
          request.params.id,
          request.body,
        ),
      );
      if (!result.ok) {
        throw new ApiError(result.code);
      }
      return one(request.tenant?.id ?? '', request.params.id);
    },
  );
  app.post(
    '/api/terminals/:id/binding/remove',
    {
      config: ADMIN,
      schema: {
        tags: ['terminals'],
        summary: 'Ta bort koppling mot hårdvara: release the PC binding (revokes its key at once)',
        params: idParams,
        body: removeBindingBodySchema,
        response: { 200: terminalAnswer },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        removeBinding(
          commandContext(request, tx, clock.now()),
          request.params.id,
          request.body.confirmation,
          request.body.reason,
        ),
      );
      if (!result.ok) {
        throw new ApiError(result.code);
      }
      return one(request.tenant?.id ?? '', request.params.id);
    },
  );

  app.post(
    '/api/terminals/:id/sync-problem/acknowledge',
    {
      config: ADMIN,
      schema: {
        tags: ['terminals'],
        summary: "Acknowledge the terminal's sync problem (clears the flag; audit-logged)",
        params: idParams,
        response: { 200: terminalAnswer },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        acknowledgeSyncProblem(commandContext(request, tx, clock.now()), request.params.id),
      );
      if (!result.ok) {
        throw new ApiError(result.code);
      }
      return one(request.tenant?.id ?? '', request.params.id);
    },
  );

  app.get(
    '/api/terminals/:id/pairing-code',
    {
      config: ADMIN,
      schema: {
        tags: ['terminals'],
        summary: 'Whether a usable pairing code exists (the code itself is shown only once)',
        params: idParams,
        response: { 200: pairingCodeAnswerSchema },
      },
    },
    async (request) => {
      const tenantId = request.tenant?.id ?? '';
      await one(tenantId, request.params.id);
      const code = await currentPairingCode(database.db, tenantId, request.params.id, clock.now());
      return { code: code ? { expiresAt: code.expiresAt.toISOString() } : null };
    },
  );

  app.post(
    '/api/terminals/:id/installer',
    {
      config: ADMIN,
      schema: {
        tags: ['terminals'],
        summary:
          'Download the installer (Windows: kassa-setup.exe with the provisioning tag; Linux: zip) with a new single-use pairing code',
        params: idParams,
        querystring: installerQuerySchema,
      },
    },
    async (request, reply) => {
      const tenantId = request.tenant?.id ?? '';
      const { terminal } = await one(tenantId, request.params.id);
      const { platform } = request.query;
      const distDir = app.deps.registerDistDir ?? '';
      if (!installerBuilt(distDir, platform)) {
        throw new ApiError('installer-not-built', { platform });
      }
      const created = await database.db.transaction((tx) =>
        createPairingCode(commandContext(request, tx, clock.now()), terminal.id),
      );
      if (!created.ok) throw new ApiError(created.code);
      const provisioning = {
        url: `${request.protocol}://${request.headers.host ?? 'localhost'}`,
        environment: request.tenant?.slug ?? '',
        terminalId: terminal.id,
        registerId: terminal.registerId,
        pairingCode: created.code,
        expiresAt: created.expiresAt.toISOString(),
      };
      reply
        .header('x-kassa-pairing-code', created.code)
        .header('x-kassa-pairing-expires', created.expiresAt.toISOString())
        .header('cache-control', 'no-store');
      if (platform === 'windows') {
        const built = buildWindowsInstaller(distDir, provisioning);
        if (!built) throw new ApiError('installer-not-built', { platform });
        return reply
          .header('content-type', 'application/vnd.microsoft.portable-executable')
          .header(
            'content-disposition',
            `attachment; filename="kassa-setup-${terminal.registerId}.exe"`,
          )
          .header('x-kassa-installer-signed', String(built.signed))
          .header('x-kassa-installer-tagged', String(built.tagged))
          .send(Buffer.from(built.bytes));
      }
      const zip = buildInstallerZip(distDir, provisioning);
      if (!zip) throw new ApiError('installer-not-built', { platform });
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="kassa-${terminal.registerId}.zip"`)
        .send(Buffer.from(zip));
    },
  );
  return Promise.resolve();
};

import { eq } from 'drizzle-orm';
import {
  connectAnswerSchema,
  connectBodySchema,
  heartbeatBodySchema,
  listRegisterTerminalsAnswerSchema,
  listRegisterTerminalsBodySchema,
  productSchema,
  registerConfigAnswerSchema,
  registerConfigQuerySchema,
  registerMeSchema,
} from '@kassa/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkCredentials } from '../../commands/sign-in.js';
import { selectTerminalRows } from '../../commands/terminals.js';
import { listProducts } from '../../commands/products.js';
import { SHOP_TIME_ZONE, businessDayOf, isIsoInstant } from '@kassa/core';
import { checkReportedJournal } from '../../commands/journal-anchors.js';
import { recordHeartbeat } from '../../commands/sync-health.js';
import {
  configCursor,
  judgeCursor,
  parseCursor,
  readConfigVersion,
} from '../../commands/config-version.js';
import {
  connectTerminal,
  describeTerminalForRegister,
  isEd25519PublicKey,
} from '../../commands/terminal-binding.js';
import { tenants } from '../../db/schema.js';
import { ApiError } from '../api-error.js';
import { commandContext } from '../context.js';

/** "2026-11-25 14:03" in the shop's time zone, for messages. */
const STOCKHOLM_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: SHOP_TIME_ZONE,
  dateStyle: 'short',
  timeStyle: 'short',
});

const ANYONE = { kassa: { access: 'anyone' as const } };
const DEVICE = { kassa: { access: 'device' as const } };

/** The register program's API: connecting a PC, and device-signed calls after that. */
export const registerRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock, signInLimits } = app.deps;

  /** Checks admin credentials for connecting; throws the refusal the register shows. */
  async function requireAdmin(request: FastifyRequest, username: string, password: string) {
    const tenant = request.tenant;
    if (!tenant) throw new Error('no environment');
    const checked = await checkCredentials(
      database.db,
      { tenantId: tenant.id, username, password, address: request.ip, now: clock.now() },
      signInLimits,
    );
    if (!checked.ok) {
      if (checked.code === 'sign-in-locked') {
        throw new ApiError('sign-in-locked', {
          retryAfterSeconds: checked.retryAfterSeconds,
          retryAfterMinutes: Math.ceil(checked.retryAfterSeconds / 60),
        });
      }
      throw new ApiError(checked.code);
    }
    if (checked.role !== 'admin') throw new ApiError('connect-requires-admin');
    return checked;
  }

  async function environmentOf(tenantId: string) {
    const [env] = await database.db.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!env) throw new Error('environment vanished');
    return env;
  }

  app.post(
    '/api/register/terminals',
    {
      config: ANYONE,
      schema: {
        tags: ['register'],
        summary: 'Terminals an administrator may connect this PC to',
        body: listRegisterTerminalsBodySchema,
        response: { 200: listRegisterTerminalsAnswerSchema },
      },
    },
    async (request) => {
      await requireAdmin(request, request.body.username, request.body.password);
      const tenantId = request.tenant?.id ?? '';
      const env = await environmentOf(tenantId);
      const rows = await selectTerminalRows(database.db, tenantId);
      return {
        environment: { slug: env.slug, companyName: env.companyName },
        terminals: rows.map(({ terminal, place, binding }) => ({
          id: terminal.id,
          name: terminal.name,
          registerId: terminal.registerId,
          placeOfBusinessName: place.name,
          active: terminal.active,
          binding: binding
            ? { pcName: binding.pcName, boundAt: binding.boundAt.toISOString() }
            : null,
        })),
      };
    },
  );

  app.post(
    '/api/register/connect',
    {
      config: ANYONE,
      schema: {
        tags: ['register'],
        summary: 'Bind a terminal to this PC (admin credentials or a pairing code)',
        body: connectBodySchema,
        response: { 200: connectAnswerSchema },
      },
    },
    async (request) => {
      const body = request.body;
      if (!isEd25519PublicKey(body.publicKey)) {
        throw new ApiError('validation-failed', {
          issues: [{ path: '/publicKey', message: 'not an Ed25519 SPKI public key' }],
        });
      }
      const admin =
        body.method === 'password'
          ? await requireAdmin(request, body.username, body.password)
          : null;
      const now = clock.now();
      const result = await database.db.transaction(async (tx) => {
        const base = commandContext(request, tx, now);
        const ctx = admin
          ? { ...base, actor: { userId: admin.userId, name: admin.username } }
          : { ...base, actor: { userId: null, name: 'parkopplingskod' } };
        return connectTerminal(
          ctx,
          body.method === 'password' ? { terminalId: body.terminalId } : { pairingCode: body.code },
          body,
        );
      });
      if (!result.ok) {
        switch (result.code) {
          case 'licence-full':
            throw new ApiError(result.code, {
              licensed: result.licensed,
              active: result.active,
            });
          case 'terminal-bound-elsewhere':
            throw new ApiError(result.code, {
              pcName: result.pcName,
              boundAt: result.boundAt,
              boundAtText: STOCKHOLM_TIME.format(new Date(result.boundAt)),
            });
          default:
            throw new ApiError(result.code);
        }
      }
      const tenantId = request.tenant?.id ?? '';
      const env = await environmentOf(tenantId);
      const [row] = await selectTerminalRows(database.db, tenantId, result.terminalId);
      if (!row) throw new Error('terminal vanished');
      return {
        environment: { slug: env.slug, companyName: env.companyName },
        terminal: {
          id: row.terminal.id,
          name: row.terminal.name,
          registerId: row.terminal.registerId,
          serialNumber: row.terminal.serialNumber,
          placeOfBusinessName: row.place.name,
        },
        bindingId: result.bindingId,
        serverTime: now.toISOString(),
      };
    },
  );

  app.get(
    '/api/register/me',
    {
      config: DEVICE,
      schema: {
        tags: ['register'],
        summary: 'The register: its terminal, environment and who may sign in (device-signed)',
        response: { 200: registerMeSchema },
      },
    },
    async (request) => {
      const device = request.device;
      if (!device) throw new Error('no device');
      return describeRegister(request.tenant?.id ?? '', device.terminalId);
    },
  );

  /** What GET /api/register/me answers: the environment, the terminal and who may sign in. */
  async function describeRegister(tenantId: string, terminalId: string) {
    const env = await environmentOf(tenantId);
    const [row] = await selectTerminalRows(database.db, tenantId, terminalId);
    if (!row) throw new Error('terminal vanished');
    const people = await describeTerminalForRegister(database.db, tenantId, terminalId);
    return {
      environment: {
        slug: env.slug,
        companyName: env.companyName,
        organisationNumber: env.organisationNumber,
      },
      terminal: {
        id: row.terminal.id,
        name: row.terminal.name,
        registerId: row.terminal.registerId,
        serialNumber: row.terminal.serialNumber,
        active: row.terminal.active,
        placeOfBusiness: {
          name: row.place.name,
          streetAddress: row.place.streetAddress,
          postalCode: row.place.postalCode,
          city: row.place.city,
        },
      },
      serverTime: clock.now().toISOString(),
      ...people,
    };
  }

  app.get(
    '/api/register/config',
    {
      config: DEVICE,
      schema: {
        tags: ['register'],
        summary:
          'Configuration through a cursor: nothing when current, else a full snapshot (device-signed)',
        querystring: registerConfigQuerySchema,
        response: { 200: registerConfigAnswerSchema },
      },
    },
    async (request) => {
      const tenantId = request.tenant?.id ?? '';
      const device = request.device;
      if (!device) throw new Error('no device');
      const now = clock.now();
      const businessDay = businessDayOf(now.getTime(), SHOP_TIME_ZONE);
      // The version before the snapshot (commands/config-version.ts): never a stale snapshot
      // under a current cursor.
      const version = await readConfigVersion(database.db, tenantId);
      const cursor = configCursor(version, businessDay);
      const judged = judgeCursor(request.query.cursor, version, businessDay);
      if (judged === 'current') {
        return { cursor, changed: false as const, serverTime: now.toISOString() };
      }
      const register = await describeRegister(tenantId, device.terminalId);
      // A register that applies deltas and holds a cursor this server issued is sent only the
      // products changed since it (deactivated ones included, so it drops them).
      const since = judged === 'behind' ? parseCursor(request.query.cursor) : null;
      if (request.query.catalogue === 'delta' && since !== null) {
        const changedProducts = await listProducts(database.db, tenantId, businessDay, {
          changedSince: since,
        });
        return {
          ...register,
          cursor,
          changed: true as const,
          reset: false,
          businessDay,
          catalogue: changedProducts,
          catalogueDelta: true,
        };
      }
      const all = await listProducts(database.db, tenantId, businessDay);
      return {
        ...register,
        cursor,
        changed: true as const,
        reset: judged === 'unknown',
        businessDay,
        catalogue: all.filter((p) => p.active),
      };
    },
  );

  app.get(
    '/api/register/catalogue',
    {
      config: DEVICE,
      schema: {
        tags: ['register'],
        summary: 'The active catalogue with price history, for selling offline (device-signed)',
        response: {
          200: z.object({ businessDay: z.string(), products: z.array(productSchema) }),
        },
      },
    },
    async (request) => {
      const tenantId = request.tenant?.id ?? '';
      const businessDay = businessDayOf(clock.now().getTime(), SHOP_TIME_ZONE);
      const all = await listProducts(database.db, tenantId, businessDay);
      return { businessDay, products: all.filter((p) => p.active) };
    },
  );

  app.post(
    '/api/register/heartbeat',
    {
      config: DEVICE,
      schema: {
        tags: ['register'],
        summary: 'The register reports its version and backlog (device-signed)',
        body: heartbeatBodySchema,
        response: { 200: z.object({ serverTime: z.string() }) },
      },
    },
    async (request) => {
      const device = request.device;
      if (!device) throw new Error('no device');
      const now = clock.now();
      const { oldestUnsyncedAt } = request.body;
      if (typeof oldestUnsyncedAt === 'string' && !isIsoInstant(oldestUnsyncedAt)) {
        throw new ApiError('validation-failed', {
          issues: [{ path: '/oldestUnsyncedAt', message: 'not an ISO 8601 UTC instant' }],
        });
      }
      const { journal } = request.body;
      await database.db.transaction(async (tx) => {
        const ctx = commandContext(request, tx, now);
        await recordHeartbeat(ctx, device.terminalId, request.body);
        // The register's journal against the server's copy (docs/adr/0011-journal-anchors.md).
        if (journal !== undefined) await checkReportedJournal(ctx, device.terminalId, journal);
      });
      return { serverTime: now.toISOString() };
    },
  );
  return Promise.resolve();
};

/**
 * "Anslut kassan" from the POS (register-protocol.md): GET /local/provisioning (what the
 * installer left in the data folder, docs/protocols/installer-tag.md), POST /local/terminals
 * (the environment's terminals, with a user's password) and POST /local/connect (with a
 * pairing code or a password), after which the service reads its new register.json.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  localConnectBodySchema,
  localTerminalsBodySchema,
  type LocalStatus,
} from '@kassa/contracts';
import { checkAddress, connect } from '../connect/connect.js';
import { failure as makeFailure } from '../failure.js';
import { findProvisioning } from '../connect/provisioning.js';
import { listTerminals } from '../net/server-api.js';
import { send } from './http-edge.js';

export interface ConnectRoutesInput {
  readonly folder: string;
  readonly env: NodeJS.ProcessEnv;
  /** Where kassa-provisioning.json is looked for. */
  readonly provisioningCandidates: string[] | undefined;
  readonly status: () => LocalStatus;
  /** After a successful connect: read register.json again and sync on. */
  readonly connected: () => Promise<void>;
}

export function registerConnectRoutes(app: FastifyInstance, input: ConnectRoutesInput): void {
  const { folder, env, provisioningCandidates, status } = input;
  const api = app.withTypeProvider<ZodTypeProvider>();

  // "Anslut kassan" fills in the address and pairing code the installer left in the data folder
  // (docs/protocols/installer-tag.md); once connected there is nothing to offer.
  api.get('/local/provisioning', async () => {
    if (status().connected) return { found: false };
    const found = await findProvisioning(provisioningCandidates);
    if (!found.ok || found.value === null) return { found: false };
    const { url, registerId, pairingCode, expiresAt } = found.value.provisioning;
    return { found: true, url, registerId, pairingCode, expiresAt };
  });

  api.post(
    '/local/terminals',
    { schema: { body: localTerminalsBodySchema } },
    async (request, reply) => {
      const checked = await checkAddress(request.body.url);
      if (!checked.ok) return send(reply, checked.failure);
      const list = await listTerminals(checked.value.url, {
        username: request.body.username,
        password: request.body.password,
      });
      if (!list.ok) return send(reply, list.failure);
      return list.value;
    },
  );

  api.post(
    '/local/connect',
    { schema: { body: localConnectBodySchema } },
    async (request, reply) => {
      const body = request.body;
      let url: string;
      let credentials: Parameters<typeof connect>[0]['credentials'];
      const expected: { slug?: string; terminal?: string } = {};
      if ('code' in body) {
        const found = await findProvisioning(provisioningCandidates);
        const provisioning = found.ok ? found.value?.provisioning : undefined;
        const fromFile = provisioning && provisioning.pairingCode.trim() === body.code.trim();
        if (body.url === undefined && provisioning === undefined) {
          return send(reply, makeFailure('input-required', { missing: 'url' }));
        }
        url = body.url ?? provisioning?.url ?? '';
        credentials = { method: 'pairing-code', code: body.code };
        if (fromFile) {
          expected.slug = provisioning.environment;
          expected.terminal = provisioning.terminalId ?? provisioning.registerId;
        }
      } else {
        url = body.url;
        credentials = {
          method: 'password',
          username: body.username,
          password: body.password,
          terminalId: body.terminalId,
        };
        expected.terminal = body.terminalId;
      }
      const result = await connect({
        url,
        credentials,
        expected,
        folder,
        archiveExisting: false,
        force: false,
        by: 'kassans webbgränssnitt (POST /local/connect)',
        env,
      });
      if (!result.ok) return send(reply, result.failure);
      await input.connected();
      return { status: status() };
    },
  );
}

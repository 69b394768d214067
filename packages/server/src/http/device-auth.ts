/**
 * Device authentication of registers: every request is signed with the register's Ed25519 key
 * (see docs/protocols/register-protocol.md). Replay protection: a timestamp window plus nonces
 * remembered in the database for 10 minutes. No bearer secret exists that could be stolen.
 */
import { createPublicKey, verify } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { sha256Hex } from '@kassa/core/sha256';
import type { Db } from '../db/database.js';
import { deviceNonces, terminalBindings, terminals } from '../db/schema.js';
import { ApiError } from './api-error.js';
import { isUuid } from '../ids.js';

const CLOCK_WINDOW_MS = 5 * 60 * 1000;
const NONCE_MEMORY_MS = 10 * 60 * 1000;

/** The string a register signs for one request. */
export function signedMessage(
  method: string,
  path: string,
  timestamp: string,
  nonce: string,
  body: string,
): string {
  const bodyDigest = sha256Hex(body);
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${bodyDigest}`;
}

export interface DeviceContext {
  bindingId: string;
  terminalId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    device: DeviceContext | null;
    rawBody: string | null;
  }
}

function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return typeof value === 'string' ? value : '';
}

/** Verifies a register's signed request; throws the refusal the register must show. */
export async function authenticateDevice(
  db: Db,
  tenantId: string,
  request: FastifyRequest,
  now: Date,
): Promise<DeviceContext> {
  const serverTime = now.toISOString();
  const invalid = () => new ApiError('device-signature-invalid', { serverTime });
  const bindingId = header(request, 'x-kassa-binding');
  const timestamp = header(request, 'x-kassa-timestamp');
  const nonce = header(request, 'x-kassa-nonce');
  const signature = header(request, 'x-kassa-signature');
  if (!isUuid(bindingId) || !/^\d{1,16}$/.test(timestamp) || !/^[\w-]{16,128}$/.test(nonce)) {
    throw invalid();
  }
  const [row] = await db
    .select({ binding: terminalBindings, active: terminals.active })
    .from(terminalBindings)
    .innerJoin(
      terminals,
      and(
        eq(terminals.tenantId, terminalBindings.tenantId),
        eq(terminals.id, terminalBindings.terminalId),
      ),
    )
    .where(and(eq(terminalBindings.tenantId, tenantId), eq(terminalBindings.id, bindingId)));
  if (!row) throw invalid();
  const message = signedMessage(
    request.method,
    request.url,
    timestamp,
    nonce,
    request.rawBody ?? '',
  );
  let valid = false;
  try {
    const key = createPublicKey({
      key: Buffer.from(row.binding.publicKey, 'base64'),
      format: 'der',
      type: 'spki',
    });
    valid = verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) throw invalid();
  if (Math.abs(Number(timestamp) - now.getTime()) > CLOCK_WINDOW_MS) {
    throw new ApiError('device-signature-invalid', {
      serverTime,
      clockSkewMs: Number(timestamp) - now.getTime(),
    });
  }
  if (row.binding.removedAt) throw new ApiError('binding-removed');
  const inserted = await db
    .insert(deviceNonces)
    .values({ tenantId, bindingId, nonce, seenAt: now })
    .onConflictDoNothing()
    .returning({ nonce: deviceNonces.nonce });
  if (inserted.length === 0) throw new ApiError('device-replay');
  await db
    .delete(deviceNonces)
    .where(
      and(
        eq(deviceNonces.tenantId, tenantId),
        eq(deviceNonces.bindingId, bindingId),
        lt(
          deviceNonces.seenAt,
          sql`${new Date(now.getTime() - NONCE_MEMORY_MS).toISOString()}::timestamptz`,
        ),
      ),
    );
  // A deactivated terminal still uploads its journal (routes that say so); nothing else.
  if (!row.active && request.routeOptions.config.kassa?.deactivatedTerminal !== 'allowed') {
    throw new ApiError('terminal-deactivated');
  }
  return { bindingId, terminalId: row.binding.terminalId };
}

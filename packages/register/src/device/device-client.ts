/**
 * Device-authenticated requests to the backoffice: every request signed with the register's
 * Ed25519 key exactly as register-protocol.md says (X-Kassa-Binding, -Timestamp, -Nonce,
 * -Signature, -Protocol).
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { registerMeSchema, type heartbeatBodySchema, type RegisterMe } from '@kassa/contracts';
import { z } from 'zod';
import type { Outcome } from '../failure.js';
import { interpret, jsonText, send, type HttpAnswer } from '../net/server-api.js';
import { requestPathOf, signRequest } from './signature.js';

export interface DeviceIdentity {
  /** The environment's origin, e.g. https://kafe.kassa.se. */
  url: string;
  bindingId: string;
  privateKey: KeyObject;
}

export interface SignedRequestOptions {
  timeoutMs?: number;
  /** The local clock (tests); Date.now by default. */
  now?: () => number;
}

/** A fresh nonce: 18 random bytes, base64url (24 characters). */
function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** Sends one signed request; `body` is serialised once and those exact bytes are signed. */
export async function signedRequest(
  identity: DeviceIdentity,
  method: 'GET' | 'POST',
  pathAndQuery: string,
  body?: unknown,
  options: SignedRequestOptions = {},
): Promise<Outcome<HttpAnswer>> {
  const url = `${identity.url}${pathAndQuery}`;
  const text = body === undefined ? undefined : jsonText(body);
  const headers = signRequest(identity.privateKey, identity.bindingId, {
    method,
    path: requestPathOf(url),
    timestamp: (options.now ?? Date.now)(),
    nonce: newNonce(),
    body: text ?? '',
  });
  return send(url, { method, headers, body: text, timeoutMs: options.timeoutMs });
}

export interface MeAnswer {
  me: RegisterMe;
  answer: HttpAnswer;
}

/** GET /api/register/me: the environment, terminal, server time and cashiers. */
export async function fetchMe(
  identity: DeviceIdentity,
  options: SignedRequestOptions = {},
): Promise<Outcome<MeAnswer>> {
  const sent = await signedRequest(identity, 'GET', '/api/register/me', undefined, options);
  if (!sent.ok) return sent;
  const read = interpret(sent.value, registerMeSchema);
  return read.ok ? { ok: true, value: { me: read.value, answer: sent.value } } : read;
}

const heartbeatAnswerSchema = z.object({ serverTime: z.string() });

/** POST /api/register/heartbeat: last contact, program version, backlog and control unit. */
export async function sendHeartbeat(
  identity: DeviceIdentity,
  body: z.input<typeof heartbeatBodySchema>,
  options: SignedRequestOptions = {},
): Promise<Outcome<{ serverTime: string }>> {
  const sent = await signedRequest(identity, 'POST', '/api/register/heartbeat', body, options);
  if (!sent.ok) return sent;
  return interpret(sent.value, heartbeatAnswerSchema);
}

/**
 * The clock difference (server minus local, ms) from a server time and the local send/receive
 * times of the request that carried it (assumes the server answered halfway).
 */
export function clockOffset(serverTime: string, sentAt: number, receivedAt: number): number | null {
  const server = Date.parse(serverTime);
  if (Number.isNaN(server)) return null;
  return Math.round(server - (sentAt + receivedAt) / 2);
}

/**
 * The register protocol version (docs/protocols/register-protocol.md): every request of the
 * register carries it in X-Kassa-Protocol. A register older than the server still answers is
 * refused on every /api/register/ route, before anything else is checked, with the version of
 * Kassa to install (the server's own: the installer it serves is built from the same release).
 * A request without the header is not a register's (every register has always sent it) and is
 * left to the route's own checks.
 */
import type { FastifyRequest } from 'fastify';
import {
  OLDEST_REGISTER_PROTOCOL_VERSION,
  REGISTER_PROTOCOL_HEADER,
  REGISTER_PROTOCOL_VERSION,
} from '@kassa/contracts';
import { ApiError } from './api-error.js';

/** Refuses a register request whose protocol is older than the server answers. */
export function checkRegisterProtocol(request: FastifyRequest, installVersion: string): void {
  if (!request.url.startsWith('/api/register/')) return;
  const sent = request.headers[REGISTER_PROTOCOL_HEADER];
  if (sent === undefined) return;
  const text = Array.isArray(sent) ? sent.join(',') : sent;
  if (!/^\d{1,6}$/.test(text.trim())) {
    throw new ApiError('register-protocol-invalid', {
      sent: text.slice(0, 40),
      current: REGISTER_PROTOCOL_VERSION,
      install: installVersion,
    });
  }
  const version = Number(text.trim());
  if (version < OLDEST_REGISTER_PROTOCOL_VERSION) {
    throw new ApiError('register-too-old', {
      sent: version,
      oldest: OLDEST_REGISTER_PROTOCOL_VERSION,
      current: REGISTER_PROTOCOL_VERSION,
      install: installVersion,
    });
  }
}

/** A register's pull of the catalogue, from a terminal connected for it. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { connectedTerminal, firstPlaceId } from './connected-terminal.js';
import type { Session } from './test-app.js';

/**
 * Creates terminal `registerId` at the first place of `admin`'s environment, connects a new
 * simulated PC to it and pulls GET /api/register/catalogue as the register does, signed at `at`
 * (ms). Returns the response unchecked: the test asserts on it.
 */
export async function pullCatalogue(
  app: FastifyInstance,
  admin: Session,
  registerId: string,
  at: number,
): Promise<LightMyRequestResponse> {
  const place = await firstPlaceId(app, admin);
  const terminal = await connectedTerminal(app, admin, place, registerId);
  return terminal.pc.request(app, admin.host, 'GET', '/api/register/catalogue', undefined, at);
}

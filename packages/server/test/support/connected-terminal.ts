/** A terminal created through the API and bound to a simulated PC, ready for device requests. */
import type { FastifyInstance } from 'fastify';
import { SimulatedPc } from './device.js';
import { ADMIN_PASSWORD, as, type Session } from './test-app.js';

export interface ConnectedTerminal {
  terminalId: string;
  registerId: string;
  pc: SimulatedPc;
}

/** Creates a terminal at `placeId` and connects a new simulated PC to it with admin credentials. */
export async function connectedTerminal(
  app: FastifyInstance,
  admin: Session,
  placeId: string,
  registerId: string,
): Promise<ConnectedTerminal> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/terminals',
    headers: as(admin),
    payload: { name: `Kassa ${registerId}`, placeOfBusinessId: placeId, registerId },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const terminalId = created.json<{ terminal: { id: string } }>().terminal.id;
  const pc = new SimulatedPc(`PC-${registerId}`);
  const connected = await app.inject({
    method: 'POST',
    url: '/api/register/connect',
    headers: { host: admin.host },
    payload: {
      method: 'password',
      username: 'admin',
      password: ADMIN_PASSWORD,
      terminalId,
      ...pc.identity(),
    },
  });
  if (connected.statusCode !== 200) throw new Error(connected.body);
  pc.bindingId = connected.json<{ bindingId: string }>().bindingId;
  return { terminalId, registerId, pc };
}

/** The first place of business of the signed-in admin's environment. */
export async function firstPlaceId(app: FastifyInstance, admin: Session): Promise<string> {
  const env = await app.inject({ url: '/api/environment', headers: as(admin) });
  const id = env.json<{ placesOfBusiness: { id: string }[] }>().placesOfBusiness[0]?.id;
  if (!id) throw new Error('no place of business');
  return id;
}

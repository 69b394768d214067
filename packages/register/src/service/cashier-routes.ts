/**
 * POST /local/sign-in and /local/sign-out (register-protocol.md): cashiers sign in offline
 * against cashiers.json (synced from the server with the heartbeat), with a PIN throttle; the
 * sign-in and sign-out are journaled when the journal is open. Who is signed in is part of the
 * register's lifecycle (lifecycle.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { localSignInBodySchema } from '@kassa/contracts';
import { lookUpCashier, PinThrottle, readCashiers, verifyPin } from './cashiers.js';
import { failure as makeFailure, type Failure } from '../failure.js';
import type { SellingRuntime } from '../selling/runtime.js';
import { send } from './http-edge.js';
import {
  connectionOf,
  runtimeOf,
  signedIn,
  signedOut,
  type Connection,
  type LifecycleCell,
} from './lifecycle.js';

/** Why no cashier may sign in on this connection now, or null. */
function signInRefusal(connection: Connection | null): Failure | null {
  if (connection === null) return makeFailure('not-connected');
  const { server } = connection;
  if (server.binding === 'removed') {
    const problem = server.problem;
    return problem && problem.code === 'binding-removed'
      ? { ...problem, status: 403 }
      : makeFailure('binding-removed');
  }
  if (server.problem?.code === 'terminal-deactivated') return { ...server.problem, status: 409 };
  return null;
}

export function registerCashierRoutes(
  app: FastifyInstance,
  input: { readonly folder: string; readonly lifecycle: LifecycleCell<SellingRuntime> },
): void {
  const { folder, lifecycle } = input;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new PinThrottle();

  api.post(
    '/local/sign-in',
    { schema: { body: localSignInBodySchema } },
    async (request, reply) => {
      const connection = connectionOf(lifecycle.get());
      const refusal = signInRefusal(connection);
      if (connection === null || refusal !== null) {
        return send(reply, refusal ?? makeFailure('not-connected'));
      }
      const cashiers = await readCashiers(folder);
      if (
        cashiers === null ||
        cashiers.terminalId !== connection.installation.register.terminal.id
      ) {
        return send(reply, makeFailure('cashiers-not-synced'));
      }
      const { username, pin } = request.body;
      const found = lookUpCashier(cashiers, username);
      if (found.kind === 'not-permitted')
        return send(reply, makeFailure('cashier-not-permitted-here'));
      if (found.kind === 'unknown') return send(reply, makeFailure('invalid-credentials'));
      const locked = throttle.lockedFor(username, Date.now());
      if (locked > 0) {
        return send(
          reply,
          makeFailure('pin-locked', { retryAfterSeconds: Math.ceil(locked / 1000) }),
        );
      }
      if (!(await verifyPin(pin, found.cashier.pinHash ?? ''))) {
        throttle.recordFailure(username, Date.now());
        return send(reply, makeFailure('invalid-credentials'));
      }
      throttle.recordSuccess(username);
      const previous = connectionOf(lifecycle.get())?.cashier ?? null;
      if (previous !== null && previous.username !== found.cashier.username) {
        await runtimeOf(lifecycle.get())?.engine.record(previous.username, [
          { kind: 'sign-out', data: { cashierId: previous.username } },
        ]);
      }
      const cashier = {
        username: found.cashier.username,
        displayName: found.cashier.displayName,
        role: found.cashier.role,
      };
      // The binding may have been removed while the PIN was checked.
      if (!lifecycle.apply(signedIn(lifecycle.get(), cashier))) {
        return send(
          reply,
          signInRefusal(connectionOf(lifecycle.get())) ?? makeFailure('not-connected'),
        );
      }
      await runtimeOf(lifecycle.get())?.engine.record(cashier.username, [
        { kind: 'sign-in', data: { cashierId: cashier.username } },
      ]);
      return { signedIn: cashier };
    },
  );

  api.post('/local/sign-out', async (_request, reply) => {
    const cashier = connectionOf(lifecycle.get())?.cashier ?? null;
    if (cashier !== null) {
      await runtimeOf(lifecycle.get())?.engine.record(cashier.username, [
        { kind: 'sign-out', data: { cashierId: cashier.username } },
      ]);
    }
    lifecycle.apply(signedOut(lifecycle.get()));
    return reply.status(204).send();
  });
}

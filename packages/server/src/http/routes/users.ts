import { asc, eq } from 'drizzle-orm';
import {
  createUserBodySchema,
  setPinBodySchema,
  setUserTerminalsBodySchema,
  resetPasswordBodySchema,
  updateUserBodySchema,
  userSchema,
} from '@kassa/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createUser,
  findUser,
  presentUser,
  presentUserWithTerminals,
  resetPassword,
  setPin,
  setUserTerminals,
  terminalIdsByUser,
  updateUser,
} from '../../commands/users.js';
import { users } from '../../db/schema.js';
import { ApiError } from '../api-error.js';
import { commandContext } from '../context.js';

const ADMIN = { kassa: { access: ['admin'] as const } };
const idParams = z.object({ id: z.string().max(64) });

/** User administration (admins only). */
export const userRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock } = app.deps;

  app.get(
    '/api/users',
    {
      config: ADMIN,
      schema: {
        tags: ['users'],
        summary: 'List users',
        response: { 200: z.object({ users: z.array(userSchema) }) },
      },
    },
    async (request) => {
      const ctx = commandContext(request, database.db, clock.now());
      const rows = await database.db
        .select()
        .from(users)
        .where(eq(users.tenantId, ctx.tenantId))
        .orderBy(asc(users.username));
      const byUser = await terminalIdsByUser(database.db, ctx.tenantId);
      return { users: rows.map((row) => presentUser(row, byUser.get(row.id) ?? [])) };
    },
  );

  app.get(
    '/api/users/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['users'],
        summary: 'One user',
        params: idParams,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const ctx = commandContext(request, database.db, clock.now());
      const user = await findUser(ctx, request.params.id);
      if (!user) throw new ApiError('user-not-found');
      return { user: await presentUserWithTerminals(ctx, user) };
    },
  );

  app.post(
    '/api/users',
    {
      config: ADMIN,
      schema: {
        tags: ['users'],
        summary: 'Create a user',
        body: createUserBodySchema,
        response: { 201: z.object({ user: userSchema }) },
      },
    },
    async (request, reply) => {
      const result = await database.db.transaction((tx) =>
        createUser(commandContext(request, tx, clock.now()), request.body),
      );
      if (!result.ok) throw new ApiError(result.code);
      return reply.status(201).send({ user: result.user });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['users'],
        summary: 'Change name, role or active',
        params: idParams,
        body: updateUserBodySchema,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        updateUser(commandContext(request, tx, clock.now()), request.params.id, request.body),
      );
      if (!result.ok) throw new ApiError(result.code);
      return { user: result.user };
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      config: ADMIN,
      schema: {
        tags: ['users'],
        summary: "Reset a user's password (ends their sessions)",
        params: idParams,
        body: resetPasswordBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const result = await database.db.transaction((tx) =>
        resetPassword(
          commandContext(request, tx, clock.now()),
          request.params.id,
          request.body.password,
        ),
      );
      if (!result.ok) throw new ApiError(result.code);
      return reply.status(204).send(null);
    },
  );
  app.put(
    '/api/users/:id/pin',
    {
      config: ADMIN,
      schema: {
        tags: ['users'],
        summary: "Set a cashier's register PIN (4–8 digits)",
        params: idParams,
        body: setPinBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const result = await database.db.transaction((tx) =>
        setPin(commandContext(request, tx, clock.now()), request.params.id, request.body.pin),
      );
      if (!result.ok) throw new ApiError(result.code);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/users/:id/terminals',
    {
      config: ADMIN,
      schema: {
        tags: ['users'],
        summary: 'Set the terminals a user may sign in at',
        params: idParams,
        body: setUserTerminalsBodySchema,
        response: { 200: z.object({ user: userSchema }) },
      },
    },
    async (request) => {
      const result = await database.db.transaction((tx) =>
        setUserTerminals(
          commandContext(request, tx, clock.now()),
          request.params.id,
          request.body.terminalIds,
        ),
      );
      if (!result.ok) {
        throw new ApiError(result.code);
      }
      return { user: result.user };
    },
  );
  return Promise.resolve();
};

import { eq } from 'drizzle-orm';
import { loginBodySchema, meSchema, type Me } from '@kassa/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn } from '../../commands/sign-in.js';
import { audit } from '../../commands/audit.js';
import { findUser, presentUserWithTerminals } from '../../commands/users.js';
import { tenants } from '../../db/schema.js';
import { ApiError } from '../api-error.js';
import { commandContext } from '../context.js';
import { SESSION_COOKIE, SESSION_ABSOLUTE_MS, deleteSession } from '../sessions.js';

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: isHttps(request),
    path: '/',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

/** Sign-in, sign-out and "who am I". */
export const authRoutes: FastifyPluginAsyncZod = (app) => {
  const { database, clock } = app.deps;

  async function me(request: FastifyRequest, userId: string, csrfToken: string): Promise<Me> {
    const tenant = request.tenant;
    if (!tenant) throw new Error('no environment');
    const ctx = commandContext(request, database.db, clock.now());
    const user = await findUser(ctx, userId);
    if (!user) throw new ApiError('not-authenticated');
    const [env] = await database.db
      .select({ slug: tenants.slug, companyName: tenants.companyName })
      .from(tenants)
      .where(eq(tenants.id, tenant.id));
    if (!env) throw new Error('environment vanished');
    return { user: await presentUserWithTerminals(ctx, user), environment: env, csrfToken };
  }

  app.post(
    '/api/auth/login',
    {
      config: { kassa: { access: 'anyone' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie',
        body: loginBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const tenant = request.tenant;
      if (!tenant) throw new Error('no environment');
      const now = clock.now();
      const result = await signIn(
        database.db,
        {
          tenantId: tenant.id,
          username: request.body.username,
          password: request.body.password,
          address: request.ip,
          now,
        },
        app.deps.signInLimits,
      );
      if (!result.ok) {
        if (result.code === 'sign-in-locked') {
          void reply.header('retry-after', String(result.retryAfterSeconds));
          throw new ApiError('sign-in-locked', {
            retryAfterSeconds: result.retryAfterSeconds,
            retryAfterMinutes: Math.ceil(result.retryAfterSeconds / 60),
          });
        }
        throw new ApiError(result.code);
      }
      setSessionCookie(request, reply, result.token);
      const ctx = {
        ...commandContext(request, database.db, now),
        actor: { userId: result.userId, name: request.body.username.trim().toLowerCase() },
      };
      await audit(ctx, { action: 'auth.signed-in', targetType: 'user', targetId: result.userId });
      return me(request, result.userId, result.csrfToken);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { kassa: { access: 'signed-in' } },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const signedIn = request.signedIn;
      const tenant = request.tenant;
      if (signedIn && tenant) await deleteSession(database.db, tenant.id, signedIn.sessionId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { kassa: { access: 'signed-in' } },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token',
        response: { 200: meSchema },
      },
    },
    async (request) => {
      const signedIn = request.signedIn;
      if (!signedIn) throw new ApiError('not-authenticated');
      return me(request, signedIn.userId, signedIn.csrfToken);
    },
  );
  return Promise.resolve();
};

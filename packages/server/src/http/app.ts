/**
 * The backoffice HTTP application. A request passes, in order: the register protocol check (on
 * /api/register/, register-protocol.ts) → environment resolution from the host name → session →
 * access check (role) → CSRF check → zod validation → the route, which runs a command in a
 * transaction and presents the result. Refusals are mapped to one JSON shape in one place
 * (`setErrorHandler`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import Fastify, {
  type FastifyInstance,
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { errorBody, errorStatus, type ErrorCode } from '@kassa/contracts';
import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DEFAULT_SIGN_IN_LIMITS, type SignInLimits } from '../commands/sign-in.js';
import { readLicence } from '../commands/terminals.js';
import { ApiError } from './api-error.js';
import type { RouteAccess } from './context.js';
import { SESSION_COOKIE, loadSession } from './sessions.js';
import { authenticateDevice } from './device-auth.js';
import { checkRegisterProtocol } from './register-protocol.js';
import { resolveTenant, type TenantResolutionOptions } from './tenant-resolution.js';
import { healthRoutes } from './routes/health.js';
import { authRoutes } from './routes/auth.js';
import { userRoutes } from './routes/users.js';
import { environmentRoutes } from './routes/environment.js';
import { auditLogRoutes } from './routes/audit-log.js';
import { terminalRoutes } from './routes/terminals.js';
import { registerRoutes } from './routes/register.js';
import { productRoutes } from './routes/products.js';
import { registerJournalRoutes } from './routes/register-journal.js';
import { reportRoutes } from './routes/reports.js';
import { journalExportRoutes } from './routes/journal-export.js';
import { accountingSettingsRoutes } from './routes/accounting-settings.js';
import { accountingExportRoutes } from './routes/accounting-exports.js';

/** Answers a refusal with its catalogue status and body. */
function refuse(reply: FastifyReply, code: ErrorCode, details?: Record<string, unknown>) {
  return reply.status(errorStatus(code)).send(errorBody(code, details));
}

export interface AppDeps {
  database: Database;
  clock: Clock;
  version: string;
  tenancy: TenantResolutionOptions;
  /** Built backoffice web app (index.html + assets); null or missing: a hint page instead. */
  webDir: string | null;
  signInLimits?: SignInLimits;
  /** Trust X-Forwarded-* from a reverse proxy (for the client address and https). */
  trustProxy?: boolean;
  logger?: boolean | { level: string };
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** Where `npm run build:register` puts the register program (for installer downloads). */
  registerDistDir?: string;
  /** More routes, registered after the built-in ones (composition roots and tests). */
  plugins?: FastifyPluginAsync[];
  /** Serve https with this certificate and key (PEM). */
  https?: { cert: string; key: string };
}

/** An API route as registered: what the isolation test walks through. */
interface ApiRoute {
  method: string;
  url: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps & { signInLimits: SignInLimits };
    /** Every /api route registered, for tests that must cover each one. */
    apiRoutes: ApiRoute[];
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function accessOf(request: FastifyRequest): RouteAccess {
  return request.routeOptions.config.kassa ?? { access: 'signed-in' };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Builds the application (not listening). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.https ? { https: deps.https } : {}),
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit ?? 64 * 1024,
    trustProxy: deps.trustProxy ?? false,
    // Redact secrets from request logs: Fastify's default serializer logs no headers or bodies.
  }).withTypeProvider<ZodTypeProvider>();
  app.decorate('deps', { ...deps, signInLimits: deps.signInLimits ?? DEFAULT_SIGN_IN_LIMITS });
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    for (const method of methods) if (method !== 'HEAD') apiRoutes.push({ method, url: route.url });
  });
  app.decorateRequest('tenant', null);
  app.decorateRequest('device', null);
  app.decorateRequest('rawBody', null);
  app.decorateRequest('signedIn', null);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON bodies: a form or text post is refused (415), which also defeats simple CSRF forms.
  app.removeContentTypeParser(['text/plain']);
  // JSON bodies are kept as sent too: a register signs the exact bytes (device-auth.ts).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    request.rawBody = text;
    void parseJson(request, text, done);
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send(errorBody(error.code, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: v.instancePath,
        message: v.message,
        where: error.validationContext,
      }));
      return refuse(reply, 'validation-failed', { issues });
    }
    const fastifyCode = (error as { code?: string }).code;
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const byFastifyCode: Record<string, ErrorCode> = {
      FST_ERR_CTP_BODY_TOO_LARGE: 'body-too-large',
      FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
      FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad-request',
      FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid-json',
      FST_ERR_CTP_INVALID_JSON_BODY: 'invalid-json',
    };
    const mapped = fastifyCode ? byFastifyCode[fastifyCode] : undefined;
    if (mapped) return refuse(reply, mapped);
    if (error instanceof SyntaxError && status === 400) return refuse(reply, 'invalid-json');
    if (status === 429) return refuse(reply, 'rate-limited');
    if (status >= 400 && status < 500) return reply.status(status).send(errorBody('bad-request'));
    request.log.error({ err: error }, 'unhandled error');
    return refuse(reply, 'internal-error');
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kassa backoffice API',
        version: deps.version,
        description:
          'The backoffice API of Kassa. Errors: `{ error: { code, sv, en, details? } }`. ' +
          'State-changing requests need the header X-CSRF-Token from GET /api/auth/me.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Edge: environment → session → access → CSRF. Runs before the body is even parsed.
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.is404) return;
    checkRegisterProtocol(request, deps.version);
    const access = accessOf(request);
    if (access.public || request.url.startsWith('/api/docs')) return;
    const tenant = await resolveTenant(deps.database.db, request.headers.host, deps.tenancy);
    if (!tenant) throw new ApiError('environment-not-found');
    request.tenant = tenant;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      request.signedIn = await loadSession(deps.database.db, tenant.id, token, deps.clock.now());
    }
    const who = access.access ?? 'signed-in';
    if (who === 'device') return; // verified in preHandler, once the signed body has been read
    if (who !== 'anyone') {
      const signedIn = request.signedIn;
      if (!signedIn) throw new ApiError('not-authenticated');
      if (who !== 'signed-in' && !who.includes(signedIn.role)) {
        throw new ApiError(
          signedIn.role === 'cashier' ? 'forbidden-cashier' : 'forbidden-admin-only',
        );
      }
    }
    if (access.module !== undefined) {
      const licence = await readLicence(deps.database.db, tenant.id);
      if (!licence.modules.includes(access.module)) {
        throw new ApiError('module-not-licensed', { module: access.module });
      }
    }
    if (STATE_CHANGING.has(request.method)) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== 'null') {
        let originHost = '';
        try {
          originHost = new URL(origin).host;
        } catch {
          originHost = '';
        }
        if (originHost !== request.headers.host) throw new ApiError('csrf-origin-mismatch');
      } else if (origin === 'null') {
        throw new ApiError('csrf-origin-mismatch');
      }
      if (request.signedIn) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !safeEqual(sent, request.signedIn.csrfToken)) {
          throw new ApiError('csrf-token-invalid');
        }
      }
    }
  });

  app.addHook('preHandler', async (request) => {
    if (accessOf(request).access !== 'device' || !request.tenant) return;
    request.device = await authenticateDevice(
      deps.database.db,
      request.tenant.id,
      request,
      deps.clock.now(),
    );
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(environmentRoutes);
  await app.register(auditLogRoutes);
  await app.register(terminalRoutes);
  await app.register(registerRoutes);
  await app.register(productRoutes);
  await app.register(registerJournalRoutes);
  await app.register(reportRoutes);
  await app.register(journalExportRoutes);
  await app.register(accountingSettingsRoutes);
  await app.register(accountingExportRoutes);
  for (const plugin of deps.plugins ?? []) await app.register(plugin);

  app.get(
    '/api/openapi.json',
    { config: { kassa: { public: true } }, schema: { hide: true } },
    () => app.swagger(),
  );

  const webDir =
    deps.webDir && existsSync(path.join(deps.webDir, 'index.html')) ? deps.webDir : null;
  if (webDir) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return refuse(reply, 'not-found');
    }
    if (webDir) return reply.type('text/html').sendFile('index.html');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Kassa</title>' +
          '<p>Backoffice-webben är inte byggd. Kör <code>npm run build</code> och starta om servern.</p>' +
          '<p>The backoffice web app is not built. Run <code>npm run build</code> and restart the server.</p>',
      );
  });

  await app.ready();
  return app;
}

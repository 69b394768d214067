/**
 * The edge of the register's local service (local-service.ts): only this PC reaches it
 * (127.0.0.1), and requests that a web page elsewhere could make are refused: the Host must be a
 * local name (against DNS rebinding), an Origin header must be local, and bodies must be JSON.
 * Refusals leave as `{ error: { code, sv, en, details? } }` with the catalogue's status
 * (docs/protocols/register-protocol.md); the OpenAPI document and the POS web app are served here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { localApiStatusOf, registerErrorBody, type AnyErrorCode } from '@kassa/contracts';
import { seaPosWebAsset } from '../program/assets.js';
import type { Failure } from '../failure.js';
import { PROGRAM_VERSION } from '../program/program.js';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostNameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/** The HTTP status of the local API for a failure: the server's own, or its code's (contracts). */
function statusOf(failure: Failure): number {
  if (failure.status !== undefined && failure.status >= 400) return failure.status;
  return localApiStatusOf(failure.code);
}

/** Answers with a failure: its status and `{ error: { code, sv, en, details? } }`. */
export function send(reply: FastifyReply, failure: Failure): FastifyReply {
  const { code, sv, en, details } = failure;
  return reply
    .status(statusOf(failure))
    .send({ error: details ? { code, sv, en, details } : { code, sv, en } });
}

/**
 * Zod validation and serialisation, the OpenAPI document (/local/openapi.json), JSON bodies
 * only, the error handler and the local-origin check, on `app`.
 */
export async function setUpLocalEdge(app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Kassa register local API',
        version: PROGRAM_VERSION,
        description:
          'The API of `kassa start` on 127.0.0.1, used by the POS web app: status, connecting, ' +
          'cashier sign-in, and selling (catalogue, the sale under construction, payment, receipts, ' +
          'copies, returns, parking, drawer and cash, X and Z reports, settings). Amounts are öre. ' +
          'Errors: `{ error: { code, sv, en, details? } }`. See docs/protocols/register-protocol.md.',
      },
    },
    transform: jsonSchemaTransform,
  });
  app.removeContentTypeParser(['text/plain']);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send(
        registerErrorBody('validation-failed', {
          issues: error.validation.map((v) => ({ path: v.instancePath, message: v.message })),
        }),
      );
    }
    const code = (error as { code?: string }).code;
    const statusCode = (error as { statusCode?: number }).statusCode ?? 500;
    const byCode: Record<string, [number, AnyErrorCode]> = {
      FST_ERR_CTP_BODY_TOO_LARGE: [413, 'body-too-large'],
      FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported-media-type'],
      FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid-json'],
      FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid-json'],
    };
    const mapped = code ? byCode[code] : undefined;
    if (mapped) return reply.status(mapped[0]).send(registerErrorBody(mapped[1]));
    if (statusCode >= 400 && statusCode < 500) {
      return reply.status(statusCode).send(registerErrorBody('bad-request'));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(registerErrorBody('internal-error'));
  });

  // Only this PC, only local pages: refuse other host names (DNS rebinding) and foreign origins.
  app.addHook('onRequest', async (request, reply) => {
    const hostOk = LOCAL_HOSTS.has(hostNameOf(request.headers.host ?? ''));
    const origin = request.headers.origin;
    let originOk = true;
    if (origin !== undefined) {
      try {
        originOk =
          LOCAL_HOSTS.has(new URL(origin).hostname.toLowerCase()) ||
          LOCAL_HOSTS.has(`[${new URL(origin).hostname}]`);
      } catch {
        originOk = false;
      }
    }
    if (!hostOk || !originOk) {
      return reply.status(403).send(registerErrorBody('local-origin-refused'));
    }
  });
}

/** The OpenAPI document of the local API (not listed in itself). */
export function registerOpenApiRoute(app: FastifyInstance): void {
  app.get('/local/openapi.json', { schema: { hide: true } }, () => app.swagger());
}

/**
 * The POS web app (packages/pos-web/dist, or `pos-web/` beside the program, or inside the
 * executable) for every GET outside /local/, and 404 `not-found` for the rest.
 */
export async function servePosWeb(app: FastifyInstance, posWebDir: string | null): Promise<void> {
  const webRoot = posWebDir && existsSync(path.join(posWebDir, 'index.html')) ? posWebDir : null;
  if (webRoot) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/local/') || request.method !== 'GET') {
      return reply.status(404).send(registerErrorBody('not-found'));
    }
    if (webRoot) return reply.type('text/html').sendFile('index.html');
    const asset = seaPosWebAsset(request.url); // the POS web app inside the executable
    if (asset) return reply.type(asset.type).send(asset.body);
    const { sv, en } = {
      sv: 'Kassans webbgränssnitt är inte byggt. Ladda ner installationsprogrammet igen i backoffice (mappen pos-web ska ligga bredvid programmet kassa), eller kör <code>npm run build -w @kassa/pos-web</code> i utvecklingsmiljön och starta om kassan.',
      en: 'The register web app is not built. Download the installer again in the backoffice (the pos-web folder belongs beside the kassa program), or run <code>npm run build -w @kassa/pos-web</code> in the development environment and restart the register.',
    };
    return reply
      .status(503)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><html lang="sv"><meta charset="utf-8"><title>Kassa</title>' +
          `<h1>Kassa</h1><p>${sv}</p><p lang="en">${en}</p>` +
          `<p>Status: <a href="/local/status">/local/status</a></p></html>`,
      );
  });
}

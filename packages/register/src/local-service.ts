/**
 * `kassa start`: the register's local service on 127.0.0.1. It serves the POS web app
 * (packages/pos-web/dist, or `pos-web/` beside the program) and the Register local API of
 * register-protocol.md (/local/status, /local/terminals, /local/connect, /local/sign-in,
 * /local/sign-out). Cashiers sign in offline against cashiers.json, which is synced from the
 * server at start and every minute together with the heartbeat.
 *
 * Only this PC can reach it (127.0.0.1), and requests that a web page elsewhere could make are
 * refused: the Host must be a local name (against DNS rebinding), an Origin header must be
 * local, and bodies must be JSON.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import {
  localConnectBodySchema,
  localSignInBodySchema,
  localTerminalsBodySchema,
  localApiStatusOf,
  registerErrorBody,
  type AnyErrorCode,
  type LocalSignedIn,
  type LocalStatus,
} from '@kassa/contracts';
import { lookUpCashier, PinThrottle, readCashiers, verifyPin } from './cashiers.js';
import { checkAddress, connect } from './connect.js';
import { failure as makeFailure, type Failure } from './failure.js';
import { FILES } from './data-folder.js';
import { loadInstallation, type Installation } from './installation.js';
import { seaPosWebAsset } from './assets.js';
import { findPosWebDir, PROGRAM_VERSION } from './program.js';
import { findProvisioning } from './provisioning.js';
import { listTerminals } from './server-api.js';
import { readState, type RegisterState } from './state.js';
import { syncOnce, type SyncResult } from './sync/sync-once.js';
import { watchJournalChain } from './selling/chain-watch.js';
import { JournalOpenError } from './selling/journal-store.js';
import { registerSellingRoutes } from './selling/routes.js';
import { SellingRuntime } from './selling/runtime.js';
import { anchorFailure, checkAnchorsOfFile } from './sync/anchors.js';
import { restoreJournalFromServer } from './sync/journal-restore.js';
import { registerUploadRoutes, UploadSlot } from './sync/upload-slot.js';
import type { UploadNowOptions, UploadOutcome, UploadTiming } from './sync/uploader.js';

export interface LocalServiceOptions {
  folder: string;
  env?: NodeJS.ProcessEnv;
  /** The POS web app; undefined: found beside the program or in the workspace. */
  posWebDir?: string | null;
  /** Sync with the server every this many ms (default 60 s); 0: only when asked (tests). */
  syncIntervalMs?: number;
  /** Where kassa-provisioning.json is looked for (POST /local/connect with only a code). */
  provisioningCandidates?: string[];
  logger?: boolean;
  /** The clock of the selling engine (tests); Date.now by default. */
  clock?: () => number;
  /**
   * A clock that only moves forward, to see the wall clock jump while running; performance.now
   * by default when `clock` is not injected (tests with a hand-moved clock give their own).
   */
  monotonic?: () => number;
  /** Probe a control unit that is down this often (default 15 s); 0: never (tests). */
  controlUnitProbeMs?: number;
  /** The journal uploader's timing (tests); see sync/uploader.ts for the defaults. */
  upload?: Partial<UploadTiming>;
  /**
   * After start, a request that journals waits at most this long (default 5 s) for the first
   * comparison of the journal with the server's head (sync/uploader.ts `headCompared`).
   */
  journalCheckWaitMs?: number;
}

/** Requests that do not journal and may run before the journal was compared with the server. */
const BEFORE_JOURNAL_CHECK = new Set([
  '/local/upload/retry',
  '/local/connect',
  '/local/provisioning',
  '/local/terminals',
  '/local/sync',
]);

/** What the service exposes to the CLI and tests besides HTTP. */
export interface LocalServiceControl {
  /** Syncs with the server now (me + heartbeat); null when not connected. */
  syncNow(): Promise<SyncResult | null>;
  status(): LocalStatus;
  /** Syncs now, then every `syncIntervalMs`, and uploads the journal in the background. */
  startSync(): void;
  /** Uploads the journal now (null when no journal is open). */
  uploadNow(options?: UploadNowOptions): Promise<UploadOutcome | null>;
}

declare module 'fastify' {
  interface FastifyInstance {
    kassa: LocalServiceControl;
  }
}

/** How long closing waits for a last upload of the journal. */
const FINAL_UPLOAD_MS = 3000;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostNameOf(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon === -1 ? h : h.slice(0, colon);
}

/** The HTTP status of the local API for a failure: the server's own, or its code's (contracts). */
export function statusOf(failure: Failure): number {
  if (failure.status !== undefined && failure.status >= 400) return failure.status;
  return localApiStatusOf(failure.code);
}

function send(reply: FastifyReply, failure: Failure): FastifyReply {
  const { code, sv, en, details } = failure;
  return reply
    .status(statusOf(failure))
    .send({ error: details ? { code, sv, en, details } : { code, sv, en } });
}

export async function buildLocalService(options: LocalServiceOptions): Promise<FastifyInstance> {
  const { folder } = options;
  const env = options.env ?? process.env;
  const posWebDir = options.posWebDir === undefined ? findPosWebDir(env) : options.posWebDir;
  const intervalMs = options.syncIntervalMs ?? 60_000;

  let installation: Installation | null = null;
  let installationProblem: Failure | null = null;
  let state: RegisterState | null = null;
  let signedIn: LocalSignedIn | null = null;
  const throttle = new PinThrottle();
  let syncing: Promise<SyncResult | null> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let probeTimer: NodeJS.Timeout | null = null;
  let runtime: SellingRuntime | null = null;
  let runtimeFor: string | null = null;
  let runtimeProblem: Failure | null = null;
  /** A broken entry found by the background verification of the chain (chain-watch.ts). */
  let journalDamage: Failure | null = null;
  /** The empty journal still waits for the server's copy (tried again with every sync). */
  let restorePending = false;
  const probeMs = options.controlUnitProbeMs ?? 15_000;
  // ---- Journal upload (sync/): one uploader per open journal, in the background ----
  const uploads = new UploadSlot({
    clock: options.clock ?? Date.now,
    ...(options.upload ? { timing: options.upload } : {}),
    log: (level, message, detail) => app.log[level]({ detail }, message),
  });

  async function openRuntime(): Promise<void> {
    const bindingId = installation?.register.bindingId ?? null;
    if (runtime !== null && runtimeFor === bindingId) return;
    if (runtime !== null) {
      uploads.detach();
      await runtime.close().catch(() => undefined);
      runtime = null;
      runtimeFor = null;
    }
    runtimeProblem = null;
    journalDamage = null;
    restorePending = false;
    if (installation === null || bindingId === null) return;
    const current = installation;
    // An empty journal first continues the terminal's journal on the server (a new PC): never
    // a second receipt series. Without the server's answer the register does not sell.
    const restored = await restoreJournalFromServer({
      file: path.join(folder, FILES.journal),
      identity: current.identity,
      now: options.clock ?? Date.now,
    });
    if (!restored.ok) {
      restorePending = true;
      runtimeProblem = { ...restored.failure, status: 503 };
      log('warn', `journal not restored: ${restored.failure.code}`, restored.failure);
      return;
    }
    if (restored.value.restored > 0) {
      log('info', `journal restored from the server: ${restored.value.restored} entries`);
    }
    // A journal shorter than what the server acknowledged, or with another hash there, is cut
    // or rewritten: no selling on it (sync/anchors.ts, docs/adr/0011-journal-anchors.md).
    const mismatch = checkAnchorsOfFile(path.join(folder, FILES.journal));
    if (mismatch !== null) {
      runtimeProblem = { ...anchorFailure(mismatch), status: 409 };
      log('warn', `journal does not match its anchor: ${mismatch.reason} at ${mismatch.seq}`);
      return;
    }
    try {
      runtime = await SellingRuntime.open({
        folder,
        installation: current,
        state: () => state,
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.monotonic
          ? { monotonic: options.monotonic }
          : options.clock
            ? {}
            : { monotonic: () => performance.now() }),
      });
      runtimeFor = bindingId;
      await runtime.recordStart();
      uploads.attach(runtime.engine.store, current.identity);
      void watchJournalChain(
        runtime.engine.store,
        (detail) => {
          journalDamage = {
            ...makeFailure('journal-damaged', { file: FILES.journal, detail }),
            status: 500,
          };
          uploads.detach();
          log('warn', `journal chain broken: ${detail}`);
        },
        (message) => log('info', message),
      );
      void runtime.engine.checkControlUnit().catch(() => undefined);
    } catch (error) {
      runtime = null;
      runtimeProblem =
        error instanceof JournalOpenError && error.code === 'journal-schema-newer'
          ? {
              ...makeFailure('journal-schema-newer', {
                file: FILES.journal,
                ...error.versions,
                programVersion: PROGRAM_VERSION,
              }),
              status: 500,
            }
          : error instanceof JournalOpenError
            ? {
                ...makeFailure('journal-damaged', { file: FILES.journal, detail: error.detail }),
                status: 500,
              }
            : {
                ...makeFailure('register-not-ready', { reason: String(error) }),
                status: 500,
              };
    }
  }

  /** Logs through the service's logger (not there yet while the service is being built). */
  function log(level: 'info' | 'warn', message: string, detail?: unknown): void {
    if (appReady) app.log[level]({ detail }, message);
  }
  let appReady = false;

  async function reload(): Promise<void> {
    const loaded = await loadInstallation(folder);
    installation = loaded.ok ? loaded.value : null;
    installationProblem = loaded.ok ? null : loaded.failure;
    state = installation ? await readState(folder, installation.register.bindingId) : null;
    await openRuntime();
  }

  /** The runtime, or why the register cannot sell now. */
  function sellingRuntime(): SellingRuntime | Failure {
    if (!installation) return { ...makeFailure('not-connected'), status: 409 };
    if (state?.binding === 'removed') {
      return state.problem
        ? { ...state.problem, status: 403 }
        : { ...makeFailure('binding-removed'), status: 403 };
    }
    if (state?.problem?.code === 'terminal-deactivated') return { ...state.problem, status: 409 };
    if (runtime === null) {
      return (
        runtimeProblem ?? { ...makeFailure('register-not-ready', { reason: '' }), status: 503 }
      );
    }
    if (journalDamage !== null) return journalDamage;
    // The server's copy is ahead of this journal or differs from it: selling on would repeat
    // receipt numbers or continue a changed journal (sync/anchors.ts).
    const stopper = uploads.sellingStopper();
    if (stopper !== null) return { ...stopper, status: 409 };
    return runtime;
  }

  function syncNow(): Promise<SyncResult | null> {
    syncing ??= (async () => {
      try {
        if (!installation) return null;
        if (restorePending && runtime === null) await openRuntime(); // fetch the journal now
        await uploads.uploadNow(); // then the heartbeat reports what is left
        const result = await syncOnce(installation, {
          heartbeat: true,
          backlog: () => uploads.heartbeat(runtime?.engine.controlUnitState()),
          config: { cursor: runtime?.configCursor() ?? null },
        });
        state = result.state;
        if (state.binding === 'removed') signedIn = null;
        const config = result.config;
        if (config?.changed === true) {
          if (config.reset) {
            log(
              'warn',
              `the server did not know this register's configuration cursor: its copies are replaced (now ${config.cursor})`,
            );
          }
          // Without an open journal price changes cannot be journaled: the cursor is then not
          // stored, and the next sync asks for the snapshot again.
          if (runtime !== null) await runtime.applyConfiguration(config);
        }
        return result;
      } finally {
        syncing = null;
      }
    })();
    return syncing;
  }

  function schedule(): void {
    if (intervalMs <= 0) return;
    timer = setTimeout(() => {
      syncNow()
        .catch((error: unknown) => app.log.error({ err: error }, 'sync failed'))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  /** A clock that stops selling (engine.checkClock), as the status's problem. */
  function clockProblemOf(open: SellingRuntime | null): LocalStatus['problem'] {
    const clock = open?.engine.clockProblem() ?? null;
    return clock === null ? null : { code: clock.code, sv: clock.sv, en: clock.en };
  }

  function status(): LocalStatus {
    if (!installation) {
      return {
        connected: false,
        binding: 'unknown',
        signedIn: null,
        problem: installationProblem
          ? {
              code: installationProblem.code,
              sv: installationProblem.sv,
              en: installationProblem.en,
            }
          : null,
        lastContactAt: null,
        programVersion: PROGRAM_VERSION,
      };
    }
    const { register } = installation;
    return {
      connected: true,
      environment: {
        slug: register.environment.slug,
        companyName: state?.environment?.companyName ?? register.environment.companyName,
        url: register.url,
      },
      terminal: {
        id: register.terminal.id,
        name: state?.terminal?.name ?? register.terminal.name,
        registerId: register.terminal.registerId,
        serialNumber: register.terminal.serialNumber,
      },
      binding: state?.binding ?? 'unknown',
      signedIn,
      problem:
        state?.problem ??
        uploads.sellingStopper() ??
        (runtime === null && runtimeProblem?.code === 'journal-anchor-mismatch'
          ? { code: runtimeProblem.code, sv: runtimeProblem.sv, en: runtimeProblem.en }
          : null) ??
        (journalDamage === null
          ? null
          : { code: journalDamage.code, sv: journalDamage.sv, en: journalDamage.en }) ??
        clockProblemOf(runtime) ??
        (restorePending && runtimeProblem !== null
          ? { code: runtimeProblem.code, sv: runtimeProblem.sv, en: runtimeProblem.en }
          : null),
      lastContactAt: state?.lastContactAt ?? null,
      programVersion: PROGRAM_VERSION,
      ...(runtime === null
        ? {}
        : {
            controlUnit: runtime.engine.controlUnitState(),
            training: runtime.engine.training(),
            businessDay: runtime.engine.businessDay(),
            zPending: runtime.engine.zPending(),
            settings: runtime.settings(),
            upload: uploads.status(),
          }),
    };
  }

  function scheduleProbe(): void {
    if (probeMs <= 0) return;
    probeTimer = setTimeout(() => {
      const probe =
        runtime !== null && runtime.engine.controlUnitState().state === 'down'
          ? runtime.engine.checkControlUnit()
          : Promise.resolve();
      probe
        .catch((error: unknown) => app.log.error({ err: error }, 'control unit probe failed'))
        .finally(scheduleProbe);
    }, probeMs);
    probeTimer.unref();
  }

  await reload();

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 64 * 1024 });
  appReady = true;
  const api = app.withTypeProvider<ZodTypeProvider>();
  function startSync(): void {
    if (timer) clearTimeout(timer);
    void syncNow()
      .catch((error: unknown) => app.log.error({ err: error }, 'sync failed'))
      .finally(schedule);
    uploads.start();
  }
  const uploadNow = (o?: UploadNowOptions) => uploads.uploadNow(o);
  app.decorate('kassa', { syncNow, status, startSync, uploadNow });
  // A journal whose tail was cut (a restored backup, a damaged disk) must not issue the numbers
  // the server already holds: right after start, before the first comparison with the server's
  // head, a request that journals waits for it (bounded: offline, selling goes on).
  const journalCheckWaitMs = options.journalCheckWaitMs ?? 5_000;
  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const route = request.url.split('?')[0] ?? '';
    if (!route.startsWith('/local/') || BEFORE_JOURNAL_CHECK.has(route)) return;
    await uploads.headCompared(journalCheckWaitMs);
  });
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

  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
    if (probeTimer) clearTimeout(probeTimer);
    await syncing?.catch(() => undefined);
    if (runtime !== null) {
      await runtime.recordStop().catch(() => undefined);
      // One last upload, so a stopped register leaves nothing behind when the server answers
      // at once; never more than a few seconds (the uploader gives up safely when detached).
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        uploads.uploadNow({ maxBatches: 2 }).catch(() => null),
        new Promise<void>((resolve) => {
          waited = setTimeout(resolve, FINAL_UPLOAD_MS);
          waited.unref();
        }),
      ]);
      clearTimeout(waited);
    }
    uploads.detach();
    await runtime?.close().catch(() => undefined);
    runtime = null;
  });
  scheduleProbe();
  // After a step that may have journaled something (never before: a sale does not wait).
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.method !== 'GET' && request.url.startsWith('/local/')) uploads.notify();
    done();
  });
  registerUploadRoutes(app, uploads);

  api.get('/local/status', () => status());

  // "Anslut kassan" fills in the address and pairing code the installer left in the data folder
  // (docs/protocols/installer-tag.md); once connected there is nothing to offer.
  api.get('/local/provisioning', async () => {
    if (status().connected) return { found: false };
    const found = await findProvisioning(options.provisioningCandidates);
    if (!found.ok || found.value === null) return { found: false };
    const { url, registerId, pairingCode, expiresAt } = found.value.provisioning;
    return { found: true, url, registerId, pairingCode, expiresAt };
  });
  api.get('/local/openapi.json', { schema: { hide: true } }, () => app.swagger());

  api.post(
    '/local/terminals',
    { schema: { body: localTerminalsBodySchema } },
    async (request, reply) => {
      const checked = await checkAddress(request.body.url);
      if (!checked.ok) return send(reply, checked.failure);
      const list = await listTerminals(checked.value.url, {
        username: request.body.username,
        password: request.body.password,
      });
      if (!list.ok) return send(reply, list.failure);
      return list.value;
    },
  );

  api.post(
    '/local/connect',
    { schema: { body: localConnectBodySchema } },
    async (request, reply) => {
      const body = request.body;
      let url: string;
      let credentials: Parameters<typeof connect>[0]['credentials'];
      const expected: { slug?: string; terminal?: string } = {};
      if ('code' in body) {
        const found = await findProvisioning(options.provisioningCandidates);
        const provisioning = found.ok ? found.value?.provisioning : undefined;
        const fromFile = provisioning && provisioning.pairingCode.trim() === body.code.trim();
        if (body.url === undefined && provisioning === undefined) {
          return send(reply, makeFailure('input-required', { missing: 'url' }));
        }
        url = body.url ?? provisioning?.url ?? '';
        credentials = { method: 'pairing-code', code: body.code };
        if (fromFile) {
          expected.slug = provisioning.environment;
          expected.terminal = provisioning.terminalId ?? provisioning.registerId;
        }
      } else {
        url = body.url;
        credentials = {
          method: 'password',
          username: body.username,
          password: body.password,
          terminalId: body.terminalId,
        };
        expected.terminal = body.terminalId;
      }
      const result = await connect({
        url,
        credentials,
        expected,
        folder,
        archiveExisting: false,
        force: false,
        by: 'kassans webbgränssnitt (POST /local/connect)',
        env,
      });
      if (!result.ok) return send(reply, result.failure);
      signedIn = null;
      await reload();
      if (intervalMs > 0) {
        if (timer) clearTimeout(timer);
        schedule();
      }
      return { status: status() };
    },
  );

  api.post(
    '/local/sign-in',
    { schema: { body: localSignInBodySchema } },
    async (request, reply) => {
      if (!installation) return send(reply, makeFailure('not-connected'));
      if (state?.binding === 'removed') {
        const problem = state.problem;
        return send(
          reply,
          problem && problem.code === 'binding-removed'
            ? { ...problem, status: 403 }
            : makeFailure('binding-removed'),
        );
      }
      if (state?.problem?.code === 'terminal-deactivated') {
        return send(reply, { ...state.problem, status: 409 });
      }
      const cashiers = await readCashiers(folder);
      if (cashiers === null || cashiers.terminalId !== installation.register.terminal.id) {
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
      if (signedIn !== null && signedIn.username !== found.cashier.username) {
        await runtime?.engine.record(signedIn.username, [
          { kind: 'sign-out', data: { cashierId: signedIn.username } },
        ]);
      }
      signedIn = {
        username: found.cashier.username,
        displayName: found.cashier.displayName,
        role: found.cashier.role,
      };
      await runtime?.engine.record(signedIn.username, [
        { kind: 'sign-in', data: { cashierId: signedIn.username } },
      ]);
      return { signedIn };
    },
  );

  api.post('/local/sign-out', async (_request, reply) => {
    if (signedIn !== null) {
      await runtime?.engine.record(signedIn.username, [
        { kind: 'sign-out', data: { cashierId: signedIn.username } },
      ]);
    }
    signedIn = null;
    return reply.status(204).send();
  });

  registerSellingRoutes(app, {
    runtime: sellingRuntime,
    actor: () => (signedIn === null ? null : { username: signedIn.username, role: signedIn.role }),
  });

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

  await app.ready();
  return app;
}

/**
 * `kassa start`: the register's local service on 127.0.0.1. It serves the POS web app
 * (packages/pos-web/dist, or `pos-web/` beside the program) and the Register local API of
 * register-protocol.md (/local/status, /local/terminals, /local/connect, /local/sign-in,
 * /local/sign-out, and selling). Cashiers sign in offline against cashiers.json, which is synced
 * from the server at start and every minute together with the heartbeat.
 *
 * Where the register stands (not connected, opening its journal, selling, refused, …) is one
 * value, service/lifecycle.ts; this module does the I/O and applies each outcome as a step. The
 * edge (local host and origin only, JSON bodies, errors) is service/http-edge.ts.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { LocalStatus } from '@kassa/contracts';
import { failure as makeFailure } from './failure.js';
import { FILES } from './folder/data-folder.js';
import { loadInstallation } from './connect/installation.js';
import { findPosWebDir } from './program/program.js';
import { readState } from './folder/state.js';
import { syncOnce, type SyncResult } from './sync/sync-once.js';
import { watchJournalChain } from './selling/chain-watch.js';
import { registerSellingRoutes } from './selling/routes.js';
import type { SellingRuntime } from './selling/runtime.js';
import { registerUploadRoutes, UploadSlot } from './sync/upload-slot.js';
import type { UploadNowOptions, UploadOutcome, UploadTiming } from './sync/uploader.js';
import { registerCashierRoutes } from './service/cashier-routes.js';
import { registerConnectRoutes } from './service/connect-routes.js';
import { registerOpenApiRoute, servePosWeb, setUpLocalEdge } from './service/http-edge.js';
import { openJournal } from './service/journal-opening.js';
import {
  connectionOf,
  damageFound,
  initialLifecycle,
  journalRefused,
  loaded,
  opened,
  reopening,
  restoreFailed,
  runtimeOf,
  sellingOf,
  serverAnswered,
  stopped,
  type Lifecycle,
  type LifecycleCell,
  type Loaded,
  type Step,
} from './service/lifecycle.js';
import { statusAnswer } from './service/status-answer.js';

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
interface LocalServiceControl {
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

export async function buildLocalService(options: LocalServiceOptions): Promise<FastifyInstance> {
  const { folder } = options;
  const env = options.env ?? process.env;
  const posWebDir = options.posWebDir === undefined ? findPosWebDir(env) : options.posWebDir;
  const intervalMs = options.syncIntervalMs ?? 60_000;

  let current: Lifecycle<SellingRuntime> = initialLifecycle();
  const lifecycle: LifecycleCell<SellingRuntime> = {
    get: () => current,
    apply(step: Step<SellingRuntime>): boolean {
      if (!step.ok) {
        log('warn', `lifecycle: ${step.refused}`);
        return false;
      }
      current = step.next;
      return true;
    },
  };
  let syncing: Promise<SyncResult | null> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let probeTimer: NodeJS.Timeout | null = null;
  const probeMs = options.controlUnitProbeMs ?? 15_000;
  // ---- Journal upload (sync/): one uploader per open journal, in the background ----
  const uploads = new UploadSlot({
    clock: options.clock ?? Date.now,
    ...(options.upload ? { timing: options.upload } : {}),
    log: (level, message, detail) => app.log[level]({ detail }, message),
  });

  /** Opens the journal of a lifecycle in its `opening` phase, and applies the outcome. */
  async function openRuntime(): Promise<void> {
    const at = current;
    if (at.phase !== 'opening') return;
    const opening = await openJournal({
      folder,
      installation: at.installation,
      state: () => connectionOf(current)?.server ?? null,
      clock: options.clock,
      monotonic: options.monotonic,
      log,
    });
    if (opening.kind === 'restore-failed') {
      lifecycle.apply(restoreFailed(current, opening.problem));
      return;
    }
    if (opening.kind === 'refused') {
      lifecycle.apply(journalRefused(current, opening.problem));
      return;
    }
    const { runtime } = opening;
    if (!lifecycle.apply(opened(current, runtime))) {
      await runtime.close().catch(() => undefined); // the service moved on meanwhile
      return;
    }
    uploads.attach(runtime.engine.store, at.installation.identity);
    void watchJournalChain(
      runtime.engine.store,
      (detail) => {
        const damage = {
          ...makeFailure('journal-damaged', { file: FILES.journal, detail }),
          status: 500,
        };
        if (lifecycle.apply(damageFound(current, runtime, damage))) uploads.detach();
        log('warn', `journal chain broken: ${detail}`);
      },
      (message) => log('info', message),
    );
    void runtime.engine.checkControlUnit().catch(() => undefined);
  }

  /** Logs through the service's logger (not there yet while the service is being built). */
  function log(level: 'info' | 'warn', message: string, detail?: unknown): void {
    if (appReady) app.log[level]({ detail }, message);
  }
  let appReady = false;

  /** Reads register.json and state.json again, and opens the journal when that is due. */
  async function reload(): Promise<void> {
    const read = await loadInstallation(folder);
    const installation = read.ok ? read.value : null;
    const found: Loaded =
      installation === null
        ? { installation: null, problem: read.ok ? null : read.failure }
        : { installation, server: await readState(folder, installation.register.bindingId) };
    const { step, dropped } = loaded(current, found);
    const moved = lifecycle.apply(step);
    if (dropped !== null) {
      uploads.detach();
      await dropped.close().catch(() => undefined);
    }
    if (moved) await openRuntime();
  }

  function syncNow(): Promise<SyncResult | null> {
    syncing ??= (async () => {
      try {
        if (connectionOf(current) === null) return null;
        // The empty journal still waits for the server's copy: fetch it now.
        if (current.phase === 'restore-pending' && lifecycle.apply(reopening(current))) {
          await openRuntime();
        }
        await uploads.uploadNow(); // then the heartbeat reports what is left
        const connection = connectionOf(current);
        if (connection === null) return null;
        const result = await syncOnce(connection.installation, {
          heartbeat: true,
          backlog: () => uploads.heartbeat(runtimeOf(current)?.engine.controlUnitState()),
          config: { cursor: runtimeOf(current)?.configCursor() ?? null },
        });
        lifecycle.apply(serverAnswered(current, result.state));
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
          const runtime = runtimeOf(current);
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

  const status = (): LocalStatus => statusAnswer(current, uploads);

  function scheduleProbe(): void {
    if (probeMs <= 0) return;
    probeTimer = setTimeout(() => {
      const runtime = runtimeOf(current);
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
  await setUpLocalEdge(app);

  app.addHook('onClose', async () => {
    if (timer) clearTimeout(timer);
    if (probeTimer) clearTimeout(probeTimer);
    await syncing?.catch(() => undefined);
    const runtime = runtimeOf(current);
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
    const { step, dropped } = stopped(current);
    lifecycle.apply(step);
    await dropped?.close().catch(() => undefined);
  });
  scheduleProbe();
  // After a step that may have journaled something (never before: a sale does not wait).
  app.addHook('onResponse', (request, _reply, done) => {
    if (request.method !== 'GET' && request.url.startsWith('/local/')) uploads.notify();
    done();
  });
  registerUploadRoutes(app, uploads);

  app.get('/local/status', () => status());
  registerOpenApiRoute(app);
  registerConnectRoutes(app, {
    folder,
    env,
    provisioningCandidates: options.provisioningCandidates,
    status,
    async connected() {
      await reload();
      if (intervalMs > 0) {
        if (timer) clearTimeout(timer);
        schedule();
      }
    },
  });
  registerCashierRoutes(app, { folder, lifecycle });

  registerSellingRoutes(app, {
    runtime: () => sellingOf(current, uploads.sellingStopper()),
    actor: () => {
      const cashier = connectionOf(current)?.cashier ?? null;
      return cashier === null ? null : { username: cashier.username, role: cashier.role };
    },
  });

  await servePosWeb(app, posWebDir);
  await app.ready();
  return app;
}

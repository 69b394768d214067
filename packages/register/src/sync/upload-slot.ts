/**
 * The journal uploader as the local service holds it: one uploader per open journal (attached
 * when the selling runtime opens, detached before it closes), the upload part of
 * /local/status, the backlog for the heartbeat, and POST /local/upload/retry.
 */
import type { FastifyInstance } from 'fastify';
import { registerErrorBody, type ControlUnitState, type LocalUploadStatus } from '@kassa/contracts';
import type { DeviceIdentity } from '../device/device-client.js';
import type { JournalStore } from '../selling/journal-store.js';
import type { UploadProblem } from './upload-mark.js';
import type { JournalReport } from './anchors.js';
import {
  JournalUploader,
  type UploadLog,
  type UploadNowOptions,
  type UploadOutcome,
  type UploadTiming,
} from './uploader.js';

export interface UploadSlotOptions {
  readonly clock: () => number;
  readonly timing?: Partial<UploadTiming>;
  readonly random?: () => number;
  readonly log?: UploadLog;
}

/** What the heartbeat tells the backoffice about the backlog and the control unit. */
export interface HeartbeatBacklog {
  unsyncedEntries: number;
  oldestUnsyncedAt: string | null;
  controlUnit?: {
    state: 'ok' | 'down' | 'unknown';
    serialNumber: string | null;
    simulated: boolean;
  };
  /** The journal against the server's copy (anchors.ts). */
  journal?: JournalReport;
}

/** Upload problems that mean the journal here is not the server's: the register does not sell. */
const SELLING_STOPPERS = new Set([
  'upload-server-ahead',
  'upload-server-differs',
  'journal-conflict',
]);

export class UploadSlot {
  private uploader: JournalUploader | null = null;
  private started = false;

  constructor(private readonly options: UploadSlotOptions) {}

  /** A journal opened: upload it (in the background once started). */
  attach(store: JournalStore, identity: DeviceIdentity): void {
    this.detach();
    this.uploader = new JournalUploader({
      store,
      identity,
      clock: this.options.clock,
      ...(this.options.timing ? { timing: this.options.timing } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.log ? { log: this.options.log } : {}),
    });
    if (this.started) this.uploader.start();
  }

  /** The journal is about to close. */
  detach(): void {
    this.uploader?.close();
    this.uploader = null;
  }

  /** Background uploading from now on (`kassa start`). */
  start(): void {
    this.started = true;
    this.uploader?.start();
  }

  /** A step was journaled. */
  notify(): void {
    this.uploader?.notify();
  }

  status(): LocalUploadStatus | undefined {
    return this.uploader?.status();
  }

  /** Waits (bounded) until the journal was compared with the server's head (uploader.ts). */
  async headCompared(timeoutMs: number): Promise<void> {
    await this.uploader?.headCompared(timeoutMs);
  }

  /** The problem that stops selling (SELLING_STOPPERS), or null. */
  sellingStopper(): UploadProblem | null {
    const problem = this.uploader?.problem() ?? null;
    return problem !== null && SELLING_STOPPERS.has(problem.code) ? problem : null;
  }

  /** Uploads now; null when no journal is open. */
  async uploadNow(options: UploadNowOptions = {}): Promise<UploadOutcome | null> {
    return this.uploader === null ? null : this.uploader.uploadNow(options);
  }

  /** The backlog for the heartbeat; null when no journal is open (then read from the file). */
  heartbeat(controlUnit: ControlUnitState | undefined): HeartbeatBacklog | null {
    const upload = this.status();
    if (upload === undefined) return null;
    return {
      unsyncedEntries: upload.pending,
      oldestUnsyncedAt: upload.oldestPendingAt,
      ...(this.uploader === null ? {} : { journal: this.uploader.journalReport() }),
      ...(controlUnit === undefined
        ? {}
        : {
            controlUnit: {
              state: controlUnit.state,
              serialNumber: controlUnit.serialNumber?.slice(0, 64) ?? null,
              simulated: controlUnit.simulated,
            },
          }),
    };
  }
}

/**
 * POST /local/upload/retry: clears a problem that stopped uploading and tries again at once (in
 * the background); answers with the upload status. 409 when no journal is open (not connected,
 * or the journal could not be opened: /local/status says why).
 */
export function registerUploadRoutes(app: FastifyInstance, slot: UploadSlot): void {
  app.post('/local/upload/retry', async (_request, reply) => {
    const running = slot.uploadNow({ retry: true });
    const upload = slot.status();
    if (upload === undefined) {
      return reply.status(409).send(registerErrorBody('not-connected'));
    }
    running.catch(() => undefined);
    return reply.status(202).send({ upload });
  });
}

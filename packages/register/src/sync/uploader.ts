/**
 * The journal uploader of `kassa start`: it sends the journal entries the server has
 * not acknowledged, in seq order and in batches, and stores the server's acknowledged
 * high-water mark in the journal file's working state (upload-mark.ts).
 *
 * - It only reads the journal (and writes its own mark); a sale never waits for it. It runs
 *   when told that a step was journaled (coalesced: at most one run per `debounceMs`), on a
 *   timer, and when asked (`uploadNow`).
 * - The first run after start asks the server for its head (GET /api/register/journal/head) and
 *   continues from there, so entries the server already has are not sent again, even when the
 *   local mark was lost. A server head beyond the local journal, or one whose hash differs from
 *   the local entry at that seq, stops uploading with a problem: it is never silently accepted.
 * - Network failures and other passing failures are retried with exponential backoff and
 *   jitter (capped, reset by a success). A refusal of the journal (409 journal-chain-broken,
 *   journal-conflict; journal-gap after one fresh look at the server's head) stops uploading
 *   with the server's message until the service restarts or an explicit retry.
 */
import type { JournalEntry } from '@kassa/core';
import { MAX_UPLOAD_BATCH, type JournalHeadAnswer, type LocalUploadStatus } from '@kassa/contracts';
import type { DeviceIdentity } from '../device/device-client.js';
import { failure as makeFailure, type Failure } from '../failure.js';
import type { JournalStore } from '../selling/journal-store.js';
import { readAnchor, rememberAnchor, type JournalReport } from './anchors.js';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
import { fetchJournalHead, toUploadedEntry, uploadJournal } from './journal-client.js';
import {
  backlogOf,
  EMPTY_MARK,
  readMark,
  writeMark,
  type UploadMark,
  type UploadProblem,
} from './upload-mark.js';

export interface UploadTiming {
  /** After a journaled step, upload within this many ms (steps in between join the same run). */
  readonly debounceMs: number;
  /** Look for anything left this often while all is well. */
  readonly intervalMs: number;
  /** Retry delays after failures in a row. */
  readonly backoff: BackoffPolicy;
  /** Entries per request (the protocol's most is MAX_UPLOAD_BATCH). */
  readonly batchSize: number;
  /** Bytes of entries per request at most (the server takes 8 MiB; one entry always goes). */
  readonly maxBatchBytes: number;
  /** The timeout of one request. */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_UPLOAD_TIMING: UploadTiming = {
  debounceMs: 250,
  intervalMs: 60_000,
  backoff: DEFAULT_BACKOFF,
  batchSize: MAX_UPLOAD_BATCH,
  maxBatchBytes: 6 * 1024 * 1024,
  requestTimeoutMs: 60_000,
};

/** The first entries whose JSON fits in `maxBytes` (at least one). */
export function fitBatch(entries: readonly JournalEntry[], maxBytes: number): JournalEntry[] {
  let bytes = 0;
  let count = 0;
  for (const entry of entries) {
    bytes += Buffer.byteLength(JSON.stringify(toUploadedEntry(entry)), 'utf8') + 1;
    if (count > 0 && bytes > maxBytes) break;
    count += 1;
  }
  return entries.slice(0, count);
}

export type UploadLog = (
  level: 'info' | 'warn' | 'error',
  message: string,
  detail?: unknown,
) => void;

export interface JournalUploaderOptions {
  readonly store: JournalStore;
  readonly identity: DeviceIdentity;
  /** The clock of the timestamps written (lastUploadAt, when a problem arose). */
  readonly clock: () => number;
  /** For the backoff's jitter; Math.random by default. */
  readonly random?: () => number;
  readonly timing?: Partial<UploadTiming>;
  readonly log?: UploadLog;
}

/** Progress after each acknowledged batch. */
interface UploadProgress {
  readonly batches: number;
  readonly sent: number;
  readonly acknowledgedSeq: number;
  readonly pending: number;
}

export interface UploadOutcome extends UploadProgress {
  /**
   * done: nothing is left; partial: `maxBatches` reached; failed: a passing failure (retried
   * with backoff); stopped: a problem stops uploading; closed: the service is closing.
   */
  readonly outcome: 'done' | 'partial' | 'failed' | 'stopped' | 'closed';
  /** The failure (failed) or the problem (stopped). */
  readonly failure: Failure | UploadProblem | null;
}

export interface UploadNowOptions {
  /** Clears a problem that stopped uploading and looks at the server's head again. */
  readonly retry?: boolean;
  /** Stop after this many batches (the rest stays pending). */
  readonly maxBatches?: number;
  /** Called after each acknowledged batch, before the next is sent (awaited). */
  readonly onBatch?: (progress: UploadProgress) => void | Promise<void>;
}

/** Refusals that say the journal itself is not acceptable: retrying the same bytes cannot help. */
const JOURNAL_REFUSALS = new Set(['journal-gap', 'journal-chain-broken', 'journal-conflict']);

function problemOf(failure: Failure | UploadProblem): UploadProblem {
  return { code: failure.code, sv: failure.sv, en: failure.en };
}

type TimerKind = 'soon' | 'interval' | 'backoff';

export class JournalUploader {
  private readonly timing: UploadTiming;
  private readonly random: () => number;
  private batchSize: number;
  private running: Promise<UploadOutcome> | null = null;
  /** A scheduled run found one under way: run again when it ends. */
  private again = false;
  private started = false;
  private closed = false;
  /** A problem stopped uploading in this process (until retry or restart). */
  private stopped = false;
  /** The server's head was compared with the journal since start (or the last retry). */
  private headChecked = false;
  /** Resolves when the first comparison with the server's head has ended, however it ended. */
  private readonly firstCheck: Promise<void>;
  private endFirstCheck: () => void = () => undefined;
  private failures = 0;
  /** The server's head as last answered (null: not asked yet in this process). */
  private serverSeq: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerKind: TimerKind | null = null;

  constructor(private readonly options: JournalUploaderOptions) {
    this.timing = { ...DEFAULT_UPLOAD_TIMING, ...options.timing };
    this.random = options.random ?? Math.random;
    this.batchSize = Math.max(1, Math.min(this.timing.batchSize, MAX_UPLOAD_BATCH));
    this.firstCheck = new Promise((resolve) => {
      this.endFirstCheck = resolve;
    });
  }

  /**
   * Waits (at most `timeoutMs`) until the journal has been compared with the server's head since
   * the uploader started, or the attempt failed (offline: selling goes on, offline-first). Until
   * then a journal whose tail was cut could issue a receipt number the server already holds
   * (docs/domain/receipts-journal-reports.md, "Failure: receipt numbers reused"). Resolves at
   * once when background uploading was never started.
   */
  async headCompared(timeoutMs: number): Promise<void> {
    if (!this.started || this.closed || this.headChecked || this.stopped) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      timer.unref();
    });
    try {
      await Promise.race([this.firstCheck, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Starts uploading in the background: now, then on steps and on the timer. */
  start(): void {
    if (this.closed || this.started) return;
    this.started = true;
    this.schedule(0, 'soon');
  }

  /** A step was journaled: upload soon, unless waiting after a failure or stopped. */
  notify(): void {
    if (!this.started || this.closed || this.stopped || this.failures > 0) return;
    if (this.timerKind === 'soon') return; // the coming run takes this step along
    this.schedule(this.timing.debounceMs, 'soon');
  }

  /**
   * The journal as the heartbeat reports it (anchors.ts): its head, its own hash at the seq the
   * server last named (or the stored anchor), and the highest receipt number used.
   */
  journalReport(): JournalReport {
    const { store } = this.options;
    const head = store.head();
    const checkSeq = this.serverSeq ?? readAnchor(store)?.seq ?? 0;
    const checkHash =
      checkSeq > 0 ? (store.entries({ afterSeq: checkSeq - 1, limit: 1 })[0]?.hash ?? null) : null;
    return {
      headSeq: head?.seq ?? 0,
      headHash: head?.hash ?? null,
      checkSeq,
      checkHash,
      lastReceiptNumber: store.nextNumber('receipt') - 1,
    };
  }

  /** Why uploading stopped, from the mark alone (every request asks: no backlog is read). */
  problem(): UploadProblem | null {
    const problem = readMark(this.options.store)?.problem ?? null;
    return problem === null ? null : { code: problem.code, sv: problem.sv, en: problem.en };
  }

  /** The backlog and how the upload goes (GET /local/status). */
  status(): LocalUploadStatus {
    const backlog = backlogOf(this.options.store);
    return { ...backlog, draining: this.running !== null };
  }

  /** Uploads now (after a run under way ends): until nothing is left or something fails. */
  async uploadNow(options: UploadNowOptions = {}): Promise<UploadOutcome> {
    if (options.retry === true) {
      this.stopped = false;
      this.headChecked = false;
    }
    while (this.running !== null) await this.running;
    return this.run(options);
  }

  /** Stops for good; a request under way is abandoned (its answer is not stored). */
  close(): void {
    this.closed = true;
    this.clearTimer();
    this.endFirstCheck();
  }

  private schedule(ms: number, kind: TimerKind): void {
    if (this.closed || !this.started) return;
    this.clearTimer();
    this.timerKind = kind;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerKind = null;
      if (this.running !== null) {
        this.again = true;
        return;
      }
      void this.run({});
    }, ms);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.timerKind = null;
  }

  private run(options: UploadNowOptions): Promise<UploadOutcome> {
    this.again = false;
    const running = this.pass(options)
      .catch((error: unknown): UploadOutcome => {
        this.options.log?.('error', 'journal upload failed', error);
        return this.result('failed', { batches: 0, sent: 0 }, makeFailure('internal-error'));
      })
      .then((outcome) => {
        this.running = null;
        this.afterRun(outcome);
        return outcome;
      });
    this.running = running;
    return running;
  }

  private afterRun(outcome: UploadOutcome): void {
    switch (outcome.outcome) {
      case 'done':
      case 'partial':
        this.failures = 0;
        if (this.again || outcome.outcome === 'partial') this.schedule(0, 'soon');
        else this.schedule(this.timing.intervalMs, 'interval');
        break;
      case 'failed':
        this.failures += 1;
        this.schedule(backoffDelay(this.failures, this.timing.backoff, this.random), 'backoff');
        break;
      case 'stopped':
      case 'closed':
        this.clearTimer();
        break;
    }
    this.again = false;
  }

  private result(
    outcome: UploadOutcome['outcome'],
    counts: { batches: number; sent: number },
    failure: Failure | UploadProblem | null = null,
  ): UploadOutcome {
    let backlog = { acknowledgedSeq: 0, pending: 0 };
    try {
      if (!this.closed) backlog = backlogOf(this.options.store);
    } catch {
      // the journal closed under us: the counts stay 0
    }
    const { acknowledgedSeq, pending } = backlog;
    return { outcome, ...counts, acknowledgedSeq, pending, failure };
  }

  private async pass(options: UploadNowOptions): Promise<UploadOutcome> {
    const { store, identity } = this.options;
    const request = { timeoutMs: this.timing.requestTimeoutMs };
    const counts = { batches: 0, sent: 0 };
    if (this.closed) return this.result('closed', counts);
    if (this.stopped) return this.result('stopped', counts, backlogOf(store).problem);

    if (!this.headChecked) {
      const head = await fetchJournalHead(identity, request);
      try {
        if (this.closed) return this.result('closed', counts);
        if (!head.ok) return this.result('failed', counts, head.failure);
        const problem = this.adopt(head.value, false);
        if (problem !== null) return this.stop(problem, counts);
        this.headChecked = true;
      } finally {
        this.endFirstCheck();
      }
    }

    let lookedAgainAfterGap = false;
    for (;;) {
      if (options.maxBatches !== undefined && counts.batches >= options.maxBatches) {
        return this.result('partial', counts);
      }
      const mark = readMark(store) ?? EMPTY_MARK;
      // Only what is on disk goes to the server: a commit still waiting for its fsync could be
      // taken back by a power cut, and the server would then hold an entry this PC has not
      // (docs/adr/0019-one-fsync-per-sale.md).
      // (An fsync that fails leaves them held back; the next FULL commit reports the disk.)
      await store.untilDurable().catch(() => undefined);
      if (this.closed) return this.result('closed', counts);
      const durable = store.durableSeq();
      const entries = fitBatch(
        store
          .entries({ afterSeq: mark.acknowledgedSeq, limit: this.batchSize })
          .filter((entry) => entry.seq <= durable),
        this.timing.maxBatchBytes,
      );
      const last = entries.at(-1);
      if (last === undefined) break;
      const answer = await uploadJournal(identity, entries, {
        ...request,
        localHeadSeq: store.head()?.seq ?? last.seq,
      });
      if (this.closed) return this.result('closed', counts);
      if (!answer.ok) {
        const refused = answer.failure;
        if (refused.status === 413 && this.batchSize > 1) {
          // The server's body limit is below this batch: send smaller ones from now on.
          this.batchSize = Math.ceil(this.batchSize / 2);
          continue;
        }
        if (refused.code === 'journal-gap' && !lookedAgainAfterGap) {
          // The server is behind the mark (e.g. restored): look at its head once, resend from it.
          lookedAgainAfterGap = true;
          const head = await fetchJournalHead(identity, request);
          if (this.closed) return this.result('closed', counts);
          if (!head.ok) return this.result('failed', counts, head.failure);
          const problem = this.adopt(head.value, false);
          if (problem !== null) return this.stop(problem, counts);
          continue;
        }
        if (refused.status === 409 && JOURNAL_REFUSALS.has(refused.code)) {
          return this.stop(refused, counts);
        }
        return this.result('failed', counts, refused);
      }
      const problem = this.adopt(answer.value, true);
      if (problem !== null) return this.stop(problem, counts);
      counts.batches += 1;
      counts.sent += entries.length;
      if (answer.value.acknowledgedSeq < last.seq) {
        // The server took less than it was sent and said nothing: try again later.
        return this.result('failed', counts, makeFailure('server-answer-invalid', { status: 200 }));
      }
      if (options.onBatch) {
        const { acknowledgedSeq, pending } = backlogOf(store);
        await options.onBatch({ ...counts, acknowledgedSeq, pending });
        if (this.closed) return this.result('closed', counts);
      }
    }
    const mark = readMark(store);
    if (mark?.problem) writeMark(store, { ...mark, problem: null });
    return this.result('done', counts);
  }

  /**
   * Takes the server's head (asked for, or the answer of an upload) as the new mark, after
   * checking that the journal here has exactly that entry; otherwise returns the problem.
   */
  private adopt(head: JournalHeadAnswer, acknowledged: boolean): UploadProblem | null {
    const { store } = this.options;
    const serverSeq = head.acknowledgedSeq;
    const localSeq = store.head()?.seq ?? 0;
    this.serverSeq = serverSeq;
    if (serverSeq > localSeq) {
      return problemOf(makeFailure('upload-server-ahead', { serverSeq, localSeq }));
    }
    let hash: string | null = null;
    if (serverSeq > 0) {
      const entry: JournalEntry | undefined = store.entries({
        afterSeq: serverSeq - 1,
        limit: 1,
      })[0];
      if (entry === undefined || entry.hash !== head.acknowledgedHash) {
        return problemOf(makeFailure('upload-server-differs', { seq: serverSeq }));
      }
      hash = entry.hash;
      // The acknowledged head is an anchor of the chain (anchors.ts).
      rememberAnchor(store, {
        seq: serverSeq,
        hash: entry.hash,
        at: new Date(this.options.clock()).toISOString(),
      });
    }
    const mark = readMark(store) ?? EMPTY_MARK;
    if (mark.acknowledgedSeq > serverSeq) {
      this.options.log?.(
        'warn',
        `the server acknowledges entry ${serverSeq} but this register had ${mark.acknowledgedSeq} as acknowledged; sending again from ${serverSeq + 1}`,
      );
    }
    const next: UploadMark = {
      acknowledgedSeq: serverSeq,
      acknowledgedHash: hash,
      lastUploadAt: acknowledged ? new Date(this.options.clock()).toISOString() : mark.lastUploadAt,
      problem: acknowledged ? null : mark.problem,
    };
    if (
      next.acknowledgedSeq !== mark.acknowledgedSeq ||
      next.acknowledgedHash !== mark.acknowledgedHash ||
      next.lastUploadAt !== mark.lastUploadAt ||
      next.problem !== mark.problem ||
      readMark(store) === null
    ) {
      writeMark(store, next);
    }
    return null;
  }

  private stop(
    problem: Failure | UploadProblem,
    counts: { batches: number; sent: number },
  ): UploadOutcome {
    const { store } = this.options;
    this.stopped = true;
    const shown = problemOf(problem);
    const at = new Date(this.options.clock()).toISOString();
    writeMark(store, { ...(readMark(store) ?? EMPTY_MARK), problem: { ...shown, at } });
    this.options.log?.('error', `journal upload stopped: ${shown.code}: ${shown.en}`);
    return this.result('stopped', counts, shown);
  }
}

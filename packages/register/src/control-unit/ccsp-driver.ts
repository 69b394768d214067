/**
 * A `ControlUnitDriver` over any CCSP byte link (TCP or serial; docs/spec/sweden-regulation.md §5.3–§5.5,
 * docs/protocols/control-unit.md "Transports"):
 * - One request at a time: calls are queued and each waits for the previous one to finish.
 * - Each request gets a fresh streaming decoder (`createCcspDecoder` from @kassa/core). Bytes
 *   before the reply frame (`ccsp-garbage`) are skipped; any other framing failure ends the
 *   request with that failure. When the reply timeout (default 3 s) expires the decoder's
 *   `end()` is called: an unfinished frame gives `ccsp-incomplete-frame`, silence gives
 *   `control-unit-timeout`.
 * - After a timeout or a framing failure the link is closed, so that a late or broken reply can
 *   never be taken as the answer to the next request; the next request opens a new link.
 * - A NAK is retried only when the core catalogue says `retryable`, at most `maxAttempts`
 *   attempts in all. NAK 011 (invalid sequence number) restarts the sequence at 1 first
 *   (assumed resynchronisation, see the doc). Timeouts and unreachable are never retried here:
 *   the register reports them and blocks payment (§5.5).
 * - Unreachable, timeouts and protocol failures are returned as Results, never thrown.
 */
import {
  CCSP_COMMANDS,
  type CcspCommand,
  type CcspDecodeFailure,
  type ControlUnitDriver,
  type ControlUnitReplyFailure,
  type ControlUnitRequestFailure,
  MAX_CCSP_SEQUENCE_NUMBER,
  type Failure,
  type Result,
  ccspFrameToBytes,
  createCcspDecoder,
  encodeCcspCommand,
  encodeRegisterReceiptRequest,
  fail,
  ok,
  parseIdentityReply,
  parseRegisterReceiptReply,
  parseStatusReply,
  validateReceiptRegistration,
} from '@kassa/core';
import { type CcspLink, type CcspLinkOpener, type LinkUnreachable } from './ccsp-link.js';

/** Default reply timeout: a unit answers well within this (it must not delay printing). */
export const DEFAULT_REPLY_TIMEOUT_MS = 3_000;

/** Default attempts for a request refused with a retryable NAK (1 retry). */
export const DEFAULT_MAX_ATTEMPTS = 2;

/** Options of `createCcspDriver`. */
export interface CcspDriverOptions {
  /** Opens the byte link (TCP socket, serial device). */
  readonly open: CcspLinkOpener;
  /** How long to wait for a reply, in ms (default 3000). */
  readonly replyTimeoutMs?: number;
  /** Attempts per request when the unit answers a retryable NAK (default 2, minimum 1). */
  readonly maxAttempts?: number;
  /** The first message sequence number of "RR" (default 1). */
  readonly initialSequenceNumber?: number;
}

/** The driver plus `close()`, which drops the link (the next request reopens it). */
export interface CcspControlUnitDriver extends ControlUnitDriver {
  close(): void;
  /** The sequence number the next "RR" will carry. */
  readonly nextSequenceNumber: number;
}

type Exchange = Result<string, ControlUnitRequestFailure>;

/** Creates a queued, timed CCSP driver over `options.open`. */
export function createCcspDriver(options: CcspDriverOptions): CcspControlUnitDriver {
  const replyTimeoutMs = options.replyTimeoutMs ?? DEFAULT_REPLY_TIMEOUT_MS;
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  let sequence = options.initialSequenceNumber ?? 1;
  let link: CcspLink | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  // The handler of the request in flight; bytes arriving between requests are dropped.
  let receiver: ((chunk: Uint8Array) => void) | undefined;
  let closedWhileWaiting: ((detail: string) => void) | undefined;

  function takeSequenceNumber(): number {
    const current = sequence;
    sequence = sequence >= MAX_CCSP_SEQUENCE_NUMBER ? 1 : sequence + 1;
    return current;
  }

  function dropLink(): void {
    const current = link;
    link = undefined;
    current?.close();
  }

  async function ensureLink(): Promise<Result<CcspLink, LinkUnreachable>> {
    if (link !== undefined) {
      return ok(link);
    }
    // Filled once the link is open; a close of any other (older) link is ignored.
    const mine: { link?: CcspLink } = {};
    const result = await options.open({
      onData(chunk) {
        if (link !== undefined && link === mine.link) receiver?.(chunk);
      },
      onClose(detail) {
        if (link === undefined || link !== mine.link) return;
        link = undefined;
        closedWhileWaiting?.(detail);
      },
    });
    if (!result.ok) {
      return result;
    }
    mine.link = result.value;
    link = result.value;
    return ok(result.value);
  }

  // Sends one frame and waits for one reply message (not yet parsed).
  async function exchange(frame: string): Promise<Exchange> {
    const opened = await ensureLink();
    if (!opened.ok) {
      // Nothing was written: the unit cannot have registered this request.
      return fail('control-unit-unreachable', { detail: opened.detail, sent: false as const });
    }
    const decoder = createCcspDecoder();
    const reply = new Promise<Exchange>((resolve) => {
      let done = false;
      const finish = (result: Exchange, keepLink: boolean): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        receiver = undefined;
        closedWhileWaiting = undefined;
        if (!keepLink) dropLink();
        resolve(result);
      };
      const timer = setTimeout(() => {
        const incomplete = decoder
          .end()
          .find((event) => !event.ok && event.code === 'ccsp-incomplete-frame');
        finish(
          incomplete !== undefined && !incomplete.ok
            ? incomplete
            : fail('control-unit-timeout', { afterMs: replyTimeoutMs }),
          false,
        );
      }, replyTimeoutMs);
      receiver = (chunk) => {
        for (const event of decoder.push(chunk)) {
          if (event.ok) {
            finish(ok(event.value), true);
            return;
          }
          if (event.code !== 'ccsp-garbage') {
            finish(event satisfies CcspDecodeFailure, false);
            return;
          }
        }
      };
      closedWhileWaiting = (detail) => {
        finish(fail('control-unit-unreachable', { detail }), false);
      };
    });
    const written = await opened.value.write(ccspFrameToBytes(frame));
    if (!written.ok) {
      closedWhileWaiting?.(written.detail);
    }
    return reply;
  }

  // Runs a request with bounded retries on retryable NAKs; `frame` is built per attempt.
  async function request<T, F extends Failure>(
    frame: () => Result<string, F>,
    parse: (message: string) => Result<T, ControlUnitReplyFailure>,
  ): Promise<Result<T, F | ControlUnitRequestFailure>> {
    for (let attempt = 1; ; attempt += 1) {
      const built = frame();
      if (!built.ok) {
        return built;
      }
      const reply = await exchange(built.value);
      if (!reply.ok) {
        return reply;
      }
      const parsed = parse(reply.value);
      if (parsed.ok || parsed.code !== 'control-unit-nak' || !parsed.retryable) {
        return parsed;
      }
      if (attempt >= maxAttempts) {
        return parsed;
      }
      if (parsed.nakCode === '011') {
        sequence = 1;
      }
    }
  }

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    get nextSequenceNumber() {
      return sequence;
    },
    registerReceipt(registration) {
      const valid = validateReceiptRegistration(registration);
      if (!valid.ok) {
        return Promise.resolve(valid);
      }
      return enqueue(() =>
        request(
          () => encodeRegisterReceiptRequest(registration, takeSequenceNumber()),
          parseRegisterReceiptReply,
        ),
      );
    },
    status() {
      return enqueue(() => request(() => command(CCSP_COMMANDS.statusRequest), parseStatusReply));
    },
    identity() {
      return enqueue(() =>
        request(() => command(CCSP_COMMANDS.identityRequest), parseIdentityReply),
      );
    },
    close() {
      dropLink();
    },
  };
}

function command(name: CcspCommand): Result<string, ControlUnitRequestFailure> {
  return ok(encodeCcspCommand(name));
}

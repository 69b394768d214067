/**
 * A byte link to a control unit — a TCP socket or a serial device — as the CCSP driver needs it:
 * open on demand, write bytes, deliver received bytes, report when it closes. Implementations:
 * `tcp-transport.ts`, `serial-transport.ts`.
 */
import { type Failure, type Result } from '@kassa/core';

/** What a link reports to its driver. */
export interface CcspLinkEvents {
  /** Bytes arrived from the unit. */
  onData(chunk: Uint8Array): void;
  /** The link closed (peer hung up, device error); the driver opens a new one next time. */
  onClose(detail: string): void;
}

/** An open link. */
export interface CcspLink {
  /** Sends bytes; resolves when handed to the OS, or with a failure. */
  write(bytes: Uint8Array): Promise<Result<void, LinkUnreachable>>;
  /** Closes the link; no more events are delivered. Idempotent. */
  close(): void;
}

/** The unit cannot be reached over this link. */
export type LinkUnreachable = Failure<'control-unit-unreachable', { detail: string }>;

/** Opens a link; never throws. */
export type CcspLinkOpener = (events: CcspLinkEvents) => Promise<Result<CcspLink, LinkUnreachable>>;

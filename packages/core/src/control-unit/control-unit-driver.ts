/**
 * The contract between the register and its control unit (kontrollenhet), whatever carries the
 * frames: a serial device, TCP, or the simulator over a local socket (all in @kassa/register).
 * Types only; the pure protocol pieces are the other files in this folder.
 *
 * Rules a driver must keep (docs/spec/sweden-regulation.md §0 items 20–22, §5.4, §5.5):
 * - `registerReceipt` resolves with a control code, or with a failure; a sale is finalised and
 *   its receipt handed over only after a control code arrived.
 * - Being unreachable is an expected outcome ('control-unit-unreachable' / '-timeout'), not an
 *   exception: the register then blocks payment, keeps building and parking orders, journals
 *   the fault and tells the user how to report it. A hosted control unit must not buffer.
 * - The driver owns the CCSP message sequence number and resends a request only when the NAK is
 *   `retryable`.
 */
import { type Failure, type Result } from '../result.js';
import { type CcspDecodeFailure } from './ccsp-decoder.js';
import { type CcspEncodeFailure } from './ccsp-frame.js';
import {
  type ControlUnitIdentity,
  type ControlUnitReplyFailure,
  type ControlUnitStatus,
  type RegisteredReceipt,
} from './control-unit-replies.js';
import {
  type ReceiptRegistration,
  type ReceiptRegistrationFailure,
} from './receipt-registration.js';

/** The unit could not be reached, or did not answer in time, or its answer was unreadable. */
export type ControlUnitTransportFailure =
  // `sent: false`: the request was never written (no connection), so the unit cannot have
  // registered it; absent, the unit may have received it (docs/protocols/control-unit.md).
  | Failure<'control-unit-unreachable', { detail: string; sent?: false | undefined }>
  | Failure<'control-unit-timeout', { afterMs: number }>
  | CcspDecodeFailure
  | CcspEncodeFailure;

/** Any failure of a request to the unit. */
export type ControlUnitRequestFailure = ControlUnitReplyFailure | ControlUnitTransportFailure;

/** A control unit, as the register uses it. */
export interface ControlUnitDriver {
  /** Sends one receipt ("RR") and returns its control code and the unit's serial number. */
  registerReceipt(
    registration: ReceiptRegistration,
  ): Promise<Result<RegisteredReceipt, ReceiptRegistrationFailure | ControlUnitRequestFailure>>;
  /** Asks for the unit's status ("SIQ"); used as the health check before payment. */
  status(): Promise<Result<ControlUnitStatus, ControlUnitRequestFailure>>;
  /** Asks for the unit's identity ("IQ"): its serial number and versions. */
  identity(): Promise<Result<ControlUnitIdentity, ControlUnitRequestFailure>>;
}

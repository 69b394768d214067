/**
 * Parsers for the control unit's replies (the message inside a CCSP frame, see `ccsp-decoder.ts`).
 *
 * Reply layouts (docs/spec/sweden-regulation.md §5.3 [S]; field numbers there count the whole frame split on "#",
 * so frame field n is message field n − 3):
 * - "RRR#<control code>#<unit id>#<main status>#<storage status>" answers "RR": the spec puts the
 *   control code in frame field 4, the unit id (tillverkningsnummer) in 5 and the storage status
 *   in 7. That field 6 is the main status is our assumption (the spec says CleanCash "also
 *   returns main status and storage status").
 * - "IR#<unit id>#<protocol version>#<firmware>" answers "IQ" (the spec lists these three values;
 *   their order after the unit id is assumed).
 * - "SIR#<main status>#…" answers "SIQ"; only the main status position is assumed, the rest is
 *   returned as is.
 * - "ACK" (optionally with fields) acknowledges a command that returns no data (CCSP v1) —
 *   assumed from the protocol's NAK naming.
 * - "NAK#<code>" refuses any request; see `nak-codes.ts`.
 * Status code meanings come from the public Odoo CleanCash driver [S] and are not in the spec;
 * the raw code is always kept. Values are trimmed of surrounding spaces, since SKVFS 2009:2 5 §
 * data may be space-filled.
 */
import { type Failure, type Result, fail, ok } from '../result.js';
import { type NakReason, describeNakCode, normaliseNakCode } from './nak-codes.js';

/** The unit's main status, raw and interpreted. */
export interface ControlUnitMainStatus {
  readonly code: string;
  readonly meaning:
    'ok' | 'warning' | 'protocol-error' | 'non-fatal-error' | 'fatal-error' | 'busy' | 'unknown';
}

/** The unit's storage status, raw and interpreted. */
export interface ControlUnitStorageStatus {
  readonly code: string;
  readonly meaning: 'ok' | 'high-level-warning' | 'memory-full' | 'unknown';
}

/** A registered receipt: what the journal stores and the receipt prints. */
export interface RegisteredReceipt {
  /** Kontrollkod: store it in the journal; printing it is recommended. */
  readonly controlCode: string;
  /** The control unit's tillverkningsnummer, printed on the receipt (SKVFS 2014:9 7 kap 1 § l). */
  readonly unitSerialNumber: string;
  readonly mainStatus: ControlUnitMainStatus;
  readonly storageStatus: ControlUnitStorageStatus;
}

/** The unit's identity ("IR"). */
export interface ControlUnitIdentity {
  readonly unitSerialNumber: string;
  readonly protocolVersion: string | undefined;
  readonly firmwareVersion: string | undefined;
}

/** The unit's status ("SIR"). */
export interface ControlUnitStatus {
  readonly mainStatus: ControlUnitMainStatus;
  /** The remaining fields, trimmed, uninterpreted. */
  readonly details: readonly string[];
}

/** An acknowledgement ("ACK") and any fields it carried. */
export interface ControlUnitAck {
  readonly fields: readonly string[];
}

/** The unit refused the request ("NAK#<code>"); look the code up with `describeNakCode`. */
export type ControlUnitNak = Failure<
  'control-unit-nak',
  { nakCode: string; reason: NakReason | 'unknown'; retryable: boolean }
>;

/** Why a reply could not be used. */
export type ControlUnitReplyFailure =
  | ControlUnitNak
  | Failure<'control-unit-reply-unexpected', { expected: string; reply: string }>
  | Failure<
      'control-unit-reply-malformed',
      { expected: string; reply: string; field?: ReplyField | undefined }
    >;

/** The reply field that failed its format check (docs/protocols/control-unit.md "Replies"). */
export type ReplyField = 'control-code' | 'unit-serial-number' | 'main-status' | 'storage-status';

/** Length of the unit's tillverkningsnummer (XSD `TillverkningsnummerForKontrollenheten`). */
export const UNIT_SERIAL_NUMBER_LENGTH = 17;

// Kontrollkod: 59 visible ASCII characters (no space, no "#"). `Kontrollkod` in the SKVFS 2021:16
// XSD is exactly 59 characters, so a code of any other length could never be journaled in an
// exportable form; the XSD fixes only the length, visible ASCII is what CCSP can carry and a
// receipt can print (assumed, see the doc).
const CONTROL_CODE = /^[\x21\x22\x24-\x7e]{59}$/;
// Tillverkningsnummer: 17 letters, digits, spaces or "-" (XSD pattern), not starting or ending
// with a space (fields are trimmed).
const UNIT_SERIAL_NUMBER = /^[A-Za-z0-9-](?:[A-Za-z0-9 -]{15})[A-Za-z0-9-]$/;
// Main and storage status: a decimal code (0–5 and 0–2 are known, others kept as 'unknown').
const STATUS_CODE = /^\d{1,2}$/;

/** Whether a control code has the form SKVFS 2021:16 and CCSP allow. */
export function isValidControlCode(value: string): boolean {
  return CONTROL_CODE.test(value);
}

/** Whether a unit serial number has the form SKVFS 2021:16 allows (17 characters). */
export function isValidUnitSerialNumber(value: string): boolean {
  return UNIT_SERIAL_NUMBER.test(value);
}

const MAIN_STATUS: Readonly<Record<string, ControlUnitMainStatus['meaning']>> = {
  '0': 'ok',
  '1': 'warning',
  '2': 'protocol-error',
  '3': 'non-fatal-error',
  '4': 'fatal-error',
  '5': 'busy',
};

const STORAGE_STATUS: Readonly<Record<string, ControlUnitStorageStatus['meaning']>> = {
  '0': 'ok',
  '1': 'high-level-warning',
  '2': 'memory-full',
};

// A control code or unit id: printable ASCII, no "#" (the field separator), not empty.
const PRINTABLE_VALUE = /^[\x20-\x22\x24-\x7e]+$/;

/** Parses the reply to "RR": the control code and unit serial number, or why not. */
export function parseRegisterReceiptReply(
  message: string,
): Result<RegisteredReceipt, ControlUnitReplyFailure> {
  const fields = splitReply(message, 'RRR');
  if (!fields.ok) {
    return fields;
  }
  const [controlCode, unitSerialNumber, main = '', storage = ''] = fields.value;
  const malformed = (field?: ReplyField) =>
    fail('control-unit-reply-malformed', {
      expected: 'RRR',
      reply: message,
      ...(field === undefined ? {} : { field }),
    });
  if (
    fields.value.length < 4 ||
    !isPrintableValue(controlCode) ||
    !isPrintableValue(unitSerialNumber)
  ) {
    return malformed();
  }
  // Every field is checked against its format: a code or serial the journal could not export
  // is never taken as a signature (docs/protocols/control-unit.md "Replies").
  if (!isValidControlCode(controlCode)) return malformed('control-code');
  if (!isValidUnitSerialNumber(unitSerialNumber)) return malformed('unit-serial-number');
  if (!STATUS_CODE.test(main)) return malformed('main-status');
  if (!STATUS_CODE.test(storage)) return malformed('storage-status');
  return ok({
    controlCode,
    unitSerialNumber,
    mainStatus: describeMainStatus(main),
    storageStatus: describeStorageStatus(storage),
  });
}

/** Parses the reply to "IQ": the unit serial number, protocol and firmware versions. */
export function parseIdentityReply(
  message: string,
): Result<ControlUnitIdentity, ControlUnitReplyFailure> {
  const fields = splitReply(message, 'IR');
  if (!fields.ok) {
    return fields;
  }
  const [unitSerialNumber, protocolVersion, firmwareVersion] = fields.value;
  if (!isPrintableValue(unitSerialNumber)) {
    return fail('control-unit-reply-malformed', { expected: 'IR', reply: message });
  }
  if (!isValidUnitSerialNumber(unitSerialNumber)) {
    return fail('control-unit-reply-malformed', {
      expected: 'IR',
      reply: message,
      field: 'unit-serial-number' as const,
    });
  }
  return ok({
    unitSerialNumber,
    protocolVersion: emptyToUndefined(protocolVersion),
    firmwareVersion: emptyToUndefined(firmwareVersion),
  });
}

/** Parses the reply to "SIQ": the main status and the remaining fields. */
export function parseStatusReply(
  message: string,
): Result<ControlUnitStatus, ControlUnitReplyFailure> {
  const fields = splitReply(message, 'SIR');
  if (!fields.ok) {
    return fields;
  }
  const [main, ...details] = fields.value;
  if (main === undefined || !STATUS_CODE.test(main)) {
    return fail('control-unit-reply-malformed', { expected: 'SIR', reply: message });
  }
  return ok({ mainStatus: describeMainStatus(main), details });
}

/** Parses an acknowledgement ("ACK", possibly with fields). */
export function parseAckReply(message: string): Result<ControlUnitAck, ControlUnitReplyFailure> {
  const fields = splitReply(message, 'ACK');
  return fields.ok ? ok({ fields: fields.value }) : fields;
}

/** Interprets a main status code ("0" → 'ok'; anything unlisted → 'unknown'). */
export function describeMainStatus(code: string): ControlUnitMainStatus {
  const trimmed = code.trim();
  return { code: trimmed, meaning: lookUp(MAIN_STATUS, trimmed) ?? 'unknown' };
}

/** Interprets a storage status code ("1" → 'high-level-warning'; unlisted → 'unknown'). */
export function describeStorageStatus(code: string): ControlUnitStorageStatus {
  const trimmed = code.trim();
  return { code: trimmed, meaning: lookUp(STORAGE_STATUS, trimmed) ?? 'unknown' };
}

// Splits a reply into its fields after the type; NAK and other types become failures.
function splitReply(
  message: string,
  expected: string,
): Result<readonly string[], ControlUnitReplyFailure> {
  const [type = '', ...rest] = message.split('#');
  const fields = rest.map((field) => field.trim());
  if (type === 'NAK') {
    const code = fields[0] ?? '';
    if (!/^\d{1,3}$/.test(code)) {
      return fail('control-unit-reply-malformed', { expected, reply: message });
    }
    const info = describeNakCode(code);
    return fail('control-unit-nak', {
      nakCode: normaliseNakCode(code),
      reason: info?.reason ?? 'unknown',
      retryable: info?.retryable ?? false,
    });
  }
  if (type !== expected) {
    return fail('control-unit-reply-unexpected', { expected, reply: message });
  }
  return ok(fields);
}

function isPrintableValue(value: string | undefined): value is string {
  return value !== undefined && PRINTABLE_VALUE.test(value);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function lookUp<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * What the control-unit simulator answers, as pure functions: the reply message to each CCSP
 * request, the validation a unit does (sequence number, POS id, organisation number, fields),
 * and deterministic control codes. The socket side is `simulator.ts`.
 *
 * The simulator is for training and tests only. It is NOT a certified control unit, and says
 * so everywhere it can: its serial number starts with "SIM-", and its identity and status
 * replies carry `SIMULATOR_NOTICE_ASCII` (CCSP is ASCII only, so the wire text has "-" where
 * the printed notice `SIMULATOR_NOTICE` has "–").
 *
 * Assumed behaviour (the real unit's rules are not public; docs/protocols/control-unit.md):
 * - Sequence numbers: an "RR" is accepted when its number is 1 (the register restarted its
 *   session) or one more than the last accepted one; otherwise NAK 011.
 * - Control code: 59 characters (the length of `Kontrollkod` in the SKVFS 2021:16 XSD), the
 *   first 59 uppercase hex digits of HMAC-SHA256(seed, request message).
 * - Serial number: 17 characters (the XSD length of the unit's tillverkningsnummer):
 *   "SIM-" + 13 uppercase hex digits of HMAC-SHA256(seed, "serial").
 */
import { createHmac } from 'node:crypto';
import { CONTROL_UNIT_RECEIPT_TYPES, isValidControlUnitDateTime } from '@kassa/core';

/** The notice for receipts and screens. */
export const SIMULATOR_NOTICE = 'SIMULERAD KONTROLLENHET – EJ CERTIFIERAD';
/** The same notice in ASCII, as sent in CCSP replies. */
export const SIMULATOR_NOTICE_ASCII = 'SIMULERAD KONTROLLENHET - EJ CERTIFIERAD';
/** Every simulator serial number starts with this. */
export const SIMULATOR_SERIAL_PREFIX = 'SIM-';
/** The protocol version the simulator reports. */
const SIMULATOR_PROTOCOL_VERSION = '2';
/** Length of a control code (SKVFS 2021:16 XSD `KontrollkodTYPE`). */
export const CONTROL_CODE_LENGTH = 59;

/**
 * How the simulator behaves (test hooks): 'silent' never answers (nothing is registered);
 * 'lost-answer' registers each "RR" and never answers it (the answer is lost on the way, other
 * requests are answered); 'die' registers each "RR" and then drops the connection without an
 * answer (the socket side, `simulator.ts`); 'not-operational' answers NAK 006.
 */
export type SimulatorMode = 'normal' | 'silent' | 'not-operational' | 'lost-answer' | 'die';

/** One receipt the unit registered: what it stored under which number. */
export interface SignedReceipt {
  readonly registerId: string;
  readonly receiptType: string;
  readonly receiptNumber: string;
  /** The "RR" message without its sequence number: the receipt data the unit stored. */
  readonly content: string;
  readonly controlCode: string;
}

/** Fixed configuration of a simulated unit. */
export interface SimulatorConfig {
  readonly seed: string;
  /** Default: derived from the seed (`simulatorSerialNumber`). */
  readonly serialNumber: string;
  /** Kassabeteckningar the unit is registered for; empty or absent: any valid one. */
  readonly registerIds?: readonly string[];
}

/** What the simulated unit remembers between requests. */
export interface SimulatorState {
  /** The last accepted "RR" sequence number (0: none yet). */
  readonly lastSequenceNumber: number;
  /** Receipts registered so far. */
  readonly registeredReceipts: number;
  /** Every registration, in order (a real unit keeps them for Skatteverket). */
  readonly signed?: readonly SignedReceipt[];
}

/** The state of a new unit. */
export const INITIAL_SIMULATOR_STATE: SimulatorState = {
  lastSequenceNumber: 0,
  registeredReceipts: 0,
};

/** The reply to one request (undefined: stay silent) and the new state. */
export interface SimulatorStep {
  readonly reply: string | undefined;
  readonly state: SimulatorState;
}

/** Whether a serial number is a simulator's (receipts then print `SIMULATOR_NOTICE`). */
export function isSimulatedControlUnit(serialNumber: string): boolean {
  return serialNumber.trim().startsWith(SIMULATOR_SERIAL_PREFIX);
}

/** The serial number a seed gives: "SIM-" + 13 uppercase hex digits (17 characters). */
export function simulatorSerialNumber(seed: string): string {
  return `${SIMULATOR_SERIAL_PREFIX}${hmacHex(seed, 'serial').slice(0, 13)}`;
}

/** The control code for a request message: 59 uppercase hex digits, deterministic per seed. */
export function simulatorControlCode(seed: string, requestMessage: string): string {
  return hmacHex(seed, requestMessage).slice(0, CONTROL_CODE_LENGTH);
}

/** The reply to a frame that failed its LRC or framing check. */
export const NAK_INVALID_LRC = 'NAK#001';

const AMOUNT = /^-?\d{1,11},\d{2}$/;
const VAT_SLOT = /^(?:25,00|12,00|6,00|0,00);-?\d{1,11},\d{2}$/;
const REGISTER_ID = /^[A-Za-z0-9]{1,16}$/;

/** Answers one decoded request message. */
export function answerSimulatorRequest(
  message: string,
  state: SimulatorState,
  config: SimulatorConfig,
  mode: SimulatorMode = 'normal',
): SimulatorStep {
  if (mode === 'silent') {
    return { reply: undefined, state };
  }
  if (mode === 'not-operational') {
    return { reply: 'NAK#006', state };
  }
  if (mode === 'lost-answer' && message.startsWith('RR#')) {
    return { ...answerSimulatorRequest(message, state, config), reply: undefined };
  }
  const [type = '', ...fields] = message.split('#');
  switch (type) {
    case 'SIQ':
      return { reply: `SIR#0#0#${SIMULATOR_NOTICE_ASCII}`, state };
    case 'IQ':
      return {
        reply: `IR#${config.serialNumber}#${SIMULATOR_PROTOCOL_VERSION}#${SIMULATOR_NOTICE_ASCII}`,
        state,
      };
    case 'ST':
    case 'SQ':
      return { reply: 'ACK', state };
    case 'RR':
      return registerReceipt(message, fields, state, config);
    default:
      return { reply: 'NAK#002', state };
  }
}

function registerReceipt(
  message: string,
  fields: readonly string[],
  state: SimulatorState,
  config: SimulatorConfig,
): SimulatorStep {
  const nak = (code: string): SimulatorStep => ({ reply: `NAK#${code}`, state });
  if (fields.length !== 12) {
    return nak('003');
  }
  const [seqText, dateTime, receiptNumber, registerId, orgnr, total, returnTotal, type, ...vat] =
    fields.map((field) => field.trim());
  if (seqText === undefined || !/^\d{1,9}$/.test(seqText)) {
    return nak('011');
  }
  const seq = Number(seqText);
  if (seq !== 1 && seq !== state.lastSequenceNumber + 1) {
    return nak('011');
  }
  if (registerId === undefined || !REGISTER_ID.test(registerId)) {
    return nak('007');
  }
  const allowed = config.registerIds ?? [];
  if (allowed.length > 0 && !allowed.includes(registerId)) {
    return nak('007');
  }
  const valid =
    dateTime !== undefined &&
    isValidControlUnitDateTime(dateTime) &&
    receiptNumber !== undefined &&
    /^[1-9]\d{0,11}$/.test(receiptNumber) &&
    orgnr !== undefined &&
    /^\d{10}$/.test(orgnr) &&
    total !== undefined &&
    AMOUNT.test(total) &&
    returnTotal !== undefined &&
    AMOUNT.test(returnTotal) &&
    !returnTotal.startsWith('-') &&
    (CONTROL_UNIT_RECEIPT_TYPES as readonly string[]).includes(type ?? '') &&
    vat.every((slot) => slot === '' || VAT_SLOT.test(slot));
  if (!valid) {
    return nak('003');
  }
  const code = simulatorControlCode(config.seed, message);
  const entry: SignedReceipt = {
    registerId,
    receiptType: type ?? '',
    receiptNumber,
    content: ['RR', ...fields.slice(1)].join('#'),
    controlCode: code,
  };
  return {
    reply: `RRR#${code}#${config.serialNumber}#0#0`,
    state: {
      lastSequenceNumber: seq,
      registeredReceipts: state.registeredReceipts + 1,
      signed: [...(state.signed ?? []), entry],
    },
  };
}

function hmacHex(seed: string, text: string): string {
  return createHmac('sha256', seed).update(text, 'latin1').digest('hex').toUpperCase();
}

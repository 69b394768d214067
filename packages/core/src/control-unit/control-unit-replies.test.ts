import { describe, expect, it } from 'vitest';
import {
  describeMainStatus,
  describeStorageStatus,
  parseAckReply,
  parseIdentityReply,
  parseRegisterReceiptReply,
  parseStatusReply,
} from './control-unit-replies.js';
import { NAK_CODES } from './nak-codes.js';

/** A control code of the form the SKVFS 2021:16 XSD requires (59 characters). */
const CODE = 'ABCD1234'.repeat(7) + 'EFG';
/** A unit serial number of 17 characters (XSD TillverkningsnummerForKontrollenheten). */
const SERIAL = 'CCX0001234567-890';

describe('parseRegisterReceiptReply', () => {
  it('reads the control code, unit serial number and statuses', () => {
    // Frame "#!#…#RRR#<code>#<serial>#0#1#xx\r": frame fields 4, 5, 6, 7.
    expect(parseRegisterReceiptReply(`RRR#${CODE}#${SERIAL}#0#1`)).toEqual({
      ok: true,
      value: {
        controlCode: CODE,
        unitSerialNumber: SERIAL,
        mainStatus: { code: '0', meaning: 'ok' },
        storageStatus: { code: '1', meaning: 'high-level-warning' },
      },
    });
  });

  it('trims space-filled fields and ignores extra fields', () => {
    expect(parseRegisterReceiptReply(`RRR#  ${CODE}#   ${SERIAL}#0#0#future`)).toMatchObject({
      ok: true,
      value: { controlCode: CODE, unitSerialNumber: SERIAL },
    });
  });

  it.each([
    ['a 10-character control code', `RRR#ABCDEF1234#${SERIAL}#0#0`, 'control-code'],
    ['a 60-character control code', `RRR#${CODE}X#${SERIAL}#0#0`, 'control-code'],
    [
      'a control code with a space',
      `RRR#${CODE.slice(0, 30)} ${CODE.slice(31)}#${SERIAL}#0#0`,
      'control-code',
    ],
    ['a 5-character unit serial', `RRR#${CODE}#UNIT1#0#0`, 'unit-serial-number'],
    ['an 18-character unit serial', `RRR#${CODE}#${SERIAL}X#0#0`, 'unit-serial-number'],
    ['a unit serial with "_"', `RRR#${CODE}#${SERIAL.slice(0, 16)}_#0#0`, 'unit-serial-number'],
    ['a main status that is no number', `RRR#${CODE}#${SERIAL}#ok#0`, 'main-status'],
    ['an empty storage status', `RRR#${CODE}#${SERIAL}#0#`, 'storage-status'],
  ])('refuses %s, naming the field', (_what, reply, field) => {
    expect(parseRegisterReceiptReply(reply)).toEqual({
      ok: false,
      code: 'control-unit-reply-malformed',
      expected: 'RRR',
      reply,
      field,
    });
  });

  it.each([
    'RRR',
    'RRR#ABC',
    'RRR#ABC#UNIT',
    'RRR##UNIT#0#0',
    'RRR#ABC# #0#0',
    'RRR#AB\x01C#UNIT#0#0',
  ])('refuses the malformed reply %j', (reply) => {
    expect(parseRegisterReceiptReply(reply)).toEqual({
      ok: false,
      code: 'control-unit-reply-malformed',
      expected: 'RRR',
      reply,
    });
  });

  it('refuses a reply of another type', () => {
    expect(parseRegisterReceiptReply('IR#UNIT')).toEqual({
      ok: false,
      code: 'control-unit-reply-unexpected',
      expected: 'RRR',
      reply: 'IR#UNIT',
    });
  });

  it.each(Object.values(NAK_CODES))('maps NAK#$code to a typed failure ($reason)', (info) => {
    expect(parseRegisterReceiptReply(`NAK#${info.code}`)).toEqual({
      ok: false,
      code: 'control-unit-nak',
      nakCode: info.code,
      reason: info.reason,
      retryable: info.retryable,
    });
  });

  it('maps an unknown NAK code to reason "unknown", not retryable, and pads short codes', () => {
    expect(parseRegisterReceiptReply('NAK#42')).toEqual({
      ok: false,
      code: 'control-unit-nak',
      nakCode: '042',
      reason: 'unknown',
      retryable: false,
    });
    expect(parseRegisterReceiptReply('NAK#6')).toMatchObject({ nakCode: '006' });
  });

  it.each(['NAK', 'NAK#', 'NAK#abc', 'NAK#1234'])('refuses the malformed NAK %j', (reply) => {
    expect(parseRegisterReceiptReply(reply)).toMatchObject({
      code: 'control-unit-reply-malformed',
    });
  });
});

describe('parseIdentityReply', () => {
  it('reads the unit serial number, protocol version and firmware', () => {
    expect(parseIdentityReply(`IR#${SERIAL}#2.0#1.4.2`)).toEqual({
      ok: true,
      value: { unitSerialNumber: SERIAL, protocolVersion: '2.0', firmwareVersion: '1.4.2' },
    });
    expect(parseIdentityReply(`IR#${SERIAL}`)).toEqual({
      ok: true,
      value: {
        unitSerialNumber: SERIAL,
        protocolVersion: undefined,
        firmwareVersion: undefined,
      },
    });
    expect(parseIdentityReply(`IR#${SERIAL}##`)).toMatchObject({
      value: { protocolVersion: undefined, firmwareVersion: undefined },
    });
    expect(parseIdentityReply('IR#UNIT1#2')).toMatchObject({
      code: 'control-unit-reply-malformed',
      field: 'unit-serial-number',
    });
  });

  it('refuses a reply without a unit id, another type, and NAK', () => {
    expect(parseIdentityReply('IR')).toMatchObject({ code: 'control-unit-reply-malformed' });
    expect(parseIdentityReply('IR#')).toMatchObject({ code: 'control-unit-reply-malformed' });
    expect(parseIdentityReply('SIR#0')).toMatchObject({ code: 'control-unit-reply-unexpected' });
    expect(parseIdentityReply('NAK#002')).toMatchObject({
      code: 'control-unit-nak',
      reason: 'unknown-message-type',
    });
  });
});

describe('parseStatusReply', () => {
  it('reads the main status and keeps the other fields', () => {
    expect(parseStatusReply('SIR#3#10 #x')).toEqual({
      ok: true,
      value: { mainStatus: { code: '3', meaning: 'non-fatal-error' }, details: ['10', 'x'] },
    });
  });

  it('refuses a reply without a status, another type, and NAK', () => {
    expect(parseStatusReply('SIR')).toMatchObject({ code: 'control-unit-reply-malformed' });
    expect(parseStatusReply('SIR#')).toMatchObject({ code: 'control-unit-reply-malformed' });
    expect(parseStatusReply('SIR#x#0')).toMatchObject({ code: 'control-unit-reply-malformed' });
    expect(parseStatusReply('RRR#a#b#0#0')).toMatchObject({
      code: 'control-unit-reply-unexpected',
    });
    expect(parseStatusReply('NAK#006')).toMatchObject({ reason: 'not-operational' });
  });
});

describe('parseAckReply', () => {
  it('accepts ACK with or without fields', () => {
    expect(parseAckReply('ACK')).toEqual({ ok: true, value: { fields: [] } });
    expect(parseAckReply('ACK#X1')).toEqual({ ok: true, value: { fields: ['X1'] } });
  });

  it('refuses another type and NAK', () => {
    expect(parseAckReply('ACKX')).toMatchObject({ code: 'control-unit-reply-unexpected' });
    expect(parseAckReply('NAK#004')).toMatchObject({ reason: 'invalid-command-order' });
  });
});

describe('describeMainStatus', () => {
  it.each([
    ['0', 'ok'],
    ['1', 'warning'],
    ['2', 'protocol-error'],
    ['3', 'non-fatal-error'],
    ['4', 'fatal-error'],
    ['5', 'busy'],
    ['9', 'unknown'],
    ['', 'unknown'],
    ['toString', 'unknown'],
  ])('interprets %j as %s', (code, meaning) => {
    expect(describeMainStatus(code)).toEqual({ code, meaning });
  });
});

describe('describeStorageStatus', () => {
  it.each([
    ['0', 'ok'],
    ['1', 'high-level-warning'],
    ['2', 'memory-full'],
    ['3', 'unknown'],
  ])('interprets %j as %s', (code, meaning) => {
    expect(describeStorageStatus(code)).toEqual({ code, meaning });
  });

  it('trims spaces', () => {
    expect(describeStorageStatus(' 2 ')).toEqual({ code: '2', meaning: 'memory-full' });
  });
});

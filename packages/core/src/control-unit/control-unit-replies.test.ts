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

describe('parseRegisterReceiptReply', () => {
  it('reads the control code, unit serial number and statuses', () => {
    // Frame "#!#027#RRR#ABCD1234#CCX00012345#0#1#xx\r": frame fields 4, 5, 6, 7.
    expect(parseRegisterReceiptReply('RRR#ABCD1234#CCX00012345#0#1')).toEqual({
      ok: true,
      value: {
        controlCode: 'ABCD1234',
        unitSerialNumber: 'CCX00012345',
        mainStatus: { code: '0', meaning: 'ok' },
        storageStatus: { code: '1', meaning: 'high-level-warning' },
      },
    });
  });

  it('trims space-filled fields and ignores extra fields', () => {
    expect(parseRegisterReceiptReply('RRR#  ABC#   UNIT1#0#0#future')).toMatchObject({
      ok: true,
      value: { controlCode: 'ABC', unitSerialNumber: 'UNIT1' },
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
    expect(parseIdentityReply('IR#CCX00012345#2.0#1.4.2')).toEqual({
      ok: true,
      value: { unitSerialNumber: 'CCX00012345', protocolVersion: '2.0', firmwareVersion: '1.4.2' },
    });
    expect(parseIdentityReply('IR#CCX00012345')).toEqual({
      ok: true,
      value: {
        unitSerialNumber: 'CCX00012345',
        protocolVersion: undefined,
        firmwareVersion: undefined,
      },
    });
    expect(parseIdentityReply('IR#U##')).toMatchObject({
      value: { protocolVersion: undefined, firmwareVersion: undefined },
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

import { encodeRegisterReceiptMessage, ore, type ReceiptRegistration } from '@kassa/core';
import { sampleReceiptRegistration } from '@kassa/test-kit';
import { describe, expect, it } from 'vitest';
import {
  CONTROL_CODE_LENGTH,
  INITIAL_SIMULATOR_STATE,
  SIMULATOR_NOTICE_ASCII,
  type SimulatorConfig,
  answerSimulatorRequest,
  isSimulatedControlUnit,
  simulatorControlCode,
  simulatorSerialNumber,
} from './simulator-protocol.js';

const receipt = sampleReceiptRegistration({ organisationNumber: '5566778899' });

const config: SimulatorConfig = { seed: 'test', serialNumber: simulatorSerialNumber('test') };

function rr(seq: number, overrides: Partial<ReceiptRegistration> = {}): string {
  const message = encodeRegisterReceiptMessage({ ...receipt, ...overrides }, seq);
  if (!message.ok) throw new Error(message.code);
  return message.value;
}

describe('simulator identity', () => {
  it('has a 17-character SIM- serial number, deterministic per seed', () => {
    const serial = simulatorSerialNumber('test');
    expect(serial).toMatch(/^SIM-[0-9A-F]{13}$/);
    expect(serial).toHaveLength(17);
    expect(simulatorSerialNumber('test')).toBe(serial);
    expect(simulatorSerialNumber('other')).not.toBe(serial);
    expect(isSimulatedControlUnit(serial)).toBe(true);
    expect(isSimulatedControlUnit('CC1234567890ABCDE')).toBe(false);
  });

  it('says it is simulated and not certified in IR and SIR', () => {
    const ir = answerSimulatorRequest('IQ', INITIAL_SIMULATOR_STATE, config).reply;
    expect(ir).toBe(`IR#${config.serialNumber}#2#${SIMULATOR_NOTICE_ASCII}`);
    const sir = answerSimulatorRequest('SIQ', INITIAL_SIMULATOR_STATE, config).reply;
    expect(sir).toContain('SIMULERAD KONTROLLENHET - EJ CERTIFIERAD');
    expect(sir?.startsWith('SIR#0#')).toBe(true);
  });
});

describe('simulator control codes', () => {
  it('are 59 uppercase hex digits, deterministic given seed and request', () => {
    const code = simulatorControlCode('test', rr(1));
    expect(code).toMatch(/^[0-9A-F]{59}$/);
    expect(code).toHaveLength(CONTROL_CODE_LENGTH);
    expect(simulatorControlCode('test', rr(1))).toBe(code);
    expect(simulatorControlCode('seed2', rr(1))).not.toBe(code);
    expect(simulatorControlCode('test', rr(1, { receiptNumber: 124 }))).not.toBe(code);
  });
});

describe('answerSimulatorRequest RR', () => {
  it("registers a receipt and stays silent in 'lost-answer' mode", () => {
    const step = answerSimulatorRequest(rr(1), INITIAL_SIMULATOR_STATE, config, 'lost-answer');
    expect(step.reply).toBeUndefined();
    expect(step.state.registeredReceipts).toBe(1);
    expect(step.state.signed).toHaveLength(1);
    const status = answerSimulatorRequest('SIQ', step.state, config, 'lost-answer');
    expect(status.reply).toMatch(/^SIR#0#/);
  });

  it('registers a valid receipt and advances the sequence', () => {
    const step = answerSimulatorRequest(rr(1), INITIAL_SIMULATOR_STATE, config);
    expect(step.reply).toBe(
      `RRR#${simulatorControlCode('test', rr(1))}#${config.serialNumber}#0#0`,
    );
    expect(step.state).toMatchObject({ lastSequenceNumber: 1, registeredReceipts: 1 });
    expect(step.state.signed).toEqual([
      {
        registerId: rr(1).split('#')[4],
        receiptType: rr(1).split('#')[8],
        receiptNumber: rr(1).split('#')[3],
        content: rr(1).replace(/^RR#1#/, 'RR#'),
        controlCode: simulatorControlCode('test', rr(1)),
      },
    ]);
    const next = answerSimulatorRequest(rr(2), step.state, config);
    expect(next.reply?.startsWith('RRR#')).toBe(true);
  });

  it('accepts every receipt type and a return receipt', () => {
    for (const receiptType of ['normal', 'kopia', 'ovning', 'profo'] as const) {
      expect(
        answerSimulatorRequest(rr(1, { receiptType }), INITIAL_SIMULATOR_STATE, config).reply,
      ).toMatch(/^RRR#/);
    }
    const ret = rr(1, {
      total: ore(-3500),
      returnTotal: ore(3500),
      vat: [{ rate: 1200, amount: ore(-375) }],
    });
    expect(answerSimulatorRequest(ret, INITIAL_SIMULATOR_STATE, config).reply).toMatch(/^RRR#/);
  });

  it('refuses a sequence number that is neither 1 nor last + 1 (NAK 011)', () => {
    const state = { lastSequenceNumber: 5, registeredReceipts: 5 };
    expect(answerSimulatorRequest(rr(5), state, config).reply).toBe('NAK#011');
    expect(answerSimulatorRequest(rr(8), state, config).reply).toBe('NAK#011');
    expect(answerSimulatorRequest(rr(6), state, config).reply).toMatch(/^RRR#/);
    expect(answerSimulatorRequest(rr(1), state, config).reply).toMatch(/^RRR#/);
  });

  it('refuses an unknown or malformed POS id (NAK 007)', () => {
    const only = { ...config, registerIds: ['K2'] };
    expect(answerSimulatorRequest(rr(1), INITIAL_SIMULATOR_STATE, only).reply).toBe('NAK#007');
    const bad = rr(1).replace('#K1#', '#K-1#');
    expect(answerSimulatorRequest(bad, INITIAL_SIMULATOR_STATE, config).reply).toBe('NAK#007');
  });

  it('refuses a bad organisation number or field (NAK 003) without changing state', () => {
    const badOrg = rr(1).replace('#5566778899#', '#55667788#');
    const step = answerSimulatorRequest(badOrg, INITIAL_SIMULATOR_STATE, config);
    expect(step).toEqual({ reply: 'NAK#003', state: INITIAL_SIMULATOR_STATE });
    const badType = rr(1).replace('#normal#', '#retur#');
    expect(answerSimulatorRequest(badType, INITIAL_SIMULATOR_STATE, config).reply).toBe('NAK#003');
    const badDate = rr(1).replace('202604111432', '202613111432');
    expect(answerSimulatorRequest(badDate, INITIAL_SIMULATOR_STATE, config).reply).toBe('NAK#003');
    expect(answerSimulatorRequest('RR#1#x', INITIAL_SIMULATOR_STATE, config).reply).toBe('NAK#003');
  });

  it('answers NAK 002 to unknown messages, ACK to v1 ST/SQ', () => {
    expect(answerSimulatorRequest('XX#1', INITIAL_SIMULATOR_STATE, config).reply).toBe('NAK#002');
    expect(answerSimulatorRequest('ST', INITIAL_SIMULATOR_STATE, config).reply).toBe('ACK');
  });

  it('stays silent or answers NAK 006 in the test modes', () => {
    expect(answerSimulatorRequest(rr(1), INITIAL_SIMULATOR_STATE, config, 'silent')).toEqual({
      reply: undefined,
      state: INITIAL_SIMULATOR_STATE,
    });
    expect(
      answerSimulatorRequest('SIQ', INITIAL_SIMULATOR_STATE, config, 'not-operational').reply,
    ).toBe('NAK#006');
  });
});

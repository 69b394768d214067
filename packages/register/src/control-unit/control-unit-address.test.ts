import { describe, expect, it } from 'vitest';
import { parseControlUnitAddress } from './control-unit-address.js';

describe('parseControlUnitAddress', () => {
  it('reads TCP addresses with or without tcp://', () => {
    expect(parseControlUnitAddress('192.168.1.50:4001')).toEqual({
      ok: true,
      value: { kind: 'tcp', host: '192.168.1.50', port: 4001 },
    });
    expect(parseControlUnitAddress('tcp://cu.local:23')).toEqual({
      ok: true,
      value: { kind: 'tcp', host: 'cu.local', port: 23 },
    });
    expect(parseControlUnitAddress('[::1]:9000')).toEqual({
      ok: true,
      value: { kind: 'tcp', host: '::1', port: 9000 },
    });
  });

  it('reads serial devices, POSIX and Windows', () => {
    expect(parseControlUnitAddress('/dev/ttyUSB0')).toEqual({
      ok: true,
      value: { kind: 'serial', path: '/dev/ttyUSB0' },
    });
    expect(parseControlUnitAddress('com3')).toEqual({
      ok: true,
      value: { kind: 'serial', path: '\\\\.\\COM3' },
    });
    expect(parseControlUnitAddress('serial:/dev/ttyS1')).toEqual({
      ok: true,
      value: { kind: 'serial', path: '/dev/ttyS1' },
    });
    expect(parseControlUnitAddress('SERIAL:COM4')).toEqual({
      ok: true,
      value: { kind: 'serial', path: '\\\\.\\COM4' },
    });
    expect(parseControlUnitAddress('serial:')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseControlUnitAddress('\\\\.\\COM12')).toEqual({
      ok: true,
      value: { kind: 'serial', path: '\\\\.\\COM12' },
    });
  });

  it('refuses empty, bad ports and anything else', () => {
    expect(parseControlUnitAddress('  ')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parseControlUnitAddress('host:0')).toMatchObject({ ok: false, reason: 'bad-port' });
    expect(parseControlUnitAddress('host:70000')).toMatchObject({
      ok: false,
      reason: 'bad-port',
    });
    expect(parseControlUnitAddress('ttyUSB0')).toMatchObject({
      ok: false,
      code: 'control-unit-invalid-address',
      reason: 'unrecognised',
    });
  });
});

describe('parseControlUnitAddress: Windows COM ports', () => {
  it('accepts COM1–COM256, with or without \\\\.\\ and a trailing colon', () => {
    for (const [text, path] of [
      ['COM1', '\\\\.\\COM1'],
      ['com3:', '\\\\.\\COM3'],
      ['COM10', '\\\\.\\COM10'],
      ['\\\\.\\COM10', '\\\\.\\COM10'],
      ['\\\\.\\com256', '\\\\.\\COM256'],
      [' serial:COM7 ', '\\\\.\\COM7'],
    ] as const) {
      expect(parseControlUnitAddress(text)).toEqual({ ok: true, value: { kind: 'serial', path } });
    }
  });

  it('refuses COM0, COM257 and leading zeros as a bad port', () => {
    for (const text of ['COM0', 'COM257', 'COM999', 'COM03']) {
      expect(parseControlUnitAddress(text)).toMatchObject({
        ok: false,
        code: 'control-unit-invalid-address',
        reason: 'bad-port',
      });
    }
  });
});

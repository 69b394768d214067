import { describe, expect, it } from 'vitest';
import { parseControlUnitAddress } from './control-unit-address.js';

describe('parseControlUnitAddress', () => {
  it('reads TCP addresses with or without tcp://', () => {
    for (const [text, host, port] of [
      ['192.168.1.50:4001', '192.168.1.50', 4001],
      ['tcp://cu.local:23', 'cu.local', 23],
      ['[::1]:9000', '::1', 9000],
    ] as const) {
      expect(parseControlUnitAddress(text)).toEqual({
        ok: true,
        value: { kind: 'tcp', host, port },
      });
    }
  });

  it('reads serial devices, POSIX and Windows', () => {
    for (const [text, path] of [
      ['/dev/ttyUSB0', '/dev/ttyUSB0'],
      ['com3', '\\\\.\\COM3'],
      ['serial:/dev/ttyS1', '/dev/ttyS1'],
      ['SERIAL:COM4', '\\\\.\\COM4'],
      ['\\\\.\\COM12', '\\\\.\\COM12'],
    ] as const) {
      expect(parseControlUnitAddress(text)).toEqual({ ok: true, value: { kind: 'serial', path } });
    }
    expect(parseControlUnitAddress('serial:')).toMatchObject({ ok: false, reason: 'empty' });
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

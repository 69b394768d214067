import { describe, expect, it } from 'vitest';
import {
  computeFingerprint,
  fingerprintFromOverride,
  fingerprintInput,
  normaliseMac,
  normaliseMachineId,
  selectPhysicalMacs,
  shortFingerprint,
  type HardwareIds,
} from './fingerprint.js';

const pc: HardwareIds = {
  machineId: '0123456789abcdef0123456789abcdef\n',
  hostname: 'KASSA-PC-1',
  interfaces: [
    { name: 'lo', mac: '00:00:00:00:00:00', internal: true },
    { name: 'eth0', mac: '3C:52:82:AA:BB:01', internal: false, physical: true },
    { name: 'eth0', mac: '3c:52:82:aa:bb:01', internal: false, physical: true },
    { name: 'wlan0', mac: '00:1b:63:84:45:e6', internal: false, physical: true },
    { name: 'docker0', mac: '00:42:ac:11:00:02', internal: false },
    { name: 'veth1234', mac: '00:aa:bb:cc:dd:ee', internal: false },
    { name: 'tap0', mac: '00:aa:bb:cc:dd:ef', internal: false, physical: false },
    { name: 'Ethernet 2', mac: '02:50:f2:00:00:01', internal: false },
    { name: 'vEthernet (WSL)', mac: '00:15:5d:01:02:03', internal: false },
  ],
};

describe('hardware fingerprint', () => {
  it('normalises MAC addresses and drops zero, broadcast and locally administered ones', () => {
    expect(normaliseMac('3C-52-82-AA-BB-01')).toBe('3c:52:82:aa:bb:01');
    expect(normaliseMac('3c5282aabb01')).toBe('3c:52:82:aa:bb:01');
    expect(normaliseMac('00:00:00:00:00:00')).toBeNull();
    expect(normaliseMac('ff:ff:ff:ff:ff:ff')).toBeNull();
    expect(normaliseMac('02:42:ac:11:00:02')).toBeNull();
    expect(normaliseMac('da:a1:19:00:00:01')).toBeNull();
    expect(normaliseMac('')).toBeNull();
  });

  it('keeps only physical interfaces, unique and sorted', () => {
    expect(selectPhysicalMacs(pc.interfaces)).toEqual(['00:1b:63:84:45:e6', '3c:52:82:aa:bb:01']);
  });

  it('normalises machine ids (Windows braces, dashes, case)', () => {
    expect(normaliseMachineId('{A1B2C3D4-0000-1111-2222-333344445555}')).toBe(
      'a1b2c3d4000011112222333344445555',
    );
    expect(normaliseMachineId('  \n')).toBeNull();
    expect(normaliseMachineId('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(normaliseMachineId(null)).toBeNull();
  });

  it('hashes a canonical, versioned list of identifiers', () => {
    expect(fingerprintInput(pc)).toBe(
      [
        'kassa-fingerprint-v1',
        'machine-id:0123456789abcdef0123456789abcdef',
        'mac:00:1b:63:84:45:e6',
        'mac:3c:52:82:aa:bb:01',
        'host:kassa-pc-1',
      ].join('\n'),
    );
    expect(computeFingerprint(pc)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable under interface order, case and virtual interfaces coming and going', () => {
    const same: HardwareIds = {
      machineId: '0123456789ABCDEF0123456789ABCDEF',
      hostname: 'kassa-pc-1',
      interfaces: [...pc.interfaces]
        .reverse()
        .concat({ name: 'docker1', mac: '00:42:ac:11:00:03', internal: false }),
    };
    expect(computeFingerprint(same)).toBe(computeFingerprint(pc));
  });

  it('changes with another machine', () => {
    expect(computeFingerprint({ ...pc, machineId: 'ffff' })).not.toBe(computeFingerprint(pc));
    expect(computeFingerprint({ ...pc, hostname: 'KASSA-PC-2' })).not.toBe(computeFingerprint(pc));
  });

  it('derives a fingerprint from KASSA_HARDWARE_ID', () => {
    expect(fingerprintFromOverride('pc-a')).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintFromOverride(' pc-a ')).toBe(fingerprintFromOverride('pc-a'));
    expect(fingerprintFromOverride('pc-a')).not.toBe(fingerprintFromOverride('pc-b'));
  });

  it('shortens like the backoffice', () => {
    expect(shortFingerprint('0123456789abcdef'.repeat(4))).toBe('0123456789ab');
  });
});

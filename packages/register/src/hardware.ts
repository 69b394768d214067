/**
 * Reads this machine's identifiers for the fingerprint (fingerprint.ts does the pure part).
 * Every source is best effort: a missing one is left out, never an error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import {
  computeFingerprint,
  fingerprintFromOverride,
  type HardwareIds,
  type NetworkInterfaceInfo,
} from './fingerprint.js';

function readFirst(files: string[]): string | null {
  for (const file of files) {
    try {
      const text = readFileSync(file, 'utf8').trim();
      if (text !== '') return text;
    } catch {
      // Not present on this system: try the next source.
    }
  }
  return null;
}

function run(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, {
      encoding: 'utf8',
      timeout: 5_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      windowsHide: true,
    });
  } catch {
    return null;
  }
}

function readMachineId(): string | null {
  if (process.platform === 'win32') {
    const out = run('reg', [
      'query',
      'HKLM\\SOFTWARE\\Microsoft\\Cryptography',
      '/v',
      'MachineGuid',
    ]);
    const match = out?.match(/MachineGuid\s+REG_SZ\s+(\S+)/i);
    return match?.[1] ?? null;
  }
  if (process.platform === 'darwin') {
    const out = run('ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice']);
    return out?.match(/"IOPlatformUUID"\s*=\s*"([^"]+)"/)?.[1] ?? null;
  }
  return readFirst(['/etc/machine-id', '/var/lib/dbus/machine-id']);
}

function readInterfaces(): NetworkInterfaceInfo[] {
  const out: NetworkInterfaceInfo[] = [];
  for (const [name, addresses] of Object.entries(os.networkInterfaces())) {
    // Linux tells real devices apart: they have a `device` link in sysfs.
    const physical =
      process.platform === 'linux' ? existsSync(`/sys/class/net/${name}/device`) : undefined;
    for (const address of addresses ?? []) {
      out.push({ name, mac: address.mac, internal: address.internal, physical });
    }
  }
  return out;
}

/** This machine's identifiers. */
export function readHardwareIds(): HardwareIds {
  return { machineId: readMachineId(), interfaces: readInterfaces(), hostname: os.hostname() };
}

/** The fingerprint of this PC; KASSA_HARDWARE_ID (if set) stands in for the hardware. */
export function machineFingerprint(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.KASSA_HARDWARE_ID?.trim();
  if (override) return fingerprintFromOverride(override);
  return computeFingerprint(readHardwareIds());
}

/** The PC's name as the backoffice shows it. */
export function pcName(env: NodeJS.ProcessEnv = process.env): string {
  return env.KASSA_PC_NAME?.trim() || os.hostname();
}

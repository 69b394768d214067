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

/**
 * The MachineGuid value from `reg query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid`.
 * The value name and type are not translated on localized Windows, lines may end in CRLF, and
 * the columns are separated by spaces or tabs. Null when the value is missing. The value is
 * returned as written (not case-folded), so fingerprints of registers already bound stay the same.
 */
export function parseMachineGuid(output: string | null | undefined): string | null {
  if (!output) return null;
  for (const line of output.split(/\r?\n/)) {
    const value = /^\s*MachineGuid\s+REG_(?:EXPAND_)?SZ\s+(\S+)\s*$/i.exec(line)?.[1];
    if (value !== undefined) return value;
  }
  return null;
}

function readMachineId(): string | null {
  if (process.platform === 'win32') {
    const out = run('reg', [
      'query',
      'HKLM\\SOFTWARE\\Microsoft\\Cryptography',
      '/v',
      'MachineGuid',
    ]);
    return parseMachineGuid(out);
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
function readHardwareIds(): HardwareIds {
  return { machineId: readMachineId(), interfaces: readInterfaces(), hostname: os.hostname() };
}

/** The fingerprint of this PC; KASSA_HARDWARE_ID (if set) stands in for the hardware. */
export function machineFingerprint(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.KASSA_HARDWARE_ID?.trim();
  if (override) return fingerprintFromOverride(override);
  return computeFingerprint(readHardwareIds());
}

/** The PC's name as the backoffice shows it: KASSA_PC_NAME, else COMPUTERNAME on Windows, else the host name. */
export function pcName(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return (
    env.KASSA_PC_NAME?.trim() ||
    (platform === 'win32' ? env.COMPUTERNAME?.trim() : undefined) ||
    os.hostname()
  );
}

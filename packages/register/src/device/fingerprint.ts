/**
 * The hardware fingerprint of this PC: a SHA-256 over stable machine identifiers, so the server
 * can tell "the same PC reinstalled" (may rebind) from "another PC" (refused). Pure: the
 * identifiers are read by hardware.ts.
 *
 * Stable means: survives a reinstall of the register and a reboot. So virtual interfaces
 * (Docker, VPNs, Hyper-V), locally administered (random) MAC addresses and the loopback are left
 * out; the host name is in, since the backoffice shows the PC by that name anyway.
 */
import { sha256Hex } from '@kassa/core/sha256';

/** The raw identifiers of a machine, as read from the operating system. */
export interface HardwareIds {
  /** /etc/machine-id, Windows MachineGuid or macOS IOPlatformUUID. */
  machineId: string | null;
  /** Network interfaces as os.networkInterfaces() lists them (one entry per address). */
  interfaces: NetworkInterfaceInfo[];
  hostname: string;
}

export interface NetworkInterfaceInfo {
  name: string;
  mac: string;
  internal: boolean;
  /** Linux: true when /sys/class/net/<name>/device exists (a real device); unknown elsewhere. */
  physical?: boolean;
}

const VIRTUAL_NAME =
  /^(lo|docker|veth|br-|virbr|vmnet|vboxnet|tun|tap|wg|zt|tailscale|utun|awdl|llw|bridge|ppp|cni|flannel|cali|kube|podman|lxc|lxd|vnet|dummy|ip6tnl|sit|gre)|vethernet|virtualbox|vmware|hyper-v|loopback|bluetooth|pseudo|teredo|isatap/i;

/** Lower-case colon-separated MAC, or null for an absent, zero or locally administered one. */
export function normaliseMac(mac: string): string | null {
  const hex = mac.toLowerCase().replace(/[^0-9a-f]/g, '');
  if (hex.length !== 12 || /^0+$/.test(hex) || /^f+$/.test(hex)) return null;
  const firstOctet = parseInt(hex.slice(0, 2), 16);
  // Bit 1 of the first octet: locally administered (random Wi-Fi MACs, containers, VMs).
  if ((firstOctet & 0x02) !== 0) return null;
  return hex.match(/../g)?.join(':') ?? null;
}

/** The MAC addresses of the physical network interfaces, normalised, unique and sorted. */
export function selectPhysicalMacs(interfaces: NetworkInterfaceInfo[]): string[] {
  const macs = new Set<string>();
  for (const nic of interfaces) {
    if (nic.internal || nic.physical === false || VIRTUAL_NAME.test(nic.name)) continue;
    const mac = normaliseMac(nic.mac);
    if (mac !== null) macs.add(mac);
  }
  return [...macs].sort();
}

/** A machine id without braces, dashes or case; null when empty or all zeros. */
export function normaliseMachineId(raw: string | null): string | null {
  if (raw === null) return null;
  const id = raw
    .trim()
    .toLowerCase()
    .replace(/[{}\s-]/g, '');
  return id === '' || /^0+$/.test(id) ? null : id;
}

/** The canonical text hashed into the fingerprint (one identifier per line, versioned). */
export function fingerprintInput(ids: HardwareIds): string {
  const lines = ['kassa-fingerprint-v1'];
  const machineId = normaliseMachineId(ids.machineId);
  if (machineId !== null) lines.push(`machine-id:${machineId}`);
  for (const mac of selectPhysicalMacs(ids.interfaces)) lines.push(`mac:${mac}`);
  lines.push(`host:${ids.hostname.trim().toLowerCase()}`);
  return lines.join('\n');
}

/** The fingerprint: SHA-256 (hex) of the canonical identifiers. */
export function computeFingerprint(ids: HardwareIds): string {
  return sha256Hex(fingerprintInput(ids));
}

/** The fingerprint when KASSA_HARDWARE_ID stands in for the hardware (tests, several PCs on one). */
export function fingerprintFromOverride(value: string): string {
  return sha256Hex(`kassa-fingerprint-v1\noverride:${value.trim()}`);
}

/** The short form shown to people (same length as the backoffice shows). */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, 12);
}

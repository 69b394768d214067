/**
 * Where the register finds its control unit, as the administrator writes it:
 * - a TCP address `host:port` or `tcp://host:port` (a CleanCash unit behind a serial-over-TCP
 *   server, or the simulator on 127.0.0.1);
 * - a serial device: `/dev/ttyUSB0`, `/dev/serial/by-id/…` (any absolute POSIX path), or a
 *   Windows port `COM3` (opened as `\\.\COM3`).
 * Pure.
 */
import { type Failure, type Result, fail, ok } from '@kassa/core';

/** A parsed control-unit address. */
export type ControlUnitAddress =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'serial'; readonly path: string };

/** Why an address was refused. */
export type ControlUnitAddressFailure = Failure<
  'control-unit-invalid-address',
  { address: string; reason: 'empty' | 'bad-port' | 'unrecognised' }
>;

const WINDOWS_PORT = /^(?:\\\\\.\\)?COM(\d{1,3}):?$/i;
const HOST_PORT = /^(?:tcp:\/\/)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/;

/** Parses a control-unit address (see the module comment). */
export function parseControlUnitAddress(
  text: string,
): Result<ControlUnitAddress, ControlUnitAddressFailure> {
  // 'serial:' may name a serial port explicitly (serial:/dev/ttyUSB0, serial:COM3).
  const trimmed = text.trim();
  const address = /^serial:/i.test(trimmed) ? trimmed.slice('serial:'.length).trim() : trimmed;
  if (address === '') {
    return fail('control-unit-invalid-address', { address: text, reason: 'empty' });
  }
  const windows = WINDOWS_PORT.exec(address);
  if (windows?.[1] !== undefined) {
    // Windows numbers serial ports COM1–COM256; `\\.\COMn` is the device path that opens
    // every one of them (COM10 and up only open that way).
    const n = Number(windows[1]);
    if (n < 1 || n > 256 || windows[1].startsWith('0')) {
      return fail('control-unit-invalid-address', { address: text, reason: 'bad-port' });
    }
    return ok({ kind: 'serial', path: `\\\\.\\COM${n}` });
  }
  if (address.startsWith('/')) {
    return ok({ kind: 'serial', path: address });
  }
  const tcp = HOST_PORT.exec(address);
  if (tcp?.[1] !== undefined && tcp[2] !== undefined) {
    const port = Number(tcp[2]);
    if (port < 1 || port > 65_535) {
      return fail('control-unit-invalid-address', { address: text, reason: 'bad-port' });
    }
    const host = tcp[1].startsWith('[') ? tcp[1].slice(1, -1) : tcp[1];
    return ok({ kind: 'tcp', host, port });
  }
  return fail('control-unit-invalid-address', { address: text, reason: 'unrecognised' });
}

/**
 * Printer outputs for ESC/POS bytes: a network printer (raw TCP, port 9100) and a device or file
 * path (/dev/usb/lp0, a Windows share, or a file in tests). Failures are `PrinterError`s with a
 * stable code and a Swedish message for the cashier, with the English text beside it.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { Socket } from 'node:net';
import { type Failure, type Result, fail, ok } from '@kassa/core';

export type PrinterErrorCode =
  | 'printer-unreachable'
  | 'printer-timeout'
  | 'printer-connection-lost'
  | 'printer-path-not-found'
  | 'printer-path-denied'
  | 'printer-write-failed'
  | 'printer-busy'
  | 'printer-share-unsupported';

/** A printing failure: `message` is Swedish, `en` English, `reason` the system's own words. */
export class PrinterError extends Error {
  override readonly name = 'PrinterError';
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    readonly en: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

export interface NetworkPrinter {
  readonly host: string;
  /** Default 9100 (raw printing, "JetDirect"). */
  readonly port?: number;
  /** For connecting and for sending all bytes. Default 5000 ms. */
  readonly timeoutMs?: number;
}

/** Sends `bytes` to a network receipt printer over raw TCP and resolves once all are sent. */
export function printToNetworkPrinter(bytes: Uint8Array, printer: NetworkPrinter): Promise<void> {
  const port = printer.port ?? 9100;
  const timeoutMs = printer.timeoutMs ?? 5000;
  const where = `${printer.host}:${port}`;
  return new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    let settled = false;
    let connected = false;
    const finish = (error?: PrinterError): void => {
      if (settled) {
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (error) {
        socket.destroy();
        reject(error);
      } else {
        resolve();
      }
    };
    const timer = setTimeout(() => {
      finish(
        new PrinterError(
          'printer-timeout',
          `Skrivaren ${where} svarade inte inom ${timeoutMs / 1000} s. Kontrollera att skrivaren är på, har papper och sitter i nätverket.`,
          `The printer ${where} did not answer within ${timeoutMs / 1000} s.`,
          connected ? 'timeout while sending' : 'timeout while connecting',
        ),
      );
    }, timeoutMs);
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code ?? error.message;
      finish(
        connected
          ? new PrinterError(
              'printer-connection-lost',
              `Anslutningen till skrivaren ${where} bröts under utskriften (${reason}). Kvittot kan vara ofullständigt: skriv ut det igen.`,
              `The connection to the printer ${where} was lost while printing (${reason}).`,
              reason,
            )
          : new PrinterError(
              'printer-unreachable',
              `Kan inte ansluta till skrivaren ${where} (${reason}). Kontrollera skrivarens IP-adress och att den är på.`,
              `Cannot connect to the printer ${where} (${reason}).`,
              reason,
            ),
      );
    });
    socket.connect(port, printer.host, () => {
      connected = true;
      socket.end(bytes, () => finish());
    });
  });
}

/** A parsed printer address. */
export type PrinterAddress =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  /** A Windows printer share `\\DATORN\Kvittoskrivare`: raw bytes to the UNC path. */
  | { readonly kind: 'share'; readonly path: string }
  /** A Windows port `LPT1`, `COM3` as its device path `\\.\LPT1`. */
  | { readonly kind: 'port'; readonly path: string }
  /** A device or file path (/dev/usb/lp0, a printout log). */
  | { readonly kind: 'device'; readonly path: string };

export type PrinterAddressFailure = Failure<
  'printer-invalid-address',
  { address: string; reason: 'empty' | 'bad-port' | 'bad-share' | 'unrecognised' }
>;

const PRINTER_HOST_PORT = /^(?:tcp:\/\/)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/;
const PRINTER_WINDOWS_PORT = /^(?:\\\\\.\\)?(LPT[1-9]|COM\d{1,3}):?$/i;
// \\server\share: a server name and a share name, no further path, no characters Windows refuses.
const WINDOWS_DRIVE_PATH = /^[A-Za-z]:[\\/]/;
const PRINTER_SHARE = /^(?:\\\\|\/\/)([^\\/:*?"<>|\s]+)[\\/]([^\\/:*?"<>|]+?)[\\/]?$/;

/**
 * Parses where the receipt printer is: `tcp://host:9100` or `host:9100` (raw TCP; port 9100 when
 * left out after tcp://), a share `\\DATORN\Kvittoskrivare`, `LPT1`–`LPT9`, `COM1`–`COM256`, or
 * an absolute device or file path (`/dev/usb/lp0`, `C:\…`). Pure.
 */
export function parsePrinterAddress(text: string): Result<PrinterAddress, PrinterAddressFailure> {
  const address = text.trim();
  if (address === '') return fail('printer-invalid-address', { address: text, reason: 'empty' });
  if (address.startsWith('\\\\') && !address.startsWith('\\\\.\\')) {
    const share = PRINTER_SHARE.exec(address);
    if (share?.[1] === undefined || share[2] === undefined) {
      return fail('printer-invalid-address', { address: text, reason: 'bad-share' });
    }
    return ok({ kind: 'share', path: `\\\\${share[1]}\\${share[2].trim()}` });
  }
  const port = PRINTER_WINDOWS_PORT.exec(address);
  if (port?.[1] !== undefined) {
    const name = port[1].toUpperCase();
    const n = Number(name.slice(3));
    if (name.startsWith('COM') && (n < 1 || n > 256 || name.startsWith('COM0'))) {
      return fail('printer-invalid-address', { address: text, reason: 'bad-port' });
    }
    return ok({ kind: 'port', path: `\\\\.\\${name}` });
  }
  if (address.startsWith('/') || WINDOWS_DRIVE_PATH.test(address)) {
    return ok({ kind: 'device', path: address });
  }
  const tcp = PRINTER_HOST_PORT.exec(address);
  if (tcp?.[1] !== undefined && (tcp[2] !== undefined || /^tcp:\/\//i.test(address))) {
    const portNumber = Number(tcp[2] ?? '9100');
    if (portNumber < 1 || portNumber > 65_535) {
      return fail('printer-invalid-address', { address: text, reason: 'bad-port' });
    }
    const host = tcp[1].startsWith('[') ? tcp[1].slice(1, -1) : tcp[1];
    return ok({ kind: 'tcp', host, port: portNumber });
  }
  return fail('printer-invalid-address', { address: text, reason: 'unrecognised' });
}

/** True for a UNC share path (\\server\share) or a Windows device path (\\.\LPT1). */
function isWindowsPrinterPath(path: string): boolean {
  return path.startsWith('\\\\') || PRINTER_WINDOWS_PORT.test(path);
}

/**
 * Writes `bytes` to a printer device, or appends them to a file (a printout log). A Windows share
 * or port is opened write-only without creating anything (a device must exist already); on other
 * systems a share path is refused with `printer-share-unsupported`.
 */
export async function printToDevice(
  bytes: Uint8Array,
  path: string,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  const windowsPath = isWindowsPrinterPath(path);
  if (windowsPath && platform !== 'win32') {
    throw new PrinterError(
      'printer-share-unsupported',
      `Skrivaren ${path} är en Windows-delning eller -port och kan bara användas när kassan körs i Windows. Ange en nätverksskrivare (tcp://adress:9100) eller en enhet som /dev/usb/lp0.`,
      `The printer ${path} is a Windows share or port and only works when the register runs on Windows. Use a network printer (tcp://host:9100) or a device such as /dev/usb/lp0.`,
      'not-windows',
    );
  }
  const share = path.startsWith('\\\\') && !path.startsWith('\\\\.\\');
  try {
    const handle = await open(path, windowsPath ? constants.O_WRONLY : 'a');
    try {
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    if (share && (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EINVAL')) {
      throw new PrinterError(
        'printer-path-not-found',
        `Skrivardelningen ${path} hittades inte. Kontrollera att datorn som delar skrivaren är påslagen, att namnet på delningen stämmer och att skrivaren är delad i Windows.`,
        `The printer share ${path} was not found. Check that the PC sharing the printer is on, the share name is right and the printer is shared in Windows.`,
        reason,
      );
    }
    if (share && (code === 'EACCES' || code === 'EPERM')) {
      throw new PrinterError(
        'printer-path-denied',
        `Åtkomst nekad till skrivardelningen ${path}. Ge kassans Windows-användare rätt att skriva ut på delningen.`,
        `Access denied to the printer share ${path}. Allow the register's Windows user to print to the share.`,
        reason,
      );
    }
    if (code === 'EBUSY') {
      throw new PrinterError(
        'printer-busy',
        `Skrivaren ${path} används av ett annat program. Stäng det programmet och försök igen.`,
        `The printer ${path} is in use by another program. Close it and try again.`,
        reason,
      );
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new PrinterError(
        'printer-path-not-found',
        `Skrivaren ${path} finns inte. Kontrollera att skrivaren är ansluten och att sökvägen stämmer.`,
        `The printer ${path} does not exist.`,
        reason,
      );
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new PrinterError(
        'printer-path-denied',
        `Behörighet saknas för att skriva till skrivaren ${path}.`,
        `No permission to write to the printer ${path}.`,
        reason,
      );
    }
    throw new PrinterError(
      'printer-write-failed',
      `Skrivaren ${path} tog inte emot kvittot (${code}). Kontrollera att skrivaren är på och har papper, och att sökvägen under Inställningar stämmer.`,
      `The printer ${path} did not take the receipt (${code}). Check that it is on and has paper, and that the path under Settings is right.`,
      reason,
    );
  }
}

/** Sends `bytes` to a parsed printer address (network, share, port or device). */
export function printTo(
  bytes: Uint8Array,
  address: PrinterAddress,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  return address.kind === 'tcp'
    ? printToNetworkPrinter(bytes, { host: address.host, port: address.port })
    : printToDevice(bytes, address.path, platform);
}

/** ESC p 0 25 250: pulse the drawer kick-out connector pin 2 (the cash drawer on the printer). */
export const DRAWER_KICK = Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa);

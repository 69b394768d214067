/**
 * Printer outputs for ESC/POS bytes: a network printer (raw TCP, port 9100) and a device or file
 * path (/dev/usb/lp0, a Windows share, or a file in tests). Failures are `PrinterError`s with a
 * stable code and a Swedish message for the cashier, with the English text beside it.
 */
import { open } from 'node:fs/promises';
import { Socket } from 'node:net';

export type PrinterErrorCode =
  | 'printer-unreachable'
  | 'printer-timeout'
  | 'printer-connection-lost'
  | 'printer-path-not-found'
  | 'printer-path-denied'
  | 'printer-write-failed';

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

/** Writes `bytes` to a printer device, or appends them to a file (a printout log). */
export async function printToDevice(bytes: Uint8Array, path: string): Promise<void> {
  try {
    const handle = await open(path, 'a');
    try {
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
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
      `Utskriften till ${path} misslyckades (${code}).`,
      `Printing to ${path} failed (${code}).`,
      reason,
    );
  }
}

/** ESC p 0 25 250: pulse the drawer kick-out connector pin 2 (the cash drawer on the printer). */
export const DRAWER_KICK = Uint8Array.of(0x1b, 0x70, 0x00, 0x19, 0xfa);

/**
 * The serial transport: a CleanCash unit on an RS-232/USB serial port (`/dev/ttyUSB0`,
 * `/dev/serial/by-id/…`, `COM3`), opened with node:fs as a read/write stream.
 *
 * Line settings (9600 baud, 8N1, raw) are set by the operating system, not here, e.g.
 *   stty -F /dev/ttyUSB0 9600 cs8 -cstopb -parenb raw -echo
 * (Windows: `mode COM3: BAUD=9600 PARITY=n DATA=8 STOP=1`). We deliberately avoid a native
 * serial module (`serialport`): it ships prebuilt binaries that cannot be downloaded on our
 * build machines and would have to be embedded in the single executable per OS.
 *
 * How the device is read: it is opened once, non-blocking (O_RDWR | O_NOCTTY | O_NONBLOCK), and
 * read through libuv — a `tty.ReadStream` for a terminal device, a `net.Socket` for a pipe
 * (FIFO) — so a pending read never ties up a thread and closing is immediate. Other handle
 * types (e.g. a Windows COM port) fall back to an fs read stream. Writes use `fs.write`, retried
 * briefly on EAGAIN. `writePath` lets reading and writing use two paths (a FIFO pair in tests, or
 * a device split in two); by default both are `path`.
 */
import fs from 'node:fs';
import net from 'node:net';
import { type Readable } from 'node:stream';
import tty from 'node:tty';
import { type Result, fail, ok } from '@kassa/core';
import { type CcspLinkOpener, type LinkUnreachable } from './ccsp-link.js';
import {
  type CcspControlUnitDriver,
  type CcspDriverOptions,
  createCcspDriver,
} from './ccsp-driver.js';

/** Options of `createSerialControlUnitDriver`. */
export interface SerialControlUnitOptions extends Omit<CcspDriverOptions, 'open'> {
  /** The device to read (and, without `writePath`, to write). */
  readonly path: string;
  /** A separate path to write to (FIFO pairs); default `path`. */
  readonly writePath?: string;
}

const OPEN_FLAGS =
  fs.constants.O_RDWR | (fs.constants.O_NOCTTY ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
const WRITE_RETRY_MS = 5;
const WRITE_RETRY_LIMIT = 200;

/** Opens links on a serial device (or a read/write path pair). */
export function serialLinkOpener(path: string, writePath: string = path): CcspLinkOpener {
  return (events) => {
    let readFd: number;
    let writeFd: number;
    try {
      readFd = fs.openSync(path, OPEN_FLAGS);
    } catch (error) {
      return Promise.resolve(unreachable(path, error));
    }
    try {
      writeFd = writePath === path ? readFd : fs.openSync(writePath, OPEN_FLAGS);
    } catch (error) {
      fs.closeSync(readFd);
      return Promise.resolve(unreachable(writePath, error));
    }
    let closed = false;
    const stream = readStreamFor(readFd);
    stream.on('data', (chunk: Buffer) => {
      if (!closed) events.onData(chunk);
    });
    const lost = (detail: string): void => {
      if (closed) return;
      close();
      events.onClose(`${path}: ${detail}`);
    };
    stream.on('error', (error) => lost(describeError(error)));
    stream.on('end', () => lost('device closed'));
    function close(): void {
      if (closed) return;
      closed = true;
      stream.destroy(); // closes readFd
      if (writeFd !== readFd) {
        fs.close(writeFd, () => undefined);
      }
    }
    return Promise.resolve(
      ok({
        write: (bytes) => writeAll(writeFd, bytes, () => closed, writePath),
        close,
      }),
    );
  };
}

/** A control unit on a serial device. */
export function createSerialControlUnitDriver(
  options: SerialControlUnitOptions,
): CcspControlUnitDriver {
  return createCcspDriver({ ...options, open: serialLinkOpener(options.path, options.writePath) });
}

function readStreamFor(fd: number): Readable {
  if (tty.isatty(fd)) {
    return new tty.ReadStream(fd);
  }
  if (fs.fstatSync(fd).isFIFO()) {
    return new net.Socket({ fd, readable: true, writable: false });
  }
  return fs.createReadStream('', { fd, highWaterMark: 256 });
}

async function writeAll(
  fd: number,
  bytes: Uint8Array,
  isClosed: () => boolean,
  path: string,
): Promise<Result<void, LinkUnreachable>> {
  let offset = 0;
  let retries = 0;
  while (offset < bytes.length) {
    if (isClosed()) {
      return fail('control-unit-unreachable', { detail: `${path}: closed` });
    }
    try {
      offset += await new Promise<number>((resolve, reject) => {
        fs.write(fd, bytes, offset, bytes.length - offset, null, (error, written) => {
          if (error) reject(error);
          else resolve(written);
        });
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN' && retries < WRITE_RETRY_LIMIT) {
        retries += 1;
        await new Promise((resolve) => setTimeout(resolve, WRITE_RETRY_MS));
        continue;
      }
      return unreachable(path, error);
    }
  }
  return ok(undefined);
}

function unreachable(path: string, error: unknown): LinkUnreachable {
  const hint = serialOpenHint((error as NodeJS.ErrnoException | undefined)?.code);
  const detail = `${path}: ${describeError(error)}`;
  return fail('control-unit-unreachable', { detail: hint ? `${hint} – ${detail}` : detail });
}

/**
 * What a failed open of a serial port means for the shop, in Swedish: a port that does not exist
 * (Windows reports ENOENT for a missing COMn) or one held by another program (Windows opens a COM
 * port exclusively: EBUSY, or EACCES/EPERM for "access denied"). Pure.
 */
export function serialOpenHint(code: string | undefined): string | null {
  if (code === 'ENOENT' || code === 'ENODEV' || code === 'ENXIO') {
    return 'porten finns inte – kontrollera kontrollenhetens kabel och portnamnet (COM-numret i Enhetshanteraren, eller /dev/ttyUSB0)';
  }
  if (code === 'EBUSY' || code === 'EACCES' || code === 'EPERM') {
    return 'porten används av ett annat program eller saknar behörighet – stäng det andra programmet (t.ex. en annan kassa eller ett terminalprogram) och försök igen';
  }
  return null;
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === undefined ? error.message : `${code} (${error.message})`;
  }
  return String(error);
}

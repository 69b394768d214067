/**
 * The TCP transport: a CleanCash unit behind a serial-over-TCP server (the unit's RS-232 port,
 * 9600 8N1, bridged to a TCP port by a device server), or the simulator on 127.0.0.1. The same
 * CCSP bytes as on the serial line. The connection is kept open between requests and reopened
 * when it closed; a refused, unresolvable or slow connection is `control-unit-unreachable`.
 */
import net from 'node:net';
import { fail, ok } from '@kassa/core';
import { type CcspLinkOpener } from './ccsp-link.js';
import {
  type CcspControlUnitDriver,
  type CcspDriverOptions,
  createCcspDriver,
} from './ccsp-driver.js';

/** Default time to establish the TCP connection. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;

/** Options of `createTcpControlUnitDriver`. */
export interface TcpControlUnitOptions extends Omit<CcspDriverOptions, 'open'> {
  readonly host: string;
  readonly port: number;
  /** Time to establish the connection, in ms (default 3000). */
  readonly connectTimeoutMs?: number;
}

/** Opens TCP links to `host:port`. */
export function tcpLinkOpener(
  host: string,
  port: number,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
): CcspLinkOpener {
  return (events) =>
    new Promise((resolve) => {
      const socket = net.connect({ host, port });
      let connected = false;
      let closed = false;
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(
          fail('control-unit-unreachable', {
            detail: `${host}:${port}: no connection within ${connectTimeoutMs} ms`,
          }),
        );
      }, connectTimeoutMs);
      socket.once('connect', () => {
        connected = true;
        clearTimeout(timer);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 10_000);
        resolve(
          ok({
            write: (bytes) =>
              new Promise((done) => {
                if (closed || socket.destroyed) {
                  done(fail('control-unit-unreachable', { detail: `${host}:${port}: closed` }));
                  return;
                }
                socket.write(bytes, (error) => {
                  done(
                    error
                      ? fail('control-unit-unreachable', {
                          detail: `${host}:${port}: ${describeError(error)}`,
                        })
                      : ok(undefined),
                  );
                });
              }),
            close: () => {
              closed = true;
              socket.destroy();
            },
          }),
        );
      });
      socket.on('data', (chunk: Buffer) => {
        if (!closed) events.onData(chunk);
      });
      socket.on('error', (error) => {
        if (!connected) {
          clearTimeout(timer);
          resolve(
            fail('control-unit-unreachable', {
              detail: `${host}:${port}: ${describeError(error)}`,
            }),
          );
        }
      });
      socket.on('close', () => {
        if (connected && !closed) {
          closed = true;
          events.onClose(`${host}:${port}: connection closed`);
        }
      });
    });
}

/** A control unit reached over TCP (`host:port`). */
export function createTcpControlUnitDriver(options: TcpControlUnitOptions): CcspControlUnitDriver {
  return createCcspDriver({
    ...options,
    open: tcpLinkOpener(options.host, options.port, options.connectTimeoutMs),
  });
}

function describeError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code} (${error.message})`;
}

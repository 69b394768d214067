/**
 * TCP keep-alive set once a socket is connected, not while it is still connecting.
 *
 * Node's fetch (undici) turns keep-alive on right after `net.connect`, before the connection is
 * made. Windows accepts that, but Wine's Winsock refuses the option on an unconnected socket and
 * the connection fails with `connect UNKNOWN` — and Wine is where the Windows register is tested
 * (docs/adr/0009-journal-on-node-sqlite.md). Deferring the call to the `connect` event gives the
 * same socket on every platform; it is applied on Windows only, where the program is `kassa.exe`.
 */
import net from 'node:net';

let installed = false;

/** Wraps `net.Socket.prototype.setKeepAlive` (once) so a connecting socket applies it on connect. */
export function deferKeepAliveUntilConnected(): void {
  if (installed) return;
  installed = true;
  const original = Object.getOwnPropertyDescriptor(net.Socket.prototype, 'setKeepAlive')?.value as (
    this: net.Socket,
    enable?: boolean,
    initialDelay?: number,
  ) => net.Socket;
  net.Socket.prototype.setKeepAlive = function (
    this: net.Socket,
    enable?: boolean,
    initialDelay?: number,
  ) {
    if (this.connecting) {
      this.once('connect', () => {
        original.call(this, enable, initialDelay);
      });
      return this;
    }
    return original.call(this, enable, initialDelay);
  };
}

if (process.platform === 'win32') deferKeepAliveUntilConnected();

import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deferKeepAliveUntilConnected } from './socket-keepalive.js';

let server: net.Server;
let port: number;

beforeAll(async () => {
  server = net.createServer((socket) => socket.end('hej'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('deferKeepAliveUntilConnected', () => {
  it('applies keep-alive asked for while connecting once the socket connects, and still connects', async () => {
    deferKeepAliveUntilConnected();
    const socket = net.connect(port, '127.0.0.1');
    expect(socket.connecting).toBe(true);
    let connectedWhenApplied: boolean | null = null;
    // The wrapped call returns at once while connecting; the real one runs on 'connect'.
    expect(socket.setKeepAlive(true, 1000)).toBe(socket);
    socket.once('connect', () => {
      connectedWhenApplied = !socket.connecting;
    });
    const text = await new Promise<string>((resolve, reject) => {
      let data = '';
      socket.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      socket.once('end', () => resolve(data));
      socket.once('error', reject);
    });
    expect(text).toBe('hej');
    expect(connectedWhenApplied).toBe(true);
  });

  it('keeps fetch working over the wrapped sockets', async () => {
    deferKeepAliveUntilConnected();
    const http = await import('node:http');
    const web = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    try {
      const address = web.address() as net.AddressInfo;
      const response = await fetch(`http://127.0.0.1:${address.port}/`);
      expect(await response.text()).toBe('ok');
    } finally {
      await new Promise<void>((resolve) => web.close(() => resolve()));
    }
  });
});

/**
 * A TCP proxy on 127.0.0.1 between a register and the server, so that the register keeps one
 * address while the server process behind it is killed and started again on another port, and
 * so that a test can lose the server's answer on the way back: `holdAnswers()` keeps the next
 * bytes the server sends (the answer to a request it has finished, i.e. committed) from the
 * register, and tells when they came; `release()` then lets them through late (a slow server).
 */
import net from 'node:net';

export interface TcpProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Where new connections go from now on (0: refuse them: the server is down). */
  setTarget(port: number): void;
  /**
   * From now on, bytes from the server are not passed on; resolves when the first of them
   * arrives (with their text). Connections then stay open until `dropAll`.
   */
  holdAnswers(): Promise<string>;
  /** Passes the held bytes on, late, and stops holding (the answer of a slow server). */
  release(): void;
  /** Closes every connection (the register sees its request fail) and stops holding. */
  dropAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let target = targetPort;
  let hold: ((text: string) => void) | null = null;
  let holding = false;
  const held: { client: net.Socket; chunk: Buffer }[] = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => undefined);
    if (target === 0) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target, '127.0.0.1');
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (holding) {
        held.push({ client, chunk });
        const resolve = hold;
        hold = null;
        resolve?.(chunk.toString('utf8'));
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    setTarget(port: number) {
      target = port;
    },
    holdAnswers() {
      holding = true;
      return new Promise<string>((resolve) => {
        hold = resolve;
      });
    },
    release() {
      holding = false;
      hold = null;
      for (const { client, chunk } of held.splice(0)) {
        if (!client.destroyed) client.write(chunk);
      }
    },
    dropAll() {
      holding = false;
      hold = null;
      held.length = 0;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

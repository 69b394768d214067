import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runOpen } from './open-command.js';

let server: Server | null = null;

afterEach(async () => {
  if (server) {
    server.close();
    await once(server, 'close');
    server = null;
  }
});

/** A program on 127.0.0.1 answering /local/status with `status`. */
async function listen(status: number): Promise<number> {
  server = createServer((request, response) => {
    response.statusCode = request.url === '/local/status' ? status : 404;
    response.end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function open(port: number) {
  const out: string[] = [];
  const started: string[][] = [];
  const code = await runOpen(
    { out: (line) => out.push(line), env: { KASSA_NO_BROWSER: '1' } },
    ['--port', String(port)],
    (args) => {
      started.push(args);
      return Promise.resolve(7);
    },
  );
  return { code, out, started };
}

describe('kassa open (the Start-menu shortcut)', () => {
  it('opens the POS of the kassa already running, without starting a second one', async () => {
    const port = await listen(200);
    const run = await open(port);
    expect(run.started).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.out).toEqual([`Kassan är igång: öppna http://127.0.0.1:${port}/ i webbläsaren.`]);
  });

  it('starts kassa when nothing answers on the port', async () => {
    const port = await listen(200);
    server?.close();
    await once(server!, 'close');
    server = null;
    const run = await open(port);
    expect(run.started).toEqual([['--port', String(port)]]);
    expect(run.code).toBe(7);
  });

  it('does not take another program on the port for kassa', async () => {
    const port = await listen(404);
    const run = await open(port);
    expect(run.started).toHaveLength(1);
  });
});

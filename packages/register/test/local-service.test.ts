/**
 * The register's local service (`kassa start`) against the real server: the Register local API
 * for the POS web app, offline cashier sign-in, the periodic sync and a removed binding.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type LocalStatus } from '@kassa/contracts';
import { buildLocalService, PROGRAM_VERSION } from '../src/index.js';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { kassa, newPc, type Pc } from './support/register-cli.js';

const NOT_PERMITTED = 'Du har inte behörighet att logga in på den här kassan';

let server: KassaServer;
let serverOpen = true;

beforeAll(async () => {
  server = await startKassaServer();
});

afterAll(async () => {
  if (serverOpen) await server?.close();
});

async function service(pc: Pc, extra: { posWebDir?: string | null; provisioning?: string[] } = {}) {
  return buildLocalService({
    folder: pc.home,
    env: pc.env,
    syncIntervalMs: 0,
    posWebDir: extra.posWebDir ?? null,
    provisioningCandidates: extra.provisioning ?? [],
  });
}

async function post(
  app: FastifyInstance,
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'POST',
    url,
    headers: { host: '127.0.0.1:8181', ...headers },
    ...(payload ? { payload } : {}),
  });
}

async function status(app: FastifyInstance): Promise<LocalStatus> {
  return (
    await app.inject({ method: 'GET', url: '/local/status', headers: { host: '127.0.0.1:8181' } })
  ).json<LocalStatus>();
}

describe('local API before connecting', () => {
  it('says it is not connected and refuses sign-in', async () => {
    const app = await service(await newPc());
    try {
      expect(await status(app)).toMatchObject({
        connected: false,
        binding: 'unknown',
        signedIn: null,
        programVersion: PROGRAM_VERSION,
      });
      const signIn = await post(app, '/local/sign-in', { username: 'kalle', pin: '4711' });
      expect(signIn.statusCode).toBe(409);
      expect(signIn.json()).toMatchObject({ error: { code: 'not-connected' } });
    } finally {
      await app.close();
    }
  });

  it('lists terminals and connects with admin credentials or a pairing code', async () => {
    const k1 = await server.admin.createTerminal('L1', 'Lokal 1');
    const l2 = await server.admin.createTerminal('L2', 'Lokal 2');
    const app = await service(await newPc('LOKAL-PC'));
    try {
      const bad = await post(app, '/local/terminals', {
        url: 'http://kafe.kassa.se',
        username: 'admin',
        password: 'x',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { code: 'address-insecure' } });
      const wrong = await post(app, '/local/terminals', {
        url: server.url,
        username: 'admin',
        password: 'fel-fel-fel-1',
      });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toMatchObject({
        error: { code: 'invalid-credentials', sv: ERROR_MESSAGES['invalid-credentials'].sv },
      });

      const list = await post(app, '/local/terminals', {
        url: server.url,
        username: 'admin',
        password: ADMIN_PASSWORD,
      });
      expect(list.statusCode).toBe(200);
      const body = list.json<{
        environment: { slug: string };
        terminals: { id: string; registerId: string }[];
      }>();
      expect(body.environment.slug).toBe('kafe');
      expect(body.terminals.map((t) => t.registerId)).toEqual(expect.arrayContaining(['L1', 'L2']));

      const connected = await post(app, '/local/connect', {
        url: server.url,
        username: 'admin',
        password: ADMIN_PASSWORD,
        terminalId: k1,
      });
      expect(connected.statusCode).toBe(200);
      expect(connected.json<{ status: LocalStatus }>().status).toMatchObject({
        connected: true,
        terminal: { id: k1, registerId: 'L1' },
        environment: { slug: 'kafe', url: server.url },
      });
    } finally {
      await app.close();
    }

    // A pairing code, the address taken from kassa-provisioning.json.
    const code = await server.admin.pairingCode(l2);
    const pc = await newPc('KOD-PC');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kassa-prov-'));
    const file = path.join(dir, 'kassa-provisioning.json');
    await writeFile(
      file,
      JSON.stringify({
        url: server.url,
        environment: 'kafe',
        terminalId: l2,
        registerId: 'L2',
        pairingCode: code,
      }),
    );
    const byCode = await service(pc, { provisioning: [file] });
    const provisioning = async () =>
      (
        await byCode.inject({
          method: 'GET',
          url: '/local/provisioning',
          headers: { host: '127.0.0.1:8181' },
        })
      ).json<{ found: boolean; url?: string; registerId?: string; pairingCode?: string }>();
    try {
      // "Anslut kassan" is offered the address and code the installer left.
      expect(await provisioning()).toEqual({
        found: true,
        url: server.url,
        registerId: 'L2',
        pairingCode: code,
      });
      const connected = await post(byCode, '/local/connect', { code });
      expect(connected.statusCode).toBe(200);
      expect(connected.json<{ status: LocalStatus }>().status.terminal?.registerId).toBe('L2');
      const used = await post(byCode, '/local/connect', { code });
      expect(used.statusCode).toBe(410);
      expect(used.json()).toMatchObject({ error: { code: 'pairing-code-used' } });
      // Connected: nothing is offered any more.
      expect(await provisioning()).toEqual({ found: false });
    } finally {
      await byCode.close();
    }
  });
});

describe('cashier sign-in at a connected register', () => {
  let pc: Pc;
  let app: FastifyInstance;
  let terminalId: string;

  beforeAll(async () => {
    terminalId = await server.admin.createTerminal('C1', 'Kassörer');
    const other = await server.admin.createTerminal('C2', 'Annan');
    await server.admin.createUser('kalle', 'cashier', { pin: '4711', terminalIds: [terminalId] });
    await server.admin.createUser('olle', 'cashier', { pin: '1234', terminalIds: [other] });
    await server.admin.createUser('stina', 'cashier', { pin: '5555', terminalIds: [terminalId] });
    await server.admin.createUser('maja', 'manager');
    pc = await newPc('KASSOR-PC');
    const run = await kassa(pc, [
      'connect',
      '--url',
      server.url,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      'C1',
    ]);
    expect(run.code).toBe(0);
    app = await service(pc);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('signs a listed cashier in with username and PIN, and out again', async () => {
    const signIn = await post(app, '/local/sign-in', { username: 'Kalle', pin: '4711' });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json()).toEqual({
      signedIn: { username: 'kalle', displayName: 'KALLE', role: 'cashier' },
    });
    expect((await status(app)).signedIn?.username).toBe('kalle');
    const out = await post(app, '/local/sign-out');
    expect(out.statusCode).toBe(204);
    expect((await status(app)).signedIn).toBeNull();
  });

  it('refuses a wrong PIN and an unknown user alike', async () => {
    for (const attempt of [
      { username: 'kalle', pin: '0000' },
      { username: 'nobody', pin: '4711' },
    ]) {
      const response = await post(app, '/local/sign-in', attempt);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({
        error: { code: 'invalid-credentials', sv: 'Fel användarnamn eller PIN-kod. Försök igen.' },
      });
    }
  });

  it('refuses users not permitted at this terminal with exactly the message', async () => {
    for (const username of ['olle', 'maja']) {
      const response = await post(app, '/local/sign-in', { username, pin: '1234' });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({
        error: { code: 'cashier-not-permitted-here', sv: NOT_PERMITTED },
      });
    }
  });

  it('locks a username for a while after five wrong PINs', async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await post(app, '/local/sign-in', { username: 'stina', pin: '0000' })).statusCode,
      ).toBe(401);
    }
    const locked = await post(app, '/local/sign-in', { username: 'stina', pin: '5555' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json<{ error: { sv: string } }>().error.sv).toMatch(
      /^För många felaktiga PIN-försök. Vänta \d+ sekunder/,
    );
  });

  it('refuses requests from other sites and host names', async () => {
    const foreign = await post(
      app,
      '/local/sign-in',
      { username: 'kalle', pin: '4711' },
      { origin: 'https://evil.example' },
    );
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ error: { code: 'local-origin-refused' } });
    const rebound = await post(
      app,
      '/local/sign-in',
      { username: 'kalle', pin: '4711' },
      { host: 'evil.example:8181' },
    );
    expect(rebound.statusCode).toBe(403);
    const form = await app.inject({
      method: 'POST',
      url: '/local/sign-in',
      headers: { host: '127.0.0.1:8181', 'content-type': 'text/plain' },
      payload: '{"username":"kalle","pin":"4711"}',
    });
    expect(form.statusCode).toBe(415);
    const local = await post(
      app,
      '/local/sign-in',
      { username: 'kalle', pin: '4711' },
      { origin: 'http://127.0.0.1:8181' },
    );
    expect(local.statusCode).toBe(200);
  });

  it('reports its heartbeat to the backoffice', async () => {
    const result = await app.kassa.syncNow();
    expect(result).toMatchObject({ online: true, failure: null, state: { binding: 'ok' } });
    const seen = await server.admin.terminal(terminalId);
    expect(seen.lastContactAt).not.toBeNull();
    expect(seen.unsyncedEntries).toBe(0);
    expect((await status(app)).lastContactAt).not.toBeNull();
  });
});

describe('POS web app', () => {
  it('serves the built app, with client-side routes falling back to index.html', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kassa-posweb-'));
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>Kassa POS</title>');
    const app = await service(await newPc(), { posWebDir: dir });
    try {
      const root = await app.inject({
        method: 'GET',
        url: '/',
        headers: { host: 'localhost:8181' },
      });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('Kassa POS');
      const route = await app.inject({
        method: 'GET',
        url: '/salj',
        headers: { host: 'localhost:8181' },
      });
      expect(route.body).toContain('Kassa POS');
      const api = await app.inject({
        method: 'GET',
        url: '/local/nothing',
        headers: { host: 'localhost:8181' },
      });
      expect(api.statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('explains when the app is not built', async () => {
    const app = await service(await newPc(), { posWebDir: null });
    try {
      const root = await app.inject({
        method: 'GET',
        url: '/',
        headers: { host: 'localhost:8181' },
      });
      expect(root.statusCode).toBe(503);
      expect(root.body).toContain('Kassans webbgränssnitt är inte byggt');
    } finally {
      await app.close();
    }
  });
});

describe('offline and a removed binding', () => {
  it('signs in offline from the last synced cashiers, and stops when the binding is removed', async () => {
    const terminalId = await server.admin.createTerminal('O1', 'Offline');
    await server.admin.createUser('berit', 'cashier', { pin: '2468', terminalIds: [terminalId] });
    const pc = await newPc('OFFLINE-PC');
    expect(
      (
        await kassa(pc, [
          'connect',
          '--url',
          server.url,
          '--user',
          'admin',
          '--password',
          ADMIN_PASSWORD,
          '--terminal',
          'O1',
        ])
      ).code,
    ).toBe(0);

    // Removed in the backoffice: the next sync marks it, sign-in is refused with that message.
    const app = await service(pc);
    try {
      expect(
        (await post(app, '/local/sign-in', { username: 'berit', pin: '2468' })).statusCode,
      ).toBe(200);
      await server.admin.removeBinding(terminalId, 'O1');
      const sync = await app.kassa.syncNow();
      expect(sync?.failure?.code).toBe('binding-removed');
      expect(await status(app)).toMatchObject({
        binding: 'removed',
        signedIn: null,
        problem: { code: 'binding-removed', sv: ERROR_MESSAGES['binding-removed'].sv },
      });
      const refused = await post(app, '/local/sign-in', { username: 'berit', pin: '2468' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        error: { code: 'binding-removed', sv: ERROR_MESSAGES['binding-removed'].sv },
      });
    } finally {
      await app.close();
    }
    const statusRun = await kassa(pc, ['status']);
    expect(statusRun.stdout).toContain(
      'Koppling:        BORTTAGEN i backoffice – kassan kan inte sälja (kontrollerad nu)',
    );

    // Another register, then the server goes away: the cashiers synced before still sign in.
    const t2 = await server.admin.createTerminal('O2', 'Offline 2');
    await server.admin.createUser('gun', 'cashier', { pin: '1357', terminalIds: [t2] });
    const pc2 = await newPc('OFFLINE-PC-2');
    expect(
      (
        await kassa(pc2, [
          'connect',
          '--url',
          server.url,
          '--user',
          'admin',
          '--password',
          ADMIN_PASSWORD,
          '--terminal',
          'O2',
        ])
      ).code,
    ).toBe(0);
    await server.close();
    serverOpen = false;
    const offline = await service(pc2);
    try {
      const sync = await offline.kassa.syncNow();
      expect(sync).toMatchObject({ online: false, failure: { code: 'server-unreachable' } });
      expect((await status(offline)).binding).toBe('ok');
      const signIn = await post(offline, '/local/sign-in', { username: 'gun', pin: '1357' });
      expect(signIn.statusCode).toBe(200);
    } finally {
      await offline.close();
    }
    const offlineStatus = await kassa(pc2, ['status']);
    expect(offlineStatus.code).toBe(0);
    expect(offlineStatus.stdout).toContain(
      'Koppling:        giltig (servern kunde inte nås nu – senast kända läge)',
    );
  });
});

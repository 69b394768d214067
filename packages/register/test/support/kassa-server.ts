/**
 * The real backoffice server, in-process, listening on 127.0.0.1 (any free port) over PGlite in
 * memory, plus admin helpers that go through its HTTP API like the backoffice web app does.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  buildApp,
  createEnvironment,
  migrate,
  openDatabase,
  type Clock,
  type Database,
} from '@kassa/server';

export const ADMIN_PASSWORD = 'korrekt-hast-batteri-1';
export const USER_PASSWORD = 'ett-bra-losenord-42';

/** A clock that runs with the real one, shifted by `offsetMs` (for expiry tests). */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

export interface KassaServer {
  app: FastifyInstance;
  database: Database;
  clock: ShiftedClock;
  /** http(s)://127.0.0.1:<port> */
  url: string;
  port: number;
  slug: string;
  admin: AdminApi;
  close(): Promise<void>;
}

export interface StartOptions {
  slug?: string;
  licensedTerminals?: number;
  https?: { cert: string; key: string };
}

export async function startKassaServer(options: StartOptions = {}): Promise<KassaServer> {
  const slug = options.slug ?? 'kafe';
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database);
  const created = await createEnvironment(
    database.db,
    {
      slug,
      companyName: 'Kaféet Exempel AB',
      organisationNumber: '559999-0008',
      place: {
        name: 'Kaféet Storgatan',
        streetAddress: 'Storgatan 1',
        postalCode: '111 22',
        city: 'Stockholm',
      },
      admin: { username: 'admin', displayName: 'Anna Admin', password: ADMIN_PASSWORD },
      licensedTerminals: options.licensedTerminals ?? 100,
    },
    new Date(),
  );
  if (!created.ok) throw new Error(`createEnvironment: ${created.code}`);
  // A stand-in for `npm run build:register`, so installer downloads (pairing codes) work.
  const distDir = await mkdtemp(path.join(os.tmpdir(), 'kassa-dist-'));
  await mkdir(path.join(distDir, 'kassa-bundle'));
  await writeFile(path.join(distDir, 'kassa-bundle', 'kassa.cjs'), '// test stand-in\n');
  const clock = new ShiftedClock();
  const app = await buildApp({
    database,
    clock,
    version: '0.0.0-test',
    tenancy: { baseDomain: 'localhost', defaultEnvironment: slug },
    webDir: null,
    registerDistDir: distDir,
    ...(options.https ? { https: options.https } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const scheme = options.https ? 'https' : 'http';
  const admin = await AdminApi.signIn(app, 'localhost');
  return {
    app,
    database,
    clock,
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    slug,
    admin,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

interface Json {
  [key: string]: unknown;
}

/** The backoffice API as an administrator (session cookie + CSRF token), through app.inject. */
export class AdminApi {
  private constructor(
    private readonly app: FastifyInstance,
    private readonly host: string,
    private readonly cookie: string,
    private readonly csrf: string,
  ) {}

  static async signIn(
    app: FastifyInstance,
    host: string,
    username = 'admin',
    password = ADMIN_PASSWORD,
  ) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host },
      payload: { username, password },
    });
    if (response.statusCode !== 200) throw new Error(`sign-in: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'kassa_session');
    if (!cookie) throw new Error('no session cookie');
    const { csrfToken } = response.json<{ csrfToken: string }>();
    return new AdminApi(app, host, `kassa_session=${cookie.value}`, csrfToken);
  }

  async call<T = Json>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: unknown,
    expected = [200, 201, 204],
  ): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
    const response = await this.app.inject({
      method,
      url,
      headers: { host: this.host, cookie: this.cookie, 'x-csrf-token': this.csrf },
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
    if (!expected.includes(response.statusCode)) {
      throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    }
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      body: (type.includes('json') ? response.json() : response.body) as T,
      headers: response.headers,
    };
  }

  async placeId(): Promise<string> {
    const { body } = await this.call<{ placesOfBusiness: { id: string }[] }>(
      'GET',
      '/api/environment',
    );
    const id = body.placesOfBusiness[0]?.id;
    if (!id) throw new Error('no place of business');
    return id;
  }

  async createTerminal(registerId: string, name = `Kassa ${registerId}`): Promise<string> {
    const { body } = await this.call<{ terminal: { id: string } }>('POST', '/api/terminals', {
      name,
      placeOfBusinessId: await this.placeId(),
      registerId,
    });
    return body.terminal.id;
  }

  async terminal(id: string) {
    const { body } = await this.call<{
      terminal: {
        binding: { pcName: string; fingerprintShort: string; boundAt: string } | null;
        lastContactAt: string | null;
        programVersion: string;
        unsyncedEntries: number | null;
        registerId: string;
      };
    }>('GET', `/api/terminals/${id}`);
    return body.terminal;
  }

  async setActive(id: string, active: boolean): Promise<void> {
    await this.call('PATCH', `/api/terminals/${id}`, { active });
  }

  async removeBinding(id: string, registerId: string): Promise<void> {
    await this.call('POST', `/api/terminals/${id}/binding/remove`, {
      confirmation: registerId,
      reason: 'Disken kraschade',
    });
  }

  /** Downloads the installer; returns the pairing code from its header. */
  async pairingCode(terminalId: string): Promise<string> {
    // The Linux download: the stand-in build above has no Windows installer.
    const { headers } = await this.call(
      'POST',
      `/api/terminals/${terminalId}/installer?platform=linux`,
    );
    return String(headers['x-kassa-pairing-code']);
  }

  async createUser(
    username: string,
    role: 'admin' | 'manager' | 'cashier',
    extra: { pin?: string; terminalIds?: string[] } = {},
  ): Promise<string> {
    const { body } = await this.call<{ user: { id: string } }>('POST', '/api/users', {
      username,
      displayName: username.toUpperCase(),
      role,
      password: USER_PASSWORD,
    });
    const id = body.user.id;
    if (extra.pin) await this.call('PUT', `/api/users/${id}/pin`, { pin: extra.pin });
    if (extra.terminalIds) {
      await this.call('PUT', `/api/users/${id}/terminals`, { terminalIds: extra.terminalIds });
    }
    return id;
  }
}

/**
 * The backoffice on real PostgreSQL for the server benchmarks: a throwaway PostgreSQL 15 cluster
 * (fsync on, as in production), a fresh migrated database, one environment, and the server
 * (buildApp) in-process listening on 127.0.0.1, with an admin signed in over HTTP.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  buildApp,
  createEnvironment,
  migrate,
  openDatabase,
  setLicence,
  systemClock,
  type Database,
} from '@kassa/server';
import { startThrowawayPostgres, type ThrowawayPostgres } from '@kassa/test-kit';
import type { DeviceIdentity } from '@kassa/register';

const ADMIN_PASSWORD = 'bench-losenord-1234';

/** PostgreSQL settings of the bench cluster (besides the defaults): durable commits. */
const BENCH_PG_SETTINGS: Readonly<Record<string, string | number | boolean>> = {
  fsync: true,
  synchronous_commit: 'on',
};

/**
 * Settings added from BENCH_PG_SETTINGS ("name=value name=value", e.g.
 * "jit=off max_parallel_workers_per_gather=0"), to compare a tuned server with the defaults.
 */
function extraSettings(): Record<string, string> {
  const raw = process.env.BENCH_PG_SETTINGS?.trim() ?? '';
  const settings: Record<string, string> = {};
  for (const pair of raw.split(/\s+/).filter((p) => p !== '')) {
    const [name, value] = pair.split('=');
    if (!name || value === undefined || !/^[a-z_.]+$/.test(name)) {
      throw new Error(`BENCH_PG_SETTINGS: "${pair}" is not name=value`);
    }
    settings[name] = value;
  }
  return settings;
}

/** The settings as printed: "fsync=on, synchronous_commit=on". */
export function describeSettings(settings: Readonly<Record<string, string | number | boolean>>) {
  return Object.entries(settings)
    .map(
      ([name, value]) => `${name}=${typeof value === 'boolean' ? (value ? 'on' : 'off') : value}`,
    )
    .join(', ');
}

export interface PostgresRig {
  readonly cluster: ThrowawayPostgres;
  /** The settings the cluster was started with (besides PostgreSQL's defaults). */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly database: Database;
  readonly tenantId: string;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** GET/POST as the signed-in admin; throws on a non-2xx answer. */
  admin<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** Creates a terminal at the first place (or `placeId`); returns its id. */
  createTerminal(registerId: string, placeId?: string): Promise<string>;
  /** Connects a new Ed25519 device key to the terminal with the admin's password. */
  connectDevice(terminalId: string): Promise<DeviceIdentity>;
  /** The first place of business. */
  readonly placeId: string;
  close(): Promise<void>;
}

export async function startPostgresRig(options: {
  slug: string;
  licensedTerminals: number;
  maxConnections?: number;
  /** Server settings (default BENCH_PG_SETTINGS). */
  settings?: Readonly<Record<string, string | number | boolean>>;
}): Promise<PostgresRig> {
  const settings = { ...(options.settings ?? BENCH_PG_SETTINGS), ...extraSettings() };
  const cluster = await startThrowawayPostgres({ settings });
  try {
    const admin = await openDatabase({ kind: 'postgres', url: cluster.url, maxConnections: 1 });
    const name = `kassa_bench_${randomBytes(4).toString('hex')}`;
    await admin.db.execute(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = new URL(cluster.url);
    url.pathname = `/${name}`;
    const database = await openDatabase({
      kind: 'postgres',
      url: url.toString(),
      maxConnections: options.maxConnections ?? 10,
    });
    await migrate(database);
    const created = await createEnvironment(
      database.db,
      {
        slug: options.slug,
        companyName: 'Benchbutiken AB',
        organisationNumber: '559999-0008',
        place: {
          name: 'Huvudbutiken',
          streetAddress: 'Storgatan 1',
          postalCode: '111 22',
          city: 'Stockholm',
        },
        admin: { username: 'admin', displayName: 'Bench Admin', password: ADMIN_PASSWORD },
        licensedTerminals: options.licensedTerminals,
      },
      new Date(),
    );
    if (!created.ok) throw new Error(`createEnvironment: ${created.code}`);
    await setLicence(
      database.db,
      options.slug,
      { terminals: options.licensedTerminals },
      new Date(),
    );
    const app = await buildApp({
      database,
      clock: systemClock,
      version: '0.0.0-bench',
      tenancy: { baseDomain: 'localhost', defaultEnvironment: options.slug },
      webDir: null,
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`sign-in: ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };

    const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return JSON.parse(text) as T;
    };
    const environment = await call<{ placesOfBusiness: { id: string }[] }>(
      'GET',
      '/api/environment',
    );
    const placeId = environment.placesOfBusiness[0]?.id ?? '';

    return {
      cluster,
      settings,
      database,
      tenantId: created.tenantId,
      url: base,
      placeId,
      admin: call,
      async createTerminal(registerId, place = placeId) {
        const { terminal } = await call<{ terminal: { id: string } }>('POST', '/api/terminals', {
          name: `Kassa ${registerId}`,
          placeOfBusinessId: place,
          registerId,
        });
        return terminal.id;
      },
      async connectDevice(terminalId) {
        const pair = generateKeyPairSync('ed25519');
        const publicKey = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
        const answer = await fetch(`${base}/api/register/connect`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            method: 'password',
            username: 'admin',
            password: ADMIN_PASSWORD,
            terminalId,
            publicKey,
            fingerprint: randomBytes(32).toString('hex'),
            pcName: 'BENCH-PC',
            programVersion: '0.1.0',
          }),
        });
        if (answer.status !== 200) throw new Error(`connect: ${await answer.text()}`);
        const { bindingId } = (await answer.json()) as { bindingId: string };
        return { url: base, bindingId, privateKey: pair.privateKey };
      },
      async close() {
        await app.close();
        await database.close();
        await cluster.stop();
      },
    };
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/**
 * Configuration through a cursor, the register against the real server: the
 * running register asks GET /api/register/config with the cursor kept in catalogue.json. A change
 * in the backoffice (a price, a PIN) reaches it on the next sync and a price change is journaled;
 * with nothing changed no copy is rewritten; a cursor the server never issued gets a reset that
 * replaces the copies wholesale; a new business day brings that day's prices.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { businessDayOf, type JournalEntry } from '@kassa/core';
import type { LocalCatalogue } from '@kassa/contracts';
import type { FastifyInstance } from 'fastify';
import { buildLocalService } from '../src/index.js';
import type { SyncResult } from '../src/sync/sync-once.js';
import { openJournalStore } from '../src/selling/journal-store.js';
import { AdminApi, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { startSellingRig, type SellingRig } from './support/selling.js';

let server: KassaServer;
let rig: SellingRig;
/** The register's local service: the rig's, then the one started on the same folder. */
let app: FastifyInstance;

beforeAll(async () => {
  server = await startKassaServer();
  rig = await startSellingRig({ server });
  app = rig.app;
  await rig.signIn('kalle', '4711'); // the catalogue is shown to a signed-in cashier
}, 120_000);

afterAll(async () => {
  vi.useRealTimers();
  if (app !== rig?.app) await app?.close();
  await rig?.close();
  await server?.close();
});

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await app.inject({
    method,
    url,
    headers: { host: '127.0.0.1:8181' },
    ...(body === undefined ? {} : { payload: body as object }),
  });
  return { status: response.statusCode, body: response.json<T>() };
}

const file = (name: string) => path.join(rig.pc.home, name);

async function catalogueFile(): Promise<{
  cursor?: string;
  products: { articleNumber: string; priceOre: number }[];
}> {
  return JSON.parse(await readFile(file('catalogue.json'), 'utf8')) as {
    cursor?: string;
    products: { articleNumber: string; priceOre: number }[];
  };
}

async function snapshotOfFiles(): Promise<Record<string, { text: string; mtimeMs: number }>> {
  const out: Record<string, { text: string; mtimeMs: number }> = {};
  for (const name of ['catalogue.json', 'cashiers.json']) {
    out[name] = {
      text: await readFile(file(name), 'utf8'),
      mtimeMs: (await stat(file(name))).mtimeMs,
    };
  }
  return out;
}

async function priceOf(articleNumber: string): Promise<number | undefined> {
  const { body } = await call<LocalCatalogue>('GET', '/local/catalogue');
  return body.products.find((p) => p.articleNumber === articleNumber)?.priceOre;
}

function priceChanges(): JournalEntry[] {
  const store = openJournalStore(file('journal.sqlite'), { readonly: true });
  try {
    return store.entries().filter((e) => e.kind === 'price-change');
  } finally {
    store.close();
  }
}

async function productId(articleNumber: string, admin = server.admin): Promise<string> {
  const { body } = await admin.call<{ products: { id: string; articleNumber: string }[] }>(
    'GET',
    '/api/products',
  );
  const id = body.products.find((p) => p.articleNumber === articleNumber)?.id;
  if (!id) throw new Error(`no product ${articleNumber}`);
  return id;
}

async function sync(): Promise<SyncResult> {
  const result = await app.kassa.syncNow();
  if (result === null) throw new Error('not connected');
  expect(result.failure).toBeNull();
  return result;
}

const serverToday = () => businessDayOf(server.clock.now().getTime(), 'Europe/Stockholm');

describe('configuration through a cursor', () => {
  it('keeps the cursor with the copies, and rewrites nothing while nothing changes', async () => {
    const first = await catalogueFile();
    expect(first.cursor).toMatch(/^\d+\.\d{4}-\d{2}-\d{2}$/);
    const before = await snapshotOfFiles();
    const result = await sync();
    expect(result.config).toMatchObject({ changed: false, cursor: first.cursor });
    expect(await snapshotOfFiles()).toEqual(before);
    expect(result.state.lastContactAt).not.toBeNull();
  });

  it('brings a price and a PIN changed in the backoffice on the next sync; the price change is journaled', async () => {
    const { cursor } = await catalogueFile();
    const journaled = priceChanges().length;
    const coffee = await productId('KAFFE');
    await server.admin.call('POST', `/api/products/${coffee}/prices`, {
      priceOre: 3900,
      effectiveFrom: serverToday(),
    });
    const registerId = JSON.parse(await readFile(file('register.json'), 'utf8')) as {
      terminal: { registerId: string };
    };
    const username = `kalle${registerId.terminal.registerId.toLowerCase()}`;
    const { body } = await server.admin.call<{ users: { id: string; username: string }[] }>(
      'GET',
      '/api/users',
    );
    const kalle = body.users.find((u) => u.username === username);
    if (!kalle) throw new Error('no cashier');
    await server.admin.call('PUT', `/api/users/${kalle.id}/pin`, { pin: '9876' });
    expect(await priceOf('KAFFE')).toBe(3500); // not before the sync

    const result = await sync();
    expect(result.config).toMatchObject({ changed: true, reset: false });
    const after = await catalogueFile();
    expect(after.cursor).not.toBe(cursor);
    expect(after.cursor).toBe(result.config?.cursor);
    expect(await priceOf('KAFFE')).toBe(3900);
    const changes = priceChanges();
    expect(changes).toHaveLength(journaled + 1);
    expect(changes.at(-1)?.data).toMatchObject({ articleNumber: 'KAFFE', from: 3500, to: 3900 });
    const signIn = await call('POST', '/local/sign-in', { username, pin: '9876' });
    expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
    // And then nothing again.
    expect((await sync()).config).toMatchObject({ changed: false, cursor: after.cursor });
  });

  it('answers a cursor the server never issued with a reset: the copies are replaced wholesale', async () => {
    await app.close();
    const stale = await catalogueFile();
    await writeFile(
      file('catalogue.json'),
      JSON.stringify({
        ...stale,
        cursor: '999999.2099-01-01',
        products: [
          ...stale.products,
          { ...stale.products[0], articleNumber: 'SPOK', name: 'Spökvara', barcodes: [] },
        ],
      }),
    );
    const journaled = priceChanges().length;
    app = await buildLocalService({
      folder: rig.pc.home,
      env: rig.pc.env,
      syncIntervalMs: 0,
      posWebDir: null,
      provisioningCandidates: [],
      clock: rig.clock.now,
      controlUnitProbeMs: 0,
    });
    const register = JSON.parse(await readFile(file('register.json'), 'utf8')) as {
      terminal: { registerId: string };
    };
    const username = `kalle${register.terminal.registerId.toLowerCase()}`;
    expect((await call('POST', '/local/sign-in', { username, pin: '9876' })).status).toBe(200);
    const result = await sync();
    expect(result.config).toMatchObject({ changed: true, reset: true });
    const replaced = await catalogueFile();
    expect(replaced.cursor).toBe(result.config?.cursor);
    expect(replaced.products.map((p) => p.articleNumber)).not.toContain('SPOK');
    expect(await priceOf('KAFFE')).toBe(3900);
    expect(priceChanges()).toHaveLength(journaled); // no price changed
    expect((await sync()).config).toMatchObject({ changed: false });
  });

  it("brings a new business day's prices without any change in the backoffice", async () => {
    // The clock of this process (the server's and the register's signatures) near midnight in
    // Stockholm: 23:50 on the real day, then 00:10 the next.
    const day = serverToday();
    const next = businessDayOf(Date.parse(`${day}T12:00:00Z`) + 24 * 3600_000, 'Europe/Stockholm');
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    vi.setSystemTime(new Date(`${day}T22:50:00Z`)); // 23:50 CET
    const admin = await AdminApi.signIn(server.app, 'localhost');
    const coffee = await productId('KAFFE', admin);
    await admin.call('POST', `/api/products/${coffee}/prices`, {
      priceOre: 4200,
      effectiveFrom: next,
    });
    const today = await sync();
    expect(today.config).toMatchObject({ changed: true, reset: false, businessDay: day });
    expect(await priceOf('KAFFE')).toBe(3900);
    expect((await sync()).config).toMatchObject({ changed: false });
    const journaled = priceChanges().length;

    vi.setSystemTime(new Date(`${day}T23:10:00Z`)); // 00:10 CET the next day
    const tomorrow = await sync();
    expect(tomorrow.config).toMatchObject({ changed: true, reset: false, businessDay: next });
    expect(tomorrow.config?.cursor.split('.')[0]).toBe(today.config?.cursor.split('.')[0]);
    expect(await priceOf('KAFFE')).toBe(4200);
    const changes = priceChanges();
    expect(changes).toHaveLength(journaled + 1);
    expect(changes.at(-1)?.data).toMatchObject({
      articleNumber: 'KAFFE',
      from: 3900,
      to: 4200,
      effectiveFrom: next,
    });
    vi.useRealTimers();
  });
});

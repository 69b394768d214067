/**
 * A register ready to sell, for tests: the real server (PGlite in memory) with a catalogue, a
 * terminal, a cashier and a manager with PINs; a PC connected with `kassa connect`; the local
 * service in-process on a controllable clock; the control unit is a simulator the test owns
 * (a real CCSP socket, stoppable); the printer is a file whose bytes the test decodes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DatabaseSync as Database } from 'node:sqlite';
import type { JournalEntry } from '@kassa/core';
import { expect } from 'vitest';
import {
  type ControlUnitSimulator,
  buildLocalService,
  startControlUnitSimulator,
} from '../../src/index.js';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './kassa-server.js';
import { kassa, newPc, type Pc } from './register-cli.js';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public epochMs: number) {}
  now = (): number => this.epochMs;
  set(iso: string): void {
    this.epochMs = Date.parse(iso);
  }
  advance(ms: number): void {
    this.epochMs += ms;
  }
}

export interface TestProduct {
  articleNumber: string;
  name: string;
  barcodes?: string[];
  priceOre: number;
  vatCategory: 'standard' | 'food' | 'restaurant' | 'reduced' | 'exempt';
  kind?: 'good' | 'service';
  group?: string | null;
  unit?: 'piece' | 'kilogram';
}

/** Valid EAN-13 codes (check digits computed) for the catalogue below. */
export const CATALOGUE: TestProduct[] = [
  {
    articleNumber: 'KAFFE',
    name: 'Bryggkaffe',
    barcodes: ['7310865004703'],
    priceOre: 3500,
    vatCategory: 'restaurant',
    group: 'Dryck',
  },
  {
    articleNumber: 'BULLE',
    name: 'Kanelbulle',
    barcodes: ['7318690010166'],
    priceOre: 2950,
    vatCategory: 'food',
    group: 'Bröd',
  },
  {
    articleNumber: 'MUGG',
    name: 'Kaffemugg Åre',
    barcodes: ['7340011391609'],
    priceOre: 14900,
    vatCategory: 'standard',
    group: 'Butik',
  },
  {
    articleNumber: 'GODIS',
    name: 'Lösgodis',
    priceOre: 9900,
    vatCategory: 'food',
    group: 'Butik',
    unit: 'kilogram',
  },
  {
    articleNumber: 'BOK',
    name: 'Kokbok',
    priceOre: 24900,
    vatCategory: 'reduced',
    group: 'Butik',
  },
];

export interface SellingRig {
  server: KassaServer;
  pc: Pc;
  app: FastifyInstance;
  clock: TestClock;
  simulator: ControlUnitSimulator;
  simulatorPort: number;
  printerFile: string;
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; raw: Buffer }>;
  signIn(username: string, pin: string): Promise<void>;
  /** The printer file's bytes since the last call. */
  takePrinted(): Promise<Buffer>;
  /**
   * Stops the local service, runs `meanwhile` (the files may be changed: a power cut, a
   * restore), and starts it again on the same folder; sign in again after.
   */
  restart(meanwhile?: () => void): Promise<void>;
  close(): Promise<void>;
}

let rigCounter = 0;

/** Starts everything; the register is connected, synced and has its catalogue. */
export async function startSellingRig(
  options: {
    startAt?: string;
    products?: TestProduct[];
    server?: KassaServer;
    /** A forward-only clock for the engine (wall-clock jump detection); none by default. */
    monotonic?: () => number;
  } = {},
): Promise<SellingRig> {
  const server = options.server ?? (await startKassaServer());
  const ownServer = options.server === undefined;
  rigCounter += 1;
  const registerId = `S${rigCounter}${Math.floor(Math.random() * 1000)}`;
  const terminalId = await server.admin.createTerminal(registerId, `Kassa ${registerId}`);
  const suffix = registerId.toLowerCase();
  await server.admin.createUser(`kalle${suffix}`, 'cashier', {
    pin: '4711',
    terminalIds: [terminalId],
  });
  await server.admin.createUser(`maja${suffix}`, 'manager', {
    pin: '8080',
    terminalIds: [terminalId],
  });
  for (const product of options.products ?? CATALOGUE) {
    await server.admin.call(
      'POST',
      '/api/products',
      {
        articleNumber: product.articleNumber,
        name: product.name,
        barcodes: product.barcodes ?? [],
        priceOre: product.priceOre,
        vatCategory: product.vatCategory,
        kind: product.kind ?? 'good',
        group: product.group ?? null,
        unit: product.unit ?? 'piece',
      },
      [201, 200, 409],
    );
  }
  const pc = await newPc(`SALJ-PC-${registerId}`);
  const run = await kassa(pc, [
    'connect',
    '--url',
    server.url,
    '--user',
    'admin',
    '--password',
    ADMIN_PASSWORD,
    '--terminal',
    registerId,
  ]);
  expect(run.code, run.stderr).toBe(0);
  const { simulator, port } = await startControlUnitSimulator({ seed: `rig-${registerId}` });
  const printerFile = path.join(pc.home, 'skrivare.bin');
  await writeFile(printerFile, '');
  await writeFile(
    path.join(pc.home, 'settings.json'),
    JSON.stringify({
      controlUnit: `tcp://127.0.0.1:${port}`,
      printer: printerFile,
      swishPayee: '1231234567',
    }),
  );
  const clock = new TestClock(Date.parse(options.startAt ?? '2026-11-25T09:00:00Z'));
  const build = () =>
    buildLocalService({
      folder: pc.home,
      env: pc.env,
      syncIntervalMs: 0,
      posWebDir: null,
      provisioningCandidates: [],
      clock: clock.now,
      ...(options.monotonic ? { monotonic: options.monotonic } : {}),
      controlUnitProbeMs: 0,
      logger: process.env.KASSA_TEST_LOG === '1',
    });
  let app = await build();
  await app.kassa.syncNow();
  let printedOffset = 0;
  const rig: SellingRig = {
    server,
    pc,
    app,
    clock,
    simulator,
    simulatorPort: port,
    printerFile,
    async call<T>(method: string, url: string, body?: unknown) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { host: '127.0.0.1:8181' },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      const type = String(response.headers['content-type'] ?? '');
      return {
        status: response.statusCode,
        body: (type.includes('json') ? response.json() : response.body) as T,
        raw: response.rawPayload,
      };
    },
    async signIn(username: string, pin: string) {
      const answer = await rig.call('POST', '/local/sign-in', {
        username: `${username}${suffix}`,
        pin,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    },
    async takePrinted() {
      const all = await readFile(printerFile);
      const fresh = all.subarray(printedOffset);
      printedOffset = all.length;
      return fresh;
    },
    async restart(meanwhile) {
      await app.close();
      meanwhile?.();
      app = await build();
      rig.app = app;
    },
    async close() {
      await app.close();
      await simulator.stop();
      if (ownServer) await server.close();
    },
  };
  return rig;
}

/** The register's journal file read directly (read-only), independent of the store's code. */
export function readJournal(rig: SellingRig): JournalEntry[] {
  return readJournalFile(path.join(rig.pc.home, 'journal.sqlite'));
}

/** A journal file read directly (read-only) with node:sqlite, independent of the store's code. */
export function readJournalFile(file: string): JournalEntry[] {
  const db = new Database(file, { readOnly: true });
  try {
    const rows = db
      .prepare('SELECT seq, at, kind, by, data, prev_hash, hash FROM journal ORDER BY seq')
      .all() as unknown as {
      seq: number;
      at: string;
      kind: string;
      by: string | null;
      data: string;
      prev_hash: string;
      hash: string;
    }[];
    return rows.map(
      (r) =>
        ({
          seq: r.seq,
          at: r.at,
          kind: r.kind,
          data: JSON.parse(r.data) as unknown,
          prevHash: r.prev_hash,
          hash: r.hash,
          ...(r.by === null ? {} : { by: r.by }),
        }) as JournalEntry,
    );
  } finally {
    db.close();
  }
}

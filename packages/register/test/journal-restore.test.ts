/**
 * A register on a new PC continues its terminal's journal against the real server: it
 * sells on PC 1 and uploads; the binding is removed and PC 2 connects to the same terminal; its
 * empty journal is filled with the server's copy (verified, exactly as uploaded), the next receipt
 * number follows the server's highest, and uploads continue without a conflict. Offline at the
 * first start the register refuses to sell with a Swedish message and fetches the journal once
 * the server answers; a deactivated terminal still uploads its backlog.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, verifyJournal, type JournalEntry } from '@kassa/core';
import type { LocalStatus, ReceiptResult, UploadedEntry } from '@kassa/contracts';
import { buildSampleJournal } from '@kassa/test-kit';
import { buildLocalService } from '../src/index.js';
import { sha256Hex } from '@kassa/core/sha256';
import { openJournalStore } from '../src/selling/journal-store.js';
import { journalEntriesOf } from '../src/sync/journal-restore.js';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { kassa, newPc, type Pc } from './support/register-cli.js';
import { TestClock, startSellingRig, type SellingRig } from './support/selling.js';

let server: KassaServer;

beforeAll(async () => {
  server = await startKassaServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

interface Service {
  app: FastifyInstance;
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
}

async function startService(pc: Pc, clock: TestClock): Promise<Service> {
  const app = await buildLocalService({
    folder: pc.home,
    env: pc.env,
    syncIntervalMs: 0,
    posWebDir: null,
    provisioningCandidates: [],
    clock: clock.now,
    controlUnitProbeMs: 0,
  });
  return {
    app,
    async call<T>(method: 'GET' | 'POST', url: string, body?: unknown) {
      const response = await app.inject({
        method,
        url,
        headers: { host: '127.0.0.1:8181' },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: response.statusCode, body: response.json<T>() };
    },
  };
}

/** Sells one coffee by card through the local API; returns the receipt number. */
async function sellCoffee(till: Pick<Service, 'call'>): Promise<number> {
  const line = await till.call('POST', '/local/sale/lines', { barcode: '7310865004703' });
  expect(line.status, JSON.stringify(line.body)).toBe(200);
  const paid = await till.call<ReceiptResult>('POST', '/local/sale/pay', {
    tenders: [{ method: 'card', amount: 3500 }],
  });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return paid.body.receipt.receiptNumber;
}

async function registerOf(pc: Pc): Promise<{ terminal: { id: string; registerId: string } }> {
  return JSON.parse(await readFile(path.join(pc.home, 'register.json'), 'utf8')) as {
    terminal: { id: string; registerId: string };
  };
}

/** Every entry of a register's journal file (read-only). */
function localJournal(pc: Pc): JournalEntry[] {
  const store = openJournalStore(path.join(pc.home, 'journal.sqlite'), { readonly: true });
  try {
    return store.entries();
  } finally {
    store.close();
  }
}

/** seq and hash of every entry the server stored for the terminal. */
async function serverChain(terminalId: string): Promise<{ seq: number; hash: string }[]> {
  const rows = await server.database.rawTransaction((tx) =>
    tx.query<{ seq: number | string; hash: string }>(
      'SELECT seq, hash FROM journal_entries WHERE terminal_id = $1 ORDER BY seq',
      [terminalId],
    ),
  );
  return rows.map((r) => ({ seq: Number(r.seq), hash: r.hash }));
}

const chainOf = (entries: readonly JournalEntry[]) =>
  entries.map((e) => ({ seq: e.seq, hash: e.hash }));

/** Sells `count` coffees on a fresh rig, uploads everything, stops it; the numbers sold. */
async function sellOnFirstPc(count: number): Promise<{ rig: SellingRig; numbers: number[] }> {
  const rig = await startSellingRig({ server });
  await rig.signIn('kalle', '4711');
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(await sellCoffee(rig));
  await rig.close(); // a stopped register uploads its last entries
  return { rig, numbers };
}

async function connectAgain(pc: Pc, registerId: string): Promise<void> {
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
  expect(run.code, run.output).toBe(0);
}

async function serverDown(): Promise<void> {
  const http = server.app.server;
  await new Promise<void>((resolve) => {
    http.close(() => resolve());
    http.closeAllConnections();
  });
}

async function serverUp(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.app.server.once('error', reject);
    server.app.server.listen({ host: '127.0.0.1', port: server.port }, () => resolve());
  });
}

describe('a register on a new PC continues its terminal journal', () => {
  it('restores the journal on connecting, continues the receipt numbers and uploads without conflict', async () => {
    const { rig, numbers } = await sellOnFirstPc(3);
    const { terminal } = await registerOf(rig.pc);
    const pc1Journal = localJournal(rig.pc);
    expect(chainOf(pc1Journal)).toEqual(await serverChain(terminal.id)); // all uploaded

    await server.admin.removeBinding(terminal.id, terminal.registerId);
    const pc2 = await newPc(`NY-PC-${terminal.registerId}`);
    await connectAgain(pc2, terminal.registerId);
    // The server's copy, entry for entry (the same hashes, so the same content), verified.
    const restored = localJournal(pc2);
    expect(chainOf(restored)).toEqual(chainOf(pc1Journal));
    expect(restored.map((e) => canonicalJson(e))).toEqual(pc1Journal.map((e) => canonicalJson(e)));
    expect(verifyJournal(restored, sha256Hex).ok).toBe(true);

    const clock = new TestClock(rig.clock.now() + 60 * 60_000);
    const service = await startService(pc2, clock);
    try {
      // The upload mark is at the server's head: nothing restored is sent again.
      const status = (await service.call<LocalStatus>('GET', '/local/status')).body;
      expect(status.upload?.acknowledgedSeq).toBe(pc1Journal.length);
      await service.app.kassa.syncNow(); // the catalogue
      const signIn = await service.call('POST', '/local/sign-in', {
        username: `kalle${terminal.registerId.toLowerCase()}`,
        pin: '4711',
      });
      expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
      const next = await sellCoffee(service);
      expect(next).toBe(Math.max(...numbers) + 1);
      const uploaded = await service.app.kassa.uploadNow();
      expect(uploaded).toMatchObject({ outcome: 'done', failure: null, pending: 0 });
      const pc2Journal = localJournal(pc2);
      expect(pc2Journal.length).toBeGreaterThan(pc1Journal.length);
      expect(await serverChain(terminal.id)).toEqual(chainOf(pc2Journal));
      // The series goes on: one receipt of each number in the whole journal.
      const receiptNumbers = pc2Journal
        .filter((e) => e.kind === 'sale')
        .map((e) => (e.kind === 'sale' ? e.data.receipt.receiptNumber : 0));
      expect(receiptNumbers).toEqual([...numbers, next]);
      const view = await server.admin.call<{ terminal: { sync: { problem: unknown } } }>(
        'GET',
        `/api/terminals/${terminal.id}`,
      );
      expect(view.body.terminal.sync.problem).toBeNull();
    } finally {
      await service.app.close();
    }
  });

  it('offline at the first start: refuses to sell with the message, then fetches the journal once the server answers', async () => {
    const { rig, numbers } = await sellOnFirstPc(2);
    const { terminal } = await registerOf(rig.pc);
    await server.admin.removeBinding(terminal.id, terminal.registerId);
    const pc2 = await newPc(`OFFLINE-NY-${terminal.registerId}`);
    await connectAgain(pc2, terminal.registerId);
    // As if the journal had not been fetched when connecting: the file is gone.
    for (const suffix of ['', '-wal', '-shm']) {
      await rm(path.join(pc2.home, `journal.sqlite${suffix}`), { force: true });
    }

    await serverDown();
    const clock = new TestClock(rig.clock.now() + 60 * 60_000);
    let service: Service | null = null;
    try {
      service = await startService(pc2, clock);
      const status = (await service.call<LocalStatus>('GET', '/local/status')).body;
      expect(status.problem?.code).toBe('journal-restore-required');
      expect(status.problem?.sv).toContain('måste nå servern en gång för att hämta sin journal');
      const signIn = await service.call('POST', '/local/sign-in', {
        username: `kalle${terminal.registerId.toLowerCase()}`,
        pin: '4711',
      });
      expect(signIn.status).toBe(200); // cashiers were synced when connecting
      const refused = await service.call<{ error: { code: string; sv: string } }>(
        'POST',
        '/local/sale/lines',
        { barcode: '7310865004703' },
      );
      expect(refused.status).toBe(503);
      expect(refused.body.error.code).toBe('journal-restore-required');
      expect(refused.body.error.sv).toContain('kvittonumren börja om från 1');
      // Nothing was journaled: no second series was started.
      const file = path.join(pc2.home, 'journal.sqlite');
      let rows = 0;
      try {
        const db = new Database(file, { readOnly: true });
        try {
          rows =
            (db.prepare('SELECT count(*) AS n FROM journal').get() as { n: number } | undefined)
              ?.n ?? 0;
        } finally {
          db.close();
        }
      } catch {
        rows = 0; // no file at all
      }
      expect(rows).toBe(0);

      await serverUp();
      await service.app.kassa.syncNow();
      const after = (await service.call<LocalStatus>('GET', '/local/status')).body;
      expect(after.problem).toBeNull();
      const next = await sellCoffee(service);
      expect(next).toBe(Math.max(...numbers) + 1);
      expect(await service.app.kassa.uploadNow()).toMatchObject({ outcome: 'done', failure: null });
      expect(await serverChain(terminal.id)).toEqual(chainOf(localJournal(pc2)));
    } finally {
      if (!server.app.server.listening) await serverUp();
      await service?.app.close();
    }
  });

  it('a deactivated terminal still uploads its backlog, and does not sell', async () => {
    const rig = await startSellingRig({ server });
    try {
      await rig.signIn('kalle', '4711');
      await sellCoffee(rig);
      await sellCoffee(rig);
      const { terminal } = await registerOf(rig.pc);
      const before = await serverChain(terminal.id);
      expect(before.length).toBeLessThan(localJournal(rig.pc).length); // the sales wait
      await server.admin.setActive(terminal.id, false);

      await rig.app.kassa.syncNow(); // uploads, then learns of the deactivation
      expect(await serverChain(terminal.id)).toEqual(chainOf(localJournal(rig.pc)));
      const refused = await rig.call<{ error: { code: string } }>('POST', '/local/sale/lines', {
        barcode: '7310865004703',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('terminal-deactivated');
    } finally {
      await rig.close();
    }
  });
});

describe('the server’s entries read as this program’s journal entries', () => {
  const { entries } = buildSampleJournal();
  const uploaded: UploadedEntry[] = entries.map((e) => ({ ...e }));

  it('reads every kind the register journals exactly as it was hashed', () => {
    const read = journalEntriesOf(uploaded);
    expect(read.ok).toBe(true);
    expect(read.ok && read.value).toEqual(entries);
    expect(read.ok && verifyJournal(read.value, sha256Hex).ok).toBe(true);
  });

  it('refuses the restore at a kind a newer register journaled, naming it in both languages', () => {
    const newer = [...uploaded, { ...uploaded.at(-1)!, seq: 999, kind: 'tip-added', data: {} }];
    const read = journalEntriesOf(newer);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.failure.code).toBe('journal-restore-failed');
    expect(read.failure.details).toMatchObject({ seq: 999, kind: 'tip-added' });
    expect(read.failure.sv).toContain('post 999 är av typen "tip-added"');
    expect(read.failure.sv).toContain('Installera den senaste versionen av Kassa');
    expect(read.failure.en).toContain('entry 999 is of kind "tip-added"');
    expect(read.failure.en).toContain('Install the latest version of Kassa');
  });

  it('refuses a known kind whose data it would not keep as hashed: a new value or a new field', () => {
    const removed = uploaded.findIndex((e) => e.kind === 'line-removed');
    const cashIn = uploaded.findIndex((e) => e.kind === 'cash-in');
    expect(removed).toBeGreaterThanOrEqual(0);
    expect(cashIn).toBeGreaterThanOrEqual(0);
    const newValue = uploaded.map((e, i) =>
      i === removed ? { ...e, data: { ...e.data, unit: 'litre' } } : e,
    );
    const newField = uploaded.map((e, i) =>
      i === cashIn ? { ...e, data: { ...e.data, tipShare: 100 } } : e,
    );
    for (const [journal, at] of [
      [newValue, removed],
      [newField, cashIn],
    ] as const) {
      const read = journalEntriesOf(journal);
      expect(read.ok).toBe(false);
      if (read.ok) continue;
      const { seq, kind } = journal[at]!;
      expect(read.failure.code).toBe('journal-restore-failed');
      expect(read.failure.sv).toContain(`post ${seq} (${kind}) innehåller uppgifter`);
      expect(read.failure.en).toContain(`entry ${seq} (${kind}) holds data`);
    }
  });
});

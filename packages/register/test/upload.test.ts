/**
 * The journal upload against the real server in-process: a register sells
 * through its local API, its uploader sends the SQLite journal in batches, and the server's copy
 * (its journal_entries table) is compared entry by entry with the local file. The server goes
 * down by closing its listening socket (and, for a hanging server, a socket that accepts and
 * never answers takes its port); a lost mark, a forged entry on the server and a forged local
 * journal copy are made on the real files and the real API.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendEntry, ore, type JournalEntry } from '@kassa/core';
import type { LocalStatus, LocalUploadStatus, ReceiptResult } from '@kassa/contracts';
import {
  archiveDataFolder,
  buildLocalService,
  countUnuploadedEntries,
  loadInstallation,
  signedRequest,
} from '../src/index.js';
import { openJournalStore } from '../src/selling/journal-store.js';
import { toUploadedEntry } from '../src/sync/journal-client.js';
import { JournalUploader, type UploadOutcome, type UploadTiming } from '../src/sync/uploader.js';
import { startKassaServer, type KassaServer } from './support/kassa-server.js';
import { kassa } from './support/register-cli.js';
import { startSellingRig, type SellingRig } from './support/selling.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const rigServiceStopped = new WeakSet<SellingRig>();

let server: KassaServer;

beforeAll(async () => {
  server = await startKassaServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

/** The register's local service on a rig's folder (with upload timing of the test's choice). */
interface Service {
  app: FastifyInstance;
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /** Stops it (once; `kassa start` stopping journals register-stopped). */
  close(): Promise<void>;
}

/**
 * Starts the register's service on the rig's folder, signed in as the cashier. The rig's own
 * service is stopped first the first time (two services must not share one journal).
 */
async function startService(rig: SellingRig, upload?: Partial<UploadTiming>): Promise<Service> {
  if (!rigServiceStopped.has(rig)) {
    rigServiceStopped.add(rig);
    await rig.app.close();
  }
  const app = await buildLocalService({
    folder: rig.pc.home,
    env: rig.pc.env,
    syncIntervalMs: 0,
    posWebDir: null,
    provisioningCandidates: [],
    clock: rig.clock.now,
    controlUnitProbeMs: 0,
    ...(upload ? { upload } : {}),
  });
  let closed = false;
  const service: Service = {
    app,
    async call<T>(method: string, url: string, body?: unknown) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { host: '127.0.0.1:8181' },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      return { status: response.statusCode, body: response.json<T>() };
    },
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
  const suffix = rig.pc.name.replace('SALJ-PC-', '').toLowerCase();
  const signedIn = await service.call('POST', '/local/sign-in', {
    username: `kalle${suffix}`,
    pin: '4711',
  });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  return service;
}

/** Sells `count` coffees paid by card; each must complete with a receipt. */
async function sell(service: Service, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const line = await service.call('POST', '/local/sale/lines', { barcode: '7310865004703' });
    expect(line.status, JSON.stringify(line.body)).toBe(200);
    const paid = await service.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [{ method: 'card', amount: 3500 }],
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.controlCode).toMatch(/\S+/);
  }
}

async function uploadStatus(service: Service): Promise<LocalUploadStatus> {
  const { body } = await service.call<LocalStatus>('GET', '/local/status');
  if (body.upload === undefined) throw new Error('no upload status');
  return body.upload;
}

function journalFile(rig: SellingRig): string {
  return path.join(rig.pc.home, 'journal.sqlite');
}

/** seq and hash of every entry of the register's journal file. */
function localChain(rig: SellingRig): { seq: number; hash: string }[] {
  const db = new Database(journalFile(rig), { readOnly: true });
  try {
    return (
      db.prepare('SELECT seq, hash FROM journal ORDER BY seq').all() as {
        seq: number;
        hash: string;
      }[]
    ).map((row) => ({ seq: row.seq, hash: row.hash }));
  } finally {
    db.close();
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

async function terminalIdOf(rig: SellingRig): Promise<string> {
  const register = JSON.parse(await readFile(path.join(rig.pc.home, 'register.json'), 'utf8')) as {
    terminal: { id: string };
  };
  return register.terminal.id;
}

interface TerminalSyncView {
  unsyncedEntries: number | null;
  sync: {
    acknowledgedSeq: number;
    oldestUnsyncedAt: string | null;
    controlUnit: { state: string; serialNumber: string | null; simulated: boolean } | null;
    problem: { code: string; sv: string } | null;
  };
}

async function backofficeView(terminalId: string): Promise<TerminalSyncView> {
  const { body } = await server.admin.call<{ terminal: TerminalSyncView }>(
    'GET',
    `/api/terminals/${terminalId}`,
  );
  return body.terminal;
}

/** The server stops answering: its listening socket and open connections are closed. */
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

/** A server that accepts connections on the server's port and never answers. */
async function hangingServer(): Promise<{
  connections: () => number;
  close: () => Promise<void>;
}> {
  const sockets: net.Socket[] = [];
  const hang = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => hang.listen(server.port, '127.0.0.1', resolve));
  return {
    connections: () => sockets.length,
    close: () =>
      new Promise<void>((resolve) => {
        hang.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

describe('uploading the journal', () => {
  let rig: SellingRig;
  let service: Service;
  let terminalId: string;

  beforeAll(async () => {
    rig = await startSellingRig({ server });
    service = await startService(rig);
    terminalId = await terminalIdOf(rig);
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await rig?.simulator.stop();
  });

  it('sends every entry in order: the server holds exactly the local journal', async () => {
    await sell(service, 3);
    const before = await uploadStatus(service);
    const head = localChain(rig).at(-1)?.seq ?? 0;
    expect(before.pending).toBe(head - before.acknowledgedSeq);
    expect(before.pending).toBeGreaterThanOrEqual(6); // at least a line and a sale per coffee

    rig.clock.set('2026-11-25T09:30:00Z');
    const outcome = await service.app.kassa.uploadNow();
    expect(outcome).toMatchObject({ outcome: 'done', pending: 0, acknowledgedSeq: head });
    expect(outcome?.sent).toBe(before.pending);

    expect(await serverChain(terminalId)).toEqual(localChain(rig));
    expect(await uploadStatus(service)).toEqual({
      pending: 0,
      oldestPendingAt: null,
      acknowledgedSeq: head,
      lastUploadAt: '2026-11-25T09:30:00.000Z',
      problem: null,
      draining: false,
    });
    expect((await backofficeView(terminalId)).sync.acknowledgedSeq).toBe(head);

    const again = await service.app.kassa.uploadNow();
    expect(again).toMatchObject({ outcome: 'done', sent: 0, batches: 0 });
  });

  it('reports the backlog and the control unit in the heartbeat', async () => {
    await sell(service, 1);
    await service.app.kassa.syncNow(); // uploads first, then reports what is left
    const local = (await service.call<LocalStatus>('GET', '/local/status')).body;
    const seen = await backofficeView(terminalId);
    expect(seen.unsyncedEntries).toBe(0);
    expect(seen.sync.oldestUnsyncedAt).toBeNull();
    expect(seen.sync.controlUnit).toMatchObject({
      state: local.controlUnit?.state,
      serialNumber: local.controlUnit?.serialNumber,
      simulated: local.controlUnit?.simulated,
    });
    expect(local.controlUnit?.state).toBe('ok');
    expect(local.upload?.pending).toBe(0);
  });

  it('prints the backlog in kassa status, in Swedish', async () => {
    const run = await kassa(rig.pc, ['status']);
    expect(run.code, run.output).toBe(0);
    expect(run.stdout).toContain(
      'Ej uppladdat:    0 poster (allt är uppladdat, senast 2026-11-25 10:30)',
    );
    const json = JSON.parse((await kassa(rig.pc, ['status', '--json'])).stdout) as {
      upload: { pending: number; acknowledgedSeq: number };
    };
    expect(json.upload).toMatchObject({ pending: 0, acknowledgedSeq: localChain(rig).at(-1)?.seq });
  });

  it('drains a backlog of 1 200 entries in 3 batches, with progress in the status between them', async () => {
    const acknowledged = (await uploadStatus(service)).acknowledgedSeq;
    // A second writer on the same file (safe: the chain continues inside an immediate transaction).
    const writer = openJournalStore(journalFile(rig));
    try {
      for (let i = 0; i < 1_200; i++) {
        writer.append(
          [{ event: { kind: 'drawer-opened', data: { reason: `växel ${i + 1}` } } }],
          new Date(Date.parse('2026-11-25T10:00:00Z') + i * 1000).toISOString(),
        );
      }
    } finally {
      writer.close();
    }
    rig.clock.set('2026-11-25T11:00:00Z');
    const head = localChain(rig).at(-1)?.seq ?? 0;
    expect(head - acknowledged).toBe(1_200);
    const run = await kassa(rig.pc, ['status']);
    expect(run.stdout).toContain('Ej uppladdat:    1 200 poster, äldsta från 2026-11-25 11:00');

    const seen: LocalUploadStatus[] = [];
    // The backoffice's view of the backlog after each batch, without a heartbeat between.
    const backoffice: (number | null)[] = [];
    const outcome = await service.app.kassa.uploadNow({
      onBatch: async () => {
        seen.push(await uploadStatus(service));
        backoffice.push((await backofficeView(terminalId)).unsyncedEntries);
      },
    });
    expect(outcome).toMatchObject({ outcome: 'done', batches: 3, sent: 1_200, pending: 0 });
    expect(seen.map((s) => [s.pending, s.acknowledgedSeq, s.draining])).toEqual([
      [700, acknowledged + 500, true],
      [200, acknowledged + 1_000, true],
      [0, head, true],
    ]);
    expect(backoffice).toEqual([700, 200, 0]);
    expect((await backofficeView(terminalId)).sync.oldestUnsyncedAt).toBeNull();
    expect(seen[0]?.oldestPendingAt).toBe('2026-11-25T10:08:20.000Z'); // the 501st entry
    expect((await uploadStatus(service)).draining).toBe(false);
    expect(await serverChain(terminalId)).toEqual(localChain(rig));
  });

  it('counts entries not uploaded in the folder, and archiving refuses them without --force', async () => {
    // Stopping journals register-stopped and uploads it at once: nothing is left behind.
    await service.close();
    expect(await countUnuploadedEntries(rig.pc.home)).toBe(0);
    expect(await serverChain(terminalId)).toEqual(localChain(rig));
    // A register stopped while offline leaves its last entries behind.
    const offline = openJournalStore(journalFile(rig));
    offline.append(
      [{ event: { kind: 'register-stopped', data: { programVersion: 'test' } } }],
      '2026-11-25T11:59:00.000Z',
    );
    offline.close();
    expect(await countUnuploadedEntries(rig.pc.home)).toBe(1);
    const refused = await archiveDataFolder(rig.pc.home, {
      force: false,
      now: new Date('2026-11-25T12:00:00Z'),
      by: 'test',
    });
    expect(refused).toMatchObject({
      ok: false,
      failure: { code: 'archive-has-unuploaded', details: { count: 1 } },
    });

    // The same uploader, on the closed folder, sends the last entry; then archiving is allowed.
    const loaded = await loadInstallation(rig.pc.home);
    if (!loaded.ok || loaded.value === null) throw new Error('not connected');
    const store = openJournalStore(journalFile(rig));
    try {
      const uploader = new JournalUploader({
        store,
        identity: loaded.value.identity,
        clock: rig.clock.now,
      });
      expect(await uploader.uploadNow()).toMatchObject({ outcome: 'done', sent: 1 });
      uploader.close();
    } finally {
      store.close();
    }
    expect(await countUnuploadedEntries(rig.pc.home)).toBe(0);
    const archived = await archiveDataFolder(rig.pc.home, {
      force: false,
      now: new Date('2026-11-25T12:00:00Z'),
      by: 'test',
    });
    expect(archived).toMatchObject({ ok: true, value: { unuploaded: 0 } });
  });
});

describe('the server is down', () => {
  let stopHanging: (() => Promise<void>) | null = null;
  let rig: SellingRig;
  let service: Service;
  let terminalId: string;

  beforeAll(async () => {
    rig = await startSellingRig({ server });
    service = await startService(rig);
    terminalId = await terminalIdOf(rig);
    expect((await service.app.kassa.uploadNow())?.outcome).toBe('done');
  }, 120_000);

  afterAll(async () => {
    // Leave the server up for the next tests, whatever happened here.
    await stopHanging?.();
    if (!server.app.server.listening) await serverUp();
    await service?.close();
    await rig?.simulator.stop();
  });

  it('sells while an upload hangs on a server that never answers; the backlog grows', async () => {
    rig.clock.set('2026-11-25T13:03:00Z');
    await sell(service, 1);
    await serverDown();
    const hanging = await hangingServer();
    stopHanging = hanging.close;
    // Start an upload that reaches the hanging server (a first attempt may end at once on a
    // kept-alive connection that the closed server broke; then try again).
    let settled = true;
    let upload: Promise<UploadOutcome | null> = Promise.resolve(null);
    await vi.waitFor(
      () => {
        if (settled) {
          settled = false;
          upload = service.app.kassa.uploadNow().finally(() => {
            settled = true;
          });
        }
        expect(hanging.connections()).toBeGreaterThan(0);
      },
      { timeout: 10_000, interval: 20 },
    );

    const before = await uploadStatus(service);
    await sell(service, 2);
    // Both sales completed while the upload was still waiting for the server.
    expect(settled).toBe(false);
    const during = await uploadStatus(service);
    expect(during.pending).toBeGreaterThanOrEqual(before.pending + 4);
    expect(during.draining).toBe(true);
    expect(during.problem).toBeNull();

    await hanging.close(); // the hanging connection breaks: a network failure, retried later
    stopHanging = null;
    expect(await upload).toMatchObject({
      outcome: 'failed',
      failure: { code: 'server-unreachable' },
    });
    const after = await uploadStatus(service);
    expect(after).toMatchObject({ pending: during.pending, draining: false, problem: null });
    expect(after.oldestPendingAt).not.toBeNull();

    const run = await kassa(rig.pc, ['status']);
    expect(run.stdout).toContain('servern kunde inte nås nu');
    expect(run.stdout).toContain(
      `Ej uppladdat:    ${after.pending} poster, äldsta från 2026-11-25 14:03`,
    );

    await serverUp();
    expect(await service.app.kassa.uploadNow()).toMatchObject({ outcome: 'done', pending: 0 });
    expect(await serverChain(terminalId)).toEqual(localChain(rig));
  });

  it('in the background: retries with backoff while the server is down, drains when it returns', async () => {
    await service.close();
    service = await startService(rig, {
      debounceMs: 10,
      intervalMs: 60_000,
      backoff: { baseMs: 50, capMs: 400 },
    });
    service.app.kassa.startSync();
    await vi.waitFor(async () => expect((await uploadStatus(service)).pending).toBe(0), {
      timeout: 20_000,
      interval: 50,
    });

    await serverDown();
    await sell(service, 3);
    // The uploader tried (each sale asks for an upload) and keeps the backlog.
    await vi.waitFor(
      async () => {
        const status = await uploadStatus(service);
        expect(status.draining).toBe(false);
        expect(status.pending).toBeGreaterThanOrEqual(6);
      },
      { timeout: 10_000, interval: 50 },
    );
    const waiting = await uploadStatus(service);
    expect(waiting.problem).toBeNull();
    expect(await serverChain(terminalId)).not.toEqual(localChain(rig));

    await serverUp();
    await vi.waitFor(async () => expect((await uploadStatus(service)).pending).toBe(0), {
      timeout: 20_000,
      interval: 50,
    });
    expect(await serverChain(terminalId)).toEqual(localChain(rig));

    // With the server up, a sale is uploaded soon after by itself.
    await sell(service, 1);
    await vi.waitFor(async () => expect((await uploadStatus(service)).pending).toBe(0), {
      timeout: 20_000,
      interval: 50,
    });
    expect(await serverChain(terminalId)).toEqual(localChain(rig));
  });
});

describe('a register that lost its upload mark', () => {
  it('continues from the server head: nothing the server has is sent again', async () => {
    const rig = await startSellingRig({ server });
    let service = await startService(rig);
    const terminalId = await terminalIdOf(rig);
    try {
      await sell(service, 2);
      expect(await service.app.kassa.uploadNow()).toMatchObject({ outcome: 'done', pending: 0 });
      await service.close(); // uploads its register-stopped entry on the way out
      const uploaded = (await serverChain(terminalId)).length;
      expect(uploaded).toBe(localChain(rig).length);

      const db = new Database(journalFile(rig));
      db.prepare("DELETE FROM working WHERE key = 'upload'").run();
      db.close();
      service = await startService(rig);
      await sell(service, 1);

      // Without a mark everything counts as not uploaded, until the server says otherwise.
      const head = localChain(rig).at(-1)?.seq ?? 0;
      expect(await uploadStatus(service)).toMatchObject({ pending: head, acknowledgedSeq: 0 });
      const outcome = await service.app.kassa.uploadNow();
      expect(outcome).toMatchObject({ outcome: 'done', pending: 0, acknowledgedSeq: head });
      expect(outcome?.sent).toBe(head - uploaded);
      expect(await serverChain(terminalId)).toEqual(localChain(rig));
    } finally {
      await service.close();
      await rig.simulator.stop();
    }
  });
});

describe('a journal that does not match the server', () => {
  it('a forged entry on the server: the upload is refused, stopped, shown, and retried only when asked', async () => {
    const rig = await startSellingRig({ server });
    const service = await startService(rig);
    const terminalId = await terminalIdOf(rig);
    try {
      await sell(service, 1);
      expect((await service.app.kassa.uploadNow())?.outcome).toBe('done');
      const [top] = localChain(rig).slice(-1);
      if (!top) throw new Error('empty journal');

      // Someone with the device key uploads a forged continuation of the chain.
      const loaded = await loadInstallation(rig.pc.home);
      if (!loaded.ok || loaded.value === null) throw new Error('not connected');
      const forged = appendEntry(
        { seq: top.seq, hash: top.hash } as JournalEntry,
        { kind: 'cash-out', data: { amount: ore(50_000), reason: 'förfalskad' } },
        '2026-11-25T09:10:00.000Z',
        sha256,
      );
      const sent = await signedRequest(loaded.value.identity, 'POST', '/api/register/journal', {
        entries: [toUploadedEntry(forged)],
      });
      expect(sent.ok && sent.value.status).toBe(200);

      await sell(service, 1);
      const refused = await service.app.kassa.uploadNow();
      expect(refused).toMatchObject({
        outcome: 'stopped',
        sent: 0,
        failure: { code: 'journal-conflict' },
      });
      const status = await uploadStatus(service);
      expect(status.problem?.code).toBe('journal-conflict');
      expect(status.problem?.sv).toContain(`Journalpost ${top.seq + 1} skiljer sig`);
      expect(status.pending).toBe((localChain(rig).at(-1)?.seq ?? 0) - top.seq);

      // Stopped: asking again sends nothing until a retry.
      expect(await service.app.kassa.uploadNow()).toMatchObject({ outcome: 'stopped', sent: 0 });

      // kassa status (another process, reading the file) shows it too.
      const run = await kassa(rig.pc, ['status']);
      expect(run.stdout).toContain('UPPLADDNINGEN ÄR STOPPAD (journal-conflict)');
      expect(run.stdout).toContain(`Journalpost ${top.seq + 1} skiljer sig`);

      // The heartbeat still reports the backlog; the backoffice shows the flagged problem.
      await service.app.kassa.syncNow();
      const seen = await backofficeView(terminalId);
      expect(seen.sync.problem?.code).toBe('journal-conflict');
      expect(seen.unsyncedEntries).toBe(status.pending);
      expect(seen.sync.oldestUnsyncedAt).toBe(status.oldestPendingAt);

      // An explicit retry looks at the server's head: its entry differs from ours, so it stops.
      const retry = await service.call('POST', '/local/upload/retry');
      expect(retry.status).toBe(202);
      expect(await service.app.kassa.uploadNow()).toMatchObject({
        outcome: 'stopped',
        failure: { code: 'upload-server-differs' },
      });
      expect((await uploadStatus(service)).problem?.code).toBe('upload-server-differs');
      expect((await serverChain(terminalId)).at(-1)?.hash).toBe(forged.hash);
    } finally {
      await service.close();
      await rig.simulator.stop();
    }
  });

  it('an old copy of the journal (a restored backup): the server is ahead, nothing is sent', async () => {
    const rig = await startSellingRig({ server });
    let service = await startService(rig);
    const terminalId = await terminalIdOf(rig);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kassa-backup-'));
    try {
      await service.close();
      for (const suffix of ['', '-wal']) {
        await copyFile(
          `${journalFile(rig)}${suffix}`,
          path.join(dir, `journal.sqlite${suffix}`),
        ).catch(() => undefined);
      }
      service = await startService(rig);
      await sell(service, 2);
      expect((await service.app.kassa.uploadNow())?.outcome).toBe('done');
      await service.close();
      const onServer = await serverChain(terminalId);

      for (const suffix of ['', '-wal', '-shm'])
        await rm(`${journalFile(rig)}${suffix}`, { force: true });
      for (const suffix of ['', '-wal']) {
        await copyFile(
          path.join(dir, `journal.sqlite${suffix}`),
          `${journalFile(rig)}${suffix}`,
        ).catch(() => undefined);
      }
      service = await startService(rig);
      const localSeq = localChain(rig).at(-1)?.seq ?? 0;
      expect(localSeq).toBeLessThan(onServer.length);
      expect(await service.app.kassa.uploadNow()).toMatchObject({
        outcome: 'stopped',
        sent: 0,
        failure: { code: 'upload-server-ahead' },
      });
      expect((await uploadStatus(service)).problem?.sv).toContain(
        `Servern har redan ${onServer.length} journalposter från den här kassan, men journalen här slutar vid post ${localSeq}:`,
      );
      expect(await serverChain(terminalId)).toEqual(onServer);
      // The register does not sell on (it would issue the receipt numbers after the backup's
      // again): the sale is refused with the same code and what to do.
      const refused = await service.call<{ error: { code: string; sv: string } }>(
        'POST',
        '/local/sale/lines',
        { barcode: '7310865004703' },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('upload-server-ahead');
      expect(refused.body.error.sv).toContain('kassa restore-journal');
    } finally {
      await service.close();
      await rig.simulator.stop();
    }
  });

  it('a forged local journal copy: the server head differs, nothing is sent, the problem is shown', async () => {
    const rig = await startSellingRig({ server });
    let service = await startService(rig);
    const terminalId = await terminalIdOf(rig);
    try {
      await sell(service, 2);
      expect((await service.app.kassa.uploadNow())?.outcome).toBe('done');
      await service.close();
      const onServer = await serverChain(terminalId);

      // A copy of the journal with the first sale's total lowered and the chain recomputed
      // (it opens: its chain is whole), the upload mark copied along.
      const original = openJournalStore(journalFile(rig), { readonly: true });
      const entries = original.entries();
      const mark = original.working<unknown>('upload');
      original.close();
      const dir = await mkdtemp(path.join(os.tmpdir(), 'kassa-forged-'));
      const copy = openJournalStore(path.join(dir, 'journal.sqlite'));
      let forgedSeq = 0;
      for (const entry of entries) {
        let data = entry.data as unknown;
        if (entry.kind === 'sale' && forgedSeq === 0) {
          forgedSeq = entry.seq;
          const receipt = (data as { receipt: { total: number } }).receipt;
          data = { receipt: { ...receipt, total: receipt.total - 1000 } };
        }
        copy.append(
          [{ event: { kind: entry.kind, data } as never, ...(entry.by ? { by: entry.by } : {}) }],
          entry.at,
        );
      }
      copy.changeWorking([{ op: 'put', key: 'upload', value: mark }]);
      copy.close();
      for (const suffix of ['', '-wal', '-shm'])
        await rm(`${journalFile(rig)}${suffix}`, { force: true });
      await copyFile(path.join(dir, 'journal.sqlite'), journalFile(rig));

      service = await startService(rig);
      // The copied mark is an anchor the forged chain does not match: the journal is not even
      // opened for selling or uploading (journal-anchors.test.ts covers a forged mark too).
      expect(await service.app.kassa.uploadNow()).toBeNull();
      const status = await service.call<LocalStatus>('GET', '/local/status');
      expect(status.body.problem?.code).toBe('journal-anchor-mismatch');
      expect(status.body.problem?.sv).toContain(
        `journalpost ${onServer.at(-1)?.seq} har en annan kontrollsumma`,
      );
      expect(forgedSeq).toBeGreaterThan(0);
      expect(await serverChain(terminalId)).toEqual(onServer);
    } finally {
      await service.close();
      await rig.simulator.stop();
    }
  });
});

/**
 * Receipt numbers never repeat after data loss, and a cut or rewritten journal is found
 * (docs/adr/0011-journal-anchors.md), against the real server over loopback with real SQLite
 * files:
 *
 * - a data folder lost with entries not uploaded, then a new connect: the restored register
 *   numbers after the highest receipt number the terminal reported (the lost ones are skipped
 *   and journaled), and the backoffice shows the gap;
 * - a journal whose tail was cut (rows deleted with the triggers dropped, as an attacker would):
 *   the register refuses to sell, with or without its stored anchor, and the backoffice shows it;
 *   `kassa restore-journal` brings it back;
 * - a journal rewritten whole with a recomputed chain: refused by its anchor, and when the
 *   anchor was rewritten too, by the server's copy (doctor and backoffice).
 */
import { copyFileSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync as Database } from 'node:sqlite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEntry, verifyJournal, type JournalEntry, type JournalEvent } from '@kassa/core';
import type { LocalStatus, ReceiptResult } from '@kassa/contracts';
import { buildLocalService } from '../src/index.js';
import { loadInstallation } from '../src/connect/installation.js';
import { sha256Hex } from '@kassa/core/sha256';
import { openJournalStore } from '../src/selling/journal-store.js';
import { syncOnce } from '../src/sync/sync-once.js';
import { ADMIN_PASSWORD, startKassaServer, type KassaServer } from './support/kassa-server.js';
import { kassa, newPc, type Pc } from './support/register-cli.js';
import { TestClock, readJournalFile, startSellingRig, type SellingRig } from './support/selling.js';
import { startTcpProxy } from './support/tcp-proxy.js';

let server: KassaServer;

beforeAll(async () => {
  server = await startKassaServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

type Call = <T = Record<string, unknown>>(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
) => Promise<{ status: number; body: T }>;

interface Service {
  app: FastifyInstance;
  call: Call;
}

async function startService(
  pc: Pc,
  clock: TestClock,
  options: { journalCheckWaitMs?: number } = {},
): Promise<Service> {
  const app = await buildLocalService({
    folder: pc.home,
    env: pc.env,
    syncIntervalMs: 0,
    posWebDir: null,
    provisioningCandidates: [],
    clock: clock.now,
    controlUnitProbeMs: 0,
    ...options,
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

async function sellCoffee(till: { call: Call }): Promise<number> {
  const line = await till.call('POST', '/local/sale/lines', { barcode: '7310865004703' });
  expect(line.status, JSON.stringify(line.body)).toBe(200);
  const paid = await till.call<ReceiptResult>('POST', '/local/sale/pay', {
    tenders: [{ method: 'card', amount: 3500 }],
  });
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  return paid.body.receipt.receiptNumber;
}

/** A refused sale: its HTTP status and error. */
async function refusedSale(till: { call: Call }) {
  return till.call<{ error: { code: string; sv: string } }>('POST', '/local/sale/lines', {
    barcode: '7310865004703',
  });
}

async function terminalOf(pc: Pc): Promise<{ id: string; registerId: string }> {
  const loaded = await loadInstallation(pc.home);
  if (!loaded.ok || loaded.value === null) throw new Error('not connected');
  return loaded.value.register.terminal;
}

interface TerminalView {
  terminal: {
    warnings: string[];
    sync: { acknowledgedSeq: number; problem: { code: string; sv: string } | null };
  };
}

async function backoffice(terminalId: string): Promise<TerminalView['terminal']> {
  const view = await server.admin.call<TerminalView>('GET', `/api/terminals/${terminalId}`);
  return view.body.terminal;
}

async function acknowledge(terminalId: string): Promise<void> {
  await server.admin.call(
    'POST',
    `/api/terminals/${terminalId}/sync-problem/acknowledge`,
    {},
    [200, 204],
  );
}

/** Sale and return receipt numbers of the server's copy of the terminal's journal. */
async function serverReceiptNumbers(terminalId: string): Promise<number[]> {
  const rows = await server.database.rawTransaction((tx) =>
    tx.query<{ n: number | string }>(
      `SELECT (data->'receipt'->>'receiptNumber')::int AS n FROM journal_entries
       WHERE terminal_id = $1 AND kind IN ('sale', 'return') ORDER BY seq`,
      [terminalId],
    ),
  );
  return rows.map((r) => Number(r.n));
}

/** A heartbeat as the register's sync sends it, with the backlog read from the journal file. */
async function heartbeatFromFile(pc: Pc): Promise<void> {
  const loaded = await loadInstallation(pc.home);
  if (!loaded.ok || loaded.value === null) throw new Error('not connected');
  const sync = await syncOnce(loaded.value, { heartbeat: true });
  expect(sync.failure).toBeNull();
}

/**
 * Runs SQL on the journal file as someone with the data folder would: triggers dropped, and the
 * keyed checkpoint removed (it would no longer match: docs/adr/0012-journal-checkpoint-and-state.md),
 * so the whole chain is verified at open and only the anchors can find what was done.
 */
function tamper(pc: Pc, statements: (db: Database) => void): void {
  const db = new Database(path.join(pc.home, 'journal.sqlite'));
  try {
    db.exec('DROP TRIGGER journal_no_delete; DROP TRIGGER journal_no_update;');
    db.exec("DELETE FROM journal_state WHERE key = 'checkpoint'");
    statements(db);
    db.exec(`CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
      BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;
      CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
      BEGIN SELECT RAISE(ABORT, 'journal entries are immutable'); END;`);
  } finally {
    db.close();
  }
}

const journalFile = (pc: Pc) => path.join(pc.home, 'journal.sqlite');

/** Sells `count` coffees on a fresh rig and uploads them (syncNow). */
async function sellAndUpload(count: number): Promise<{ rig: SellingRig; numbers: number[] }> {
  const rig = await startSellingRig({ server });
  await rig.signIn('kalle', '4711');
  const numbers: number[] = [];
  for (let i = 0; i < count; i++) numbers.push(await sellCoffee(rig));
  await rig.app.kassa.syncNow();
  return { rig, numbers };
}

describe('a lost data folder with entries not uploaded, then a new connect', () => {
  it('continues after the highest reported receipt number, journals the skipped ones, and the backoffice shows the gap', async () => {
    const { rig, numbers } = await sellAndUpload(3);
    const terminal = await terminalOf(rig.pc);
    expect(await serverReceiptNumbers(terminal.id)).toEqual(numbers);
    // Two more receipts that never reach the server; the heartbeat told it they exist.
    numbers.push(await sellCoffee(rig), await sellCoffee(rig));
    await heartbeatFromFile(rig.pc);
    // The PC is lost: its binding is removed before it could upload (its last upload is refused).
    await server.admin.removeBinding(terminal.id, terminal.registerId);
    await rig.close();
    expect(await serverReceiptNumbers(terminal.id)).toEqual(numbers.slice(0, 3));

    const pc2 = await newPc(`ERSATT-${terminal.registerId}`);
    const run = await kassa(pc2, [
      'connect',
      '--url',
      server.url,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      terminal.registerId,
    ]);
    expect(run.code, run.output).toBe(0);
    const restored = readJournalFile(journalFile(pc2));
    const skipped = restored
      .filter((e) => e.kind === 'receipt-number-skipped')
      .map((e) => (e.kind === 'receipt-number-skipped' ? e.data : null));
    expect(skipped).toEqual([
      { series: 'receipt', receiptNumber: numbers[3], reason: 'journal-lost' },
      { series: 'receipt', receiptNumber: numbers[4], reason: 'journal-lost' },
    ]);
    expect(verifyJournal(restored, sha256Hex).ok).toBe(true);

    const view = await backoffice(terminal.id);
    expect(view.warnings).toContain('sync-problem');
    expect(view.sync.problem?.code).toBe('journal-entries-lost');
    expect(view.sync.problem?.sv).toContain('aldrig laddades upp');
    expect(view.sync.problem?.sv).toContain(
      `högsta kvittonummer på servern ${numbers[2]}, högsta som kassan rapporterat ${numbers[4]}`,
    );

    // The restore journaled the skipped numbers at the real time of connecting: go on after it.
    const service = await startService(pc2, new TestClock(Date.now() + 60_000));
    try {
      await service.app.kassa.syncNow();
      const signIn = await service.call('POST', '/local/sign-in', {
        username: `kalle${terminal.registerId.toLowerCase()}`,
        pin: '4711',
      });
      expect(signIn.status, JSON.stringify(signIn.body)).toBe(200);
      const next = await sellCoffee(service);
      expect(next).toBe(Math.max(...numbers) + 1); // never 4 again
      await service.app.kassa.syncNow();
      const onServer = await serverReceiptNumbers(terminal.id);
      expect(onServer).toEqual([...numbers.slice(0, 3), next]);
      expect(new Set([...numbers, next]).size).toBe(numbers.length + 1);
    } finally {
      await service.app.close();
    }
  });
});

describe('a journal whose tail was cut', () => {
  it('with its anchor left: refuses to sell at start, before asking the server; the backoffice shows it, kassa restore-journal restores it', async () => {
    const { rig, numbers } = await sellAndUpload(3);
    const terminal = await terminalOf(rig.pc);
    await rig.close(); // the last entries are uploaded too
    const before = readJournalFile(journalFile(rig.pc));
    const cutFrom = before.findLast((e) => e.kind === 'sale')?.seq ?? 0;
    tamper(rig.pc, (db) => db.prepare('DELETE FROM journal WHERE seq >= ?').run(cutFrom));
    // The cut file still verifies as a chain on its own.
    expect(verifyJournal(readJournalFile(journalFile(rig.pc)), sha256Hex).ok).toBe(true);

    const service = await startService(rig.pc, new TestClock(rig.clock.now() + 60_000));
    try {
      const status = (await service.call<LocalStatus>('GET', '/local/status')).body;
      expect(status.problem?.code).toBe('journal-anchor-mismatch');
      expect(status.problem?.sv).toContain('kassa restore-journal');
      const refused = await refusedSale(service);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('journal-anchor-mismatch');
      expect(refused.body.error.sv).toContain('Kassan säljer inte');

      await service.app.kassa.syncNow(); // the heartbeat reports the journal from the file
      const view = await backoffice(terminal.id);
      expect(view.warnings).toContain('sync-problem');
      expect(view.sync.problem?.code).toBe('journal-behind-server');
      expect(view.sync.problem?.sv).toContain('kassa restore-journal');
    } finally {
      await service.app.close();
    }

    const doctor = await kassa(rig.pc, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.output).toMatch(/FEL Journalens ankare: Journalminnet stämmer inte/);

    const restore = await kassa(rig.pc, ['restore-journal', '--reason', 'avklippt journal']);
    // The rig's control unit is gone with it: the built-in simulator from now on.
    await writeFile(
      path.join(rig.pc.home, 'settings.json'),
      JSON.stringify({ controlUnit: 'simulator', printer: 'none' }),
    );
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('Den tidigare journalen sparades i');
    const again = await startService(rig.pc, new TestClock(rig.clock.now() + 120_000));
    try {
      await again.app.kassa.syncNow();
      const status = (await again.call<LocalStatus>('GET', '/local/status')).body;
      expect(status.problem).toBeNull();
      const signIn = await again.call('POST', '/local/sign-in', {
        username: `kalle${terminal.registerId.toLowerCase()}`,
        pin: '4711',
      });
      expect(signIn.status).toBe(200);
      expect(await sellCoffee(again)).toBe(Math.max(...numbers) + 1);
      await again.app.kassa.syncNow();
      const onServer = await serverReceiptNumbers(terminal.id);
      expect(new Set(onServer).size).toBe(onServer.length);
    } finally {
      await again.app.close();
    }
  });

  it('with its anchor removed too: the server’s head stops selling (upload-server-ahead or -differs) and the backoffice shows it', async () => {
    const { rig, numbers } = await sellAndUpload(3);
    const terminal = await terminalOf(rig.pc);
    await rig.close();
    const before = readJournalFile(journalFile(rig.pc));
    const cutFrom = before.findLast((e) => e.kind === 'sale')?.seq ?? 0;
    tamper(rig.pc, (db) => {
      db.prepare('DELETE FROM journal WHERE seq >= ?').run(cutFrom);
      db.exec("DELETE FROM working WHERE key IN ('upload', 'anchor')");
    });

    const service = await startService(rig.pc, new TestClock(rig.clock.now() + 60_000));
    try {
      await service.app.kassa.syncNow(); // the uploader compares with the server's head
      const status = (await service.call<LocalStatus>('GET', '/local/status')).body;
      // Ahead, or differing once the start was journaled after the cut: either stops selling.
      expect(['upload-server-ahead', 'upload-server-differs']).toContain(status.problem?.code);
      const signIn = await service.call('POST', '/local/sign-in', {
        username: `kalle${terminal.registerId.toLowerCase()}`,
        pin: '4711',
      });
      expect(signIn.status).toBe(200);
      const refused = await refusedSale(service);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe(status.problem?.code);
      expect(refused.body.error.sv).toContain('Kassan säljer inte');
      expect(refused.body.error.sv).toContain('kassa restore-journal');
      // The receipt number that was cut off is not issued again.
      const onServer = await serverReceiptNumbers(terminal.id);
      expect(onServer).toEqual(numbers);
      const view = await backoffice(terminal.id);
      expect(view.warnings).toContain('sync-problem');
      expect(['journal-behind-server', 'journal-differs-from-server']).toContain(
        view.sync.problem?.code,
      );
    } finally {
      await service.app.close();
    }
  });
});

/** The register talks to the server at `url` from now on (register.json). */
async function pointAt(pc: Pc, url: string): Promise<void> {
  const file = path.join(pc.home, 'register.json');
  const register = JSON.parse(await readFile(file, 'utf8')) as { url: string };
  await writeFile(file, JSON.stringify({ ...register, url }, null, 2));
}

describe('an older copy of the journal restored (a backup), started with the server slow to answer', () => {
  it('holds the first requests that journal until the server’s head is compared, then refuses the sale: no number is issued twice', async () => {
    const { rig } = await sellAndUpload(2);
    const terminal = await terminalOf(rig.pc);
    const username = `kalle${terminal.registerId.toLowerCase()}`;
    // A backup of the journal file taken while the register runs (its own checkpoint and anchor
    // agree with it: only the server knows that it is old), then one more sale, uploaded.
    const backup = `${journalFile(rig.pc)}.backup`;
    const reader = new Database(journalFile(rig.pc), { readOnly: true });
    try {
      reader.exec(`VACUUM INTO '${backup.replaceAll("'", "''")}'`);
    } finally {
      reader.close();
    }
    await sellCoffee(rig);
    await rig.app.kassa.syncNow();
    await rig.close();
    const numbers = await serverReceiptNumbers(terminal.id);
    expect(numbers).toEqual([1, 2, 3]);
    const restoredHead = readJournalFile(backup).at(-1)?.seq ?? 0;
    for (const suffix of ['', '-wal', '-shm'])
      rmSync(`${journalFile(rig.pc)}${suffix}`, { force: true });
    copyFileSync(backup, journalFile(rig.pc));

    // Between the register and the server, a proxy that holds the server's answers (slow).
    const proxy = await startTcpProxy(server.port);
    await pointAt(rig.pc, proxy.url);
    const service = await startService(rig.pc, new TestClock(rig.clock.now() + 60_000), {
      journalCheckWaitMs: 120_000,
    });
    try {
      const held = proxy.holdAnswers();
      service.app.kassa.startSync(); // as `kassa start` does: the uploader asks for the head
      const signIn = service.call('POST', '/local/sign-in', { username, pin: '4711' });
      const sale = signIn.then(() => refusedSale(service));
      await held; // the server has answered; the register has not seen it yet
      const waiting = readJournalFile(journalFile(rig.pc));
      expect(waiting.filter((e) => e.kind === 'sign-in' && e.seq > restoredHead)).toEqual([]);
      proxy.release();
      expect((await signIn).status).toBe(200);
      const refused = await sale;
      expect(refused.status, JSON.stringify(refused.body)).toBe(409);
      expect(['upload-server-ahead', 'upload-server-differs']).toContain(refused.body.error.code);
      // Nothing was sold on the old copy: receipt 3 exists once, on the server.
      const local = readJournalFile(journalFile(rig.pc));
      expect(local.filter((e) => e.kind === 'line-added' && e.seq > restoredHead)).toEqual([]);
      expect(await serverReceiptNumbers(terminal.id)).toEqual(numbers);
    } finally {
      await service.app.close();
      await proxy.close();
    }
  });
});

/** The journal rewritten whole: one receipt's cashier changed, every hash recomputed. */
function rewriteWhole(pc: Pc, alsoAnchors: boolean): void {
  const entries = readJournalFile(journalFile(pc));
  const firstSale = entries.find((e) => e.kind === 'sale')?.seq;
  const rewritten: JournalEntry[] = [];
  let last: JournalEntry | null = null;
  for (const entry of entries) {
    const event = { kind: entry.kind, data: entry.data } as JournalEvent;
    const by = entry.seq === firstSale ? 'någon-annan' : entry.by;
    last = appendEntry(last, event, entry.at, sha256Hex, by);
    rewritten.push(last);
  }
  tamper(pc, (db) => {
    db.exec('DELETE FROM journal');
    if (alsoAnchors) {
      const head = rewritten.at(-1) as JournalEntry;
      const mark = db.prepare("SELECT value FROM working WHERE key = 'upload'").get() as
        { value: string } | undefined;
      const upload = JSON.parse(mark?.value ?? '{}') as Record<string, unknown>;
      db.prepare("UPDATE working SET value = ? WHERE key = 'upload'").run(
        JSON.stringify({ ...upload, acknowledgedSeq: head.seq, acknowledgedHash: head.hash }),
      );
      db.prepare("UPDATE working SET value = ? WHERE key = 'anchor'").run(
        JSON.stringify({ seq: head.seq, hash: head.hash, at: head.at }),
      );
    }
  });
  // Into the emptied journal through the store, which checks the recomputed chain.
  const store = openJournalStore(journalFile(pc));
  try {
    store.importEntries(rewritten);
  } finally {
    store.close();
  }
  expect(verifyJournal(readJournalFile(journalFile(pc)), sha256Hex).ok).toBe(true);
}

describe('a journal rewritten whole with a recomputed chain', () => {
  it('is refused by its anchor, and doctor says so', async () => {
    const { rig } = await sellAndUpload(2);
    await rig.close();
    rewriteWhole(rig.pc, false);
    const service = await startService(rig.pc, new TestClock(rig.clock.now() + 60_000));
    try {
      const status = (await service.call<LocalStatus>('GET', '/local/status')).body;
      expect(status.problem?.code).toBe('journal-anchor-mismatch');
      expect(status.problem?.sv).toContain('har en annan kontrollsumma');
      expect((await refusedSale(service)).status).toBe(409);
    } finally {
      await service.app.close();
    }
    const doctor = await kassa(rig.pc, ['doctor', '--json']);
    expect(doctor.code).toBe(1);
    const lines = JSON.parse(doctor.stdout) as { lines?: unknown[] } | unknown[];
    const list = (Array.isArray(lines) ? lines : (lines.lines ?? [])) as {
      check: string;
      ok: boolean | null;
      code?: string;
    }[];
    expect(list.find((l) => l.check === 'Journalens ankare')).toMatchObject({
      ok: false,
      code: 'journal-anchor-mismatch',
    });
  });

  it('with its anchors rewritten too: the server’s copy finds it (doctor, selling and the backoffice)', async () => {
    const { rig } = await sellAndUpload(2);
    const terminal = await terminalOf(rig.pc);
    await rig.close();
    rewriteWhole(rig.pc, true);

    const doctor = await kassa(rig.pc, ['doctor']);
    expect(doctor.code).toBe(1);
    expect(doctor.output).toMatch(
      /FEL Journalens ankare: Journalpost \d+ på den här datorn skiljer sig/,
    );

    const service = await startService(rig.pc, new TestClock(rig.clock.now() + 60_000));
    try {
      await service.app.kassa.syncNow();
      const status = (await service.call<LocalStatus>('GET', '/local/status')).body;
      expect(status.problem?.code).toBe('upload-server-differs');
      expect((await refusedSale(service)).status).toBe(409);
      const view = await backoffice(terminal.id);
      expect(view.warnings).toContain('sync-problem');
      expect(view.sync.problem?.code).toBe('journal-differs-from-server');
      expect(view.sync.problem?.sv).toContain('har skrivits om');
      await acknowledge(terminal.id);
    } finally {
      await service.app.close();
    }
  });
});

/**
 * The growth bench: does a register cost the same with a journal of 1,000,000 entries as with
 * 1,000? For each size a connected register (as in the sale bench: the server in-process on
 * PGlite, `kassa connect`, the control-unit simulator on TCP, a printer file) gets a journal of
 * that size built with the journal store's own code (growth-journal.ts: ~400 sales a day, lines,
 * control-unit requests, returns, X and Z each day, and today with 200 sales so far), then:
 * open (the store in a fresh process, and the local service), add line, pay, status, pay with a
 * status polled beside it, X, Z over HTTP on 127.0.0.1, the month's SKVFS 2021:16 export,
 * `kassa status`, and the RSS of a process that opened the journal. Timings are reported as the
 * ratio of each size to the smallest, never judged (bench/README.md).
 */
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildLocalService } from '@kassa/register';
import { exportJournal } from '@kassa/register';
import { type KassaServer, startKassaServer } from '@kassa/register/testing/kassa-server';
import { kassa } from '@kassa/register/testing/register-cli';
import { prepareRegister } from '@kassa/register/testing/register-setup';
import { buildGrowthJournal } from './growth-journal.js';
import { LocalClient } from './http-client.js';
import { since, summarize } from './stats.js';

export interface GrowthBenchOptions {
  readonly sizes: readonly number[];
  readonly rounds: number;
  readonly log: (line: string) => void;
}

/** What one journal size measured (milliseconds unless named otherwise). */
export interface GrowthSample {
  readonly size: number;
  readonly entries: number;
  readonly buildMs: number;
  readonly storeOpenMs: number;
  readonly fullVerifyMs: number;
  readonly rssAfterOpenMb: number;
  readonly rssAfterVerifyMb: number;
  readonly serviceOpenMs: number;
  readonly addLine: number[];
  readonly pay: number[];
  readonly status: number[];
  readonly payBesideStatus: number[];
  readonly x: number[];
  readonly z: number[];
  readonly exportMs: number;
  readonly exportEntries: number;
  readonly kassaStatus: number[];
}

type Sale = { lines: unknown[] };

/** Opens the journal in a fresh process: open time, RSS, whole-chain verification time. */
function openInChild(file: string): Promise<{
  openMs: number;
  verifyMs: number;
  rssOpen: number;
  rssVerify: number;
}> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'growth-open.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', script, file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`growth-open exited ${code}`));
      else resolve(JSON.parse(out) as never);
    });
  });
}

async function measureSize(
  server: KassaServer,
  size: number,
  rounds: number,
  log: (line: string) => void,
): Promise<GrowthSample> {
  log(`[${size}] connecting a register …`);
  const register = await prepareRegister(server, { prefix: 'W' });
  const status = JSON.parse((await kassa(register.pc, ['status', '--json'])).stdout) as {
    terminal?: { id: string };
  };
  const manager = { username: `chef${register.registerId.toLowerCase()}`, pin: '2468' };
  await server.admin.createUser(manager.username, 'manager', {
    pin: manager.pin,
    terminalIds: [status.terminal?.id ?? ''],
  });
  const serviceOptions = {
    folder: register.pc.home,
    env: register.pc.env,
    syncIntervalMs: 0,
    posWebDir: null,
    provisioningCandidates: [],
    controlUnitProbeMs: 0,
    journalCheckWaitMs: 0,
  };
  // The configuration (catalogue, cashiers) first, with the register's own small journal.
  const first = await buildLocalService(serviceOptions);
  const synced = await first.kassa.syncNow();
  await first.close();
  if (synced?.failure) throw new Error(`sync failed: ${synced.failure.code}`);

  const file = path.join(register.pc.home, 'journal.sqlite');
  for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
  log(`[${size}] building a journal of ${size} entries …`);
  let start = performance.now();
  const built = buildGrowthJournal(file, { entries: size, now: Date.now(), todaySales: 200 });
  const buildMs = since(start);
  log(
    `[${size}] ${built.entries} entries over ${built.days} days in ${(buildMs / 1000).toFixed(1)} s`,
  );

  const child = await openInChild(file);
  log(
    `[${size}] store open ${child.openMs.toFixed(1)} ms, whole chain ${child.verifyMs.toFixed(0)} ms`,
  );

  start = performance.now();
  const app = await buildLocalService(serviceOptions);
  const serviceOpenMs = since(start);
  try {
    // The whole chain is verified in the background after open; measure after it is done.
    await new Promise((resolve) => setTimeout(resolve, child.verifyMs * 1.5 + 500));
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const client = new LocalClient(port);
    const poller = new LocalClient(port);
    try {
      const signIn = await client.request('POST', '/local/sign-in', manager);
      if (signIn.status !== 200) throw new Error(`sign-in: ${JSON.stringify(signIn.body)}`);
      const addLine: number[] = [];
      const pay: number[] = [];
      const statusMs: number[] = [];
      const payBesideStatus: number[] = [];
      const x: number[] = [];
      const z: number[] = [];
      const sell = async (i: number, besideStatus: boolean) => {
        let t = performance.now();
        const added = await client.request<Sale>('POST', '/local/sale/lines', {
          articleNumber: 'KAFFE',
        });
        const addMs = since(t);
        if (added.status !== 200) throw new Error(`add line: ${JSON.stringify(added.body)}`);
        const tenders = i % 2 === 0 ? [{ method: 'cash' }] : [{ method: 'card', amount: 3500 }];
        t = performance.now();
        const paying = client.request('POST', '/local/sale/pay', { tenders });
        const polled = besideStatus ? poller.request('GET', '/local/status') : null;
        const paid = await paying;
        const payMs = since(t);
        await polled;
        if (paid.status !== 200) throw new Error(`pay: ${JSON.stringify(paid.body)}`);
        return { addMs, payMs };
      };
      log(`[${size}] ${rounds} rounds of add line, pay, status, X …`);
      for (let i = 0; i < rounds + 3; i += 1) {
        const { addMs, payMs } = await sell(i, false);
        let t = performance.now();
        const s = await client.request('GET', '/local/status');
        const sMs = since(t);
        if (s.status !== 200) throw new Error(`status: ${JSON.stringify(s.body)}`);
        const beside = await sell(i + 1, true);
        t = performance.now();
        const xr = await client.request('POST', '/local/reports/x', {});
        const xMs = since(t);
        if (xr.status !== 200) throw new Error(`X: ${JSON.stringify(xr.body)}`);
        if (i < 3) continue; // warm-up
        addLine.push(addMs);
        pay.push(payMs);
        statusMs.push(sMs);
        payBesideStatus.push(beside.payMs);
        x.push(xMs);
      }
      for (let i = 0; i < Math.max(3, Math.floor(rounds / 5)) + 1; i += 1) {
        const t = performance.now();
        const zr = await client.request('POST', '/local/reports/z', {});
        const zMs = since(t);
        if (zr.status !== 200) throw new Error(`Z: ${JSON.stringify(zr.body)}`);
        if (i > 0) z.push(zMs);
        await sell(i, false); // the next Z has the day's entries to read again
      }
      log(`[${size}] month export, kassa status …`);
      const month = built.today.slice(0, 8);
      start = performance.now();
      const exported = await exportJournal({
        folder: register.pc.home,
        from: `${month}01`,
        to: built.today,
        out: path.join(os.tmpdir(), `growth-export-${size}.xml`),
        cwd: os.tmpdir(),
        exportedBy: 'bench',
        now: Date.now,
      });
      const exportMs = since(start);
      if (!exported.ok) throw new Error(`export: ${exported.failure.code}`);
      await rm(exported.value.file, { force: true });
      const kassaStatus: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const t = performance.now();
        const run = await kassa(register.pc, ['status']);
        if (i > 0) kassaStatus.push(since(t));
        if (run.code !== 0) throw new Error(`kassa status: ${run.output}`);
      }
      return {
        size,
        entries: built.entries,
        buildMs,
        storeOpenMs: child.openMs,
        fullVerifyMs: child.verifyMs,
        rssAfterOpenMb: child.rssOpen / 1e6,
        rssAfterVerifyMb: child.rssVerify / 1e6,
        serviceOpenMs,
        addLine,
        pay,
        status: statusMs,
        payBesideStatus,
        x,
        z,
        exportMs,
        exportEntries: exported.value.entries,
        kassaStatus,
      };
    } finally {
      client.close();
      poller.close();
    }
  } finally {
    await app.close();
    await register.simulator.stop();
    await rm(path.dirname(register.pc.home), { recursive: true, force: true });
  }
}

export async function runGrowthBench(options: GrowthBenchOptions): Promise<GrowthSample[]> {
  options.log('starting the backoffice server (PGlite in memory) …');
  const server = await startKassaServer();
  try {
    const samples: GrowthSample[] = [];
    for (const size of options.sizes) {
      samples.push(await measureSize(server, size, options.rounds, options.log));
    }
    return samples;
  } finally {
    await server.close();
  }
}

const median = (values: readonly number[]) => summarize(values).median;

/** The table: one row per measurement, per size its value and its ratio to the smallest size. */
export function growthReport(samples: readonly GrowthSample[]): string[] {
  const base = samples[0];
  if (base === undefined) return [];
  const rows: [string, (s: GrowthSample) => number, string][] = [
    ['add line (median)', (s) => median(s.addLine), 'ms'],
    ['pay (median)', (s) => median(s.pay), 'ms'],
    ['pay (max)', (s) => summarize(s.pay).max, 'ms'],
    ['status GET /local/status (median)', (s) => median(s.status), 'ms'],
    ['pay with a status polled beside it (max)', (s) => summarize(s.payBesideStatus).max, 'ms'],
    ['X report (median)', (s) => median(s.x), 'ms'],
    ['Z report (median)', (s) => median(s.z), 'ms'],
    ['open: journal store, fresh process', (s) => s.storeOpenMs, 'ms'],
    ['open: local service (kassa start)', (s) => s.serviceOpenMs, 'ms'],
    ['RSS after open (fresh process)', (s) => s.rssAfterOpenMb, 'MB'],
    ['whole chain verified (background)', (s) => s.fullVerifyMs, 'ms'],
    ['RSS after the whole chain', (s) => s.rssAfterVerifyMb, 'MB'],
    [
      'month export, per 1,000 entries',
      (s) => (s.exportMs / Math.max(1, s.exportEntries)) * 1000,
      'ms',
    ],
    ['month export, whole', (s) => s.exportMs, 'ms'],
    ['kassa status (in-process, median)', (s) => median(s.kassaStatus), 'ms'],
  ];
  const header = [
    '',
    ...samples.map((s) => `${s.entries} entries`),
    ...samples.slice(1).map((s) => `× at ${s.size}`),
  ];
  const body = rows.map(([label, value, unit]) => {
    const b = value(base);
    return [
      label,
      ...samples.map((s) => `${value(s).toFixed(value(s) < 10 ? 2 : 1)} ${unit}`),
      ...samples.slice(1).map((s) => (b > 0 ? (value(s) / b).toFixed(2) : '–')),
    ];
  });
  const widths = header.map((_, i) =>
    Math.max(...[header, ...body].map((r) => (r[i] ?? '').length)),
  );
  const line = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    '',
    ...samples.map(
      (s) =>
        `${s.entries} entries: built in ${(s.buildMs / 1000).toFixed(1)} s; month export ${s.exportEntries} entries`,
    ),
  ];
}

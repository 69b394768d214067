/**
 * The sale benchmark: a connected register sells through its local API over real HTTP on
 * loopback, set up like the end-to-end test rig — the backoffice server in-process on PGlite,
 * `kassa connect`, the control-unit simulator on a TCP socket, a printer file that the receipt's
 * ESC/POS bytes are appended to, and the local service (buildLocalService) listening on
 * 127.0.0.1. Each sale adds one line and pays it (cash and card in turn): the pay request signs
 * the receipt with the control unit, journals it (WAL, synchronous=FULL: an fsync) and prints.
 * After each sale one bare fsync'd SQLite insert is timed, the reference for the ratio: after a
 * pause of 5 ms, so that the fsync the register runs right after its answer (the printout's,
 * docs/adr/0013-pay-path-and-its-commits.md) is done and the two never share the disk.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync as Database } from 'node:sqlite';
import {
  buildLocalService,
  createTcpControlUnitDriver,
  tracePaySteps,
  type PayStep,
} from '@kassa/register';
import { startKassaServer } from '@kassa/register/testing/kassa-server';
import { prepareRegister } from '@kassa/register/testing/register-setup';
import { LocalClient } from './http-client.js';
import { openBareInsert } from './sqlite-baseline.js';
import { since } from './stats.js';

export interface SaleBenchOptions {
  readonly warmUpSales: number;
  readonly sales: number;
  /** Progress lines go here. */
  readonly log: (line: string) => void;
}

export interface SaleBenchResult {
  readonly addLine: number[];
  readonly pay: number[];
  readonly sale: number[];
  readonly bareInsert: number[];
  readonly controlUnitRoundTrip: number[];
  readonly printerAppend: number[];
  /** The measured pays, step by step (pay-trace.ts): each interval between two marks, in order. */
  readonly paySteps: { readonly from: string; readonly to: string; readonly samples: number[] }[];
  readonly receiptBytes: number;
  readonly journalEntries: number;
  readonly tempDir: string;
}

type Sale = { lines: unknown[] };
type Paid = { receipt: { receiptNumber: number }; print: { status: string } };

export async function runSaleBench(options: SaleBenchOptions): Promise<SaleBenchResult> {
  const { log } = options;
  log('starting the backoffice server (PGlite in memory) …');
  const server = await startKassaServer();
  try {
    log('connecting a register (kassa connect), starting the control-unit simulator …');
    const register = await prepareRegister(server, { prefix: 'B' });
    const tempDir = path.dirname(register.pc.home);
    // BENCH_CONTROL_UNIT=process: the unit in a process of its own, as a real one is a device
    // of its own (on a loaded 2-core machine its wake-ups cost more than its work saves).
    const unit =
      process.env.BENCH_CONTROL_UNIT === 'process'
        ? await startUnitProcess(register.pc.home, register.registerId)
        : null;
    const unitPort = unit?.port ?? register.simulatorPort;
    const app = await buildLocalService({
      folder: register.pc.home,
      env: register.pc.env,
      syncIntervalMs: 0,
      posWebDir: null,
      provisioningCandidates: [],
      controlUnitProbeMs: 0,
    });
    try {
      const synced = await app.kassa.syncNow();
      if (synced?.failure) throw new Error(`sync failed: ${synced.failure.code}`);
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const client = new LocalClient(port);
      try {
        const signIn = await client.request('POST', '/local/sign-in', register.cashier);
        if (signIn.status !== 200) throw new Error(`sign-in: ${JSON.stringify(signIn.body)}`);

        const addLine: number[] = [];
        const pay: number[] = [];
        const sale: number[] = [];
        const bareInsert: number[] = [];
        const bare = openBareInsert(tempDir);
        const intervals = new Map<string, number[]>();
        const total = options.warmUpSales + options.sales;
        log(`selling ${options.warmUpSales} warm-up sales, then ${options.sales} measured …`);
        for (let i = 0; i < total; i += 1) {
          const saleStart = performance.now();
          const added = await client.request<Sale>('POST', '/local/sale/lines', {
            articleNumber: 'KAFFE',
          });
          const addMs = since(saleStart);
          if (added.status !== 200 || added.body.lines.length !== 1) {
            throw new Error(`add line: ${added.status} ${JSON.stringify(added.body)}`);
          }
          const tenders = i % 2 === 0 ? [{ method: 'cash' }] : [{ method: 'card', amount: 3500 }];
          const marks: [string, number][] = [['request sent', performance.now()]];
          tracePaySteps((step: PayStep) => marks.push([step, performance.now()]));
          const payStart = marks[0]![1];
          const paid = await client.request<Paid>('POST', '/local/sale/pay', { tenders });
          const payMs = since(payStart);
          tracePaySteps(null);
          marks.push(['answer read', performance.now()]);
          if (paid.status !== 200 || paid.body.print.status !== 'printed') {
            throw new Error(`pay: ${paid.status} ${JSON.stringify(paid.body)}`);
          }
          const saleMs = since(saleStart);
          await new Promise((resolve) => setTimeout(resolve, 5));
          const insertMs = bare.measure();
          if (i >= options.warmUpSales) {
            addLine.push(addMs);
            pay.push(payMs);
            sale.push(saleMs);
            bareInsert.push(insertMs);
            marks.forEach(([to, at], k) => {
              if (k === 0) return;
              const [from, before] = marks[k - 1]!;
              const interval = intervals.get(`${from}\n${to}`) ?? [];
              interval.push(at - before);
              intervals.set(`${from}\n${to}`, interval);
            });
          }
        }
        bare.close();
        const paySteps = [...intervals].map(([key, samples]) => {
          const [from = '', to = ''] = key.split('\n');
          return { from, to, samples };
        });

        log('measuring the parts: control-unit round trip, printer append …');
        const controlUnitRoundTrip = await measureControlUnit(unitPort, options.sales);
        const printerAppend = await measurePrinterAppend(
          path.join(tempDir, 'printer-append.bin'),
          options.sales,
        );
        const { size } = await stat(register.printerFile);
        return {
          addLine,
          pay,
          sale,
          bareInsert,
          controlUnitRoundTrip,
          printerAppend,
          paySteps,
          receiptBytes: Math.round(size / total),
          journalEntries: countJournal(register.pc.home),
          tempDir,
        };
      } finally {
        client.close();
      }
    } finally {
      await app.close();
      await register.simulator.stop();
      if (unit !== null) await unit.stop();
    }
  } finally {
    await server.close();
  }
}

/** Starts bench/control-unit-process.ts and points the register's settings at it. */
async function startUnitProcess(
  home: string,
  registerId: string,
): Promise<{ port: number; stop(): Promise<void> }> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'control-unit-process.ts');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', script, `bench-${registerId}`],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const line = text.split('\n')[0];
      if (text.includes('\n') && line !== undefined)
        resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`control-unit process exited (${code})`)));
  });
  const settingsFile = path.join(home, 'settings.json');
  const settings = JSON.parse(await readFile(settingsFile, 'utf8')) as Record<string, unknown>;
  await writeFile(
    settingsFile,
    JSON.stringify({ ...settings, controlUnit: `tcp://127.0.0.1:${port}` }),
  );
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** A CCSP status request to the simulator and its answer, over a fresh driver. */
async function measureControlUnit(port: number, count: number): Promise<number[]> {
  const driver = createTcpControlUnitDriver({ host: '127.0.0.1', port });
  try {
    const samples: number[] = [];
    for (let i = 0; i < count + 10; i += 1) {
      const start = performance.now();
      const answer = await driver.status();
      if (!answer.ok) throw new Error(`control unit status: ${answer.code}`);
      if (i >= 10) samples.push(since(start));
    }
    return samples;
  } finally {
    driver.close();
  }
}

/** Appending ~1.5 kB to a file the way the register prints to a device file (open, write, close). */
async function measurePrinterAppend(file: string, count: number): Promise<number[]> {
  const bytes = new Uint8Array(1500).fill(0x41);
  const samples: number[] = [];
  for (let i = 0; i < count + 10; i += 1) {
    const start = performance.now();
    const handle = await open(file, 'a');
    try {
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
    if (i >= 10) samples.push(since(start));
  }
  return samples;
}

/** How many entries the journal holds (read-only, with node:sqlite directly). */
function countJournal(folder: string): number {
  const db = new Database(path.join(folder, 'journal.sqlite'), { readOnly: true });
  try {
    return (
      (db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number } | undefined)?.n ?? 0
    );
  } finally {
    db.close();
  }
}

/**
 * Crash safety of selling: the register's local service runs as a child process and is killed
 * with SIGKILL (no clean-up, like a power cut of the program) at seeded random points — while a
 * pay or add-line request is under way, or between requests — then restarted on the same data
 * folder, signed in again, and selling goes on until 200 sales are completed. The backoffice
 * server and the control-unit simulator live in the test and survive every kill.
 *
 * After each restart and at the end the journal is read with node:sqlite directly
 * (read-only, independent of the register's code) and checked:
 * - every sale whose pay answered 200 is journaled, with the receipt number and control code
 *   the answer gave;
 * - nothing journaled before was deleted or changed: each check's entries start with the
 *   previous check's, hash for hash (SKVFS 2014:9 6 kap 1 §; docs/spec/sweden-regulation.md §0 item 14);
 * - the hash chain verifies (verifyJournal from @kassa/core with SHA-256);
 * - the receipt numbers are 1..N, no repeat and no gap (SKVFS 2014:9 7 kap 1 § d);
 * - every receipt in the printer file is journaled, with the control code printed on it, and
 *   printed once — nothing that was not completed was printed, and no receipt left the register
 *   without its stored control code (docs/spec/sweden-regulation.md §0 item 21);
 * - a pay that was interrupted either completed (journaled, the sale under construction is
 *   cleared) or left no receipt (nothing journaled or printed, the sale is still there to pay).
 *
 * The kill points are drawn from a seeded generator (KASSA_CRASH_SEED, printed on failure); the
 * outcome of a kill still depends on timing, so a failing seed shows where to look rather than
 * replaying byte for byte.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JournalEntry, type Receipt, verifyJournal } from '@kassa/core';
import { decodeEscPos, escPosText, seededRandom as seeded } from '@kassa/test-kit';
import { startKassaServer, type KassaServer } from './support/kassa-server.js';
import { REPO_ROOT } from './support/register-cli.js';
import { prepareRegister, type PreparedRegister } from './support/register-setup.js';
import { readJournalFile } from './support/selling.js';

const SEED = Number(process.env.KASSA_CRASH_SEED ?? '20261125');
const SALES = 200;
const KILLS = 12;
const SCRIPT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'support',
  'local-service-process.ts',
);

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type KillPoint =
  | { readonly at: 'pay'; readonly delayMs: number }
  | { readonly at: 'add-line'; readonly delayMs: number }
  | { readonly at: 'between' };

/** KILLS distinct attempts (never the first), each with where and when to kill. */
function killPlan(random: () => number): Map<number, KillPoint> {
  const plan = new Map<number, KillPoint>();
  while (plan.size < KILLS) {
    const attempt = 1 + Math.floor(random() * (SALES - 1));
    if (plan.has(attempt)) continue;
    const where = random();
    // 0–30 ms, more often short: a kill must sometimes land inside even a fast pay.
    const delayMs = Math.floor(random() ** 2 * 31);
    plan.set(
      attempt,
      where < 0.6
        ? { at: 'pay', delayMs }
        : where < 0.8
          ? { at: 'add-line', delayMs }
          : { at: 'between' },
    );
  }
  return plan;
}

// ---- The child process ----

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  readonly exited: Promise<void>;
  output(): string;
}

function startChild(register: PreparedRegister, options: { sync?: boolean } = {}): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      SCRIPT,
      register.pc.home,
      ...(options.sync === true ? ['--sync'] : []),
    ],
    { env: register.pc.env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the local service did not start in 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const match = /\{"port":(\d+)\}/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({
          process: child,
          port: Number(match[1]),
          exited,
          output: () => `${stdout}\n${stderr}`,
        });
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the local service exited before it listened:\n${stdout}\n${stderr}`));
    });
  });
}

async function kill(child: Child): Promise<void> {
  child.process.kill('SIGKILL');
  await child.exited;
}

// ---- HTTP, one fresh connection per request ----

interface Answer<T> {
  status: number;
  body: T;
}

function request<T = Record<string, unknown>>(
  port: number,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<Answer<T>> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent: false,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': payload.length }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T });
          } catch {
            reject(new Error(`not JSON (${res.statusCode ?? 0}): ${text.slice(0, 200)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

// ---- Independent reading of the journal and the printer file ----

function readJournal(folder: string): JournalEntry[] {
  return readJournalFile(path.join(folder, 'journal.sqlite'));
}

function salesOf(entries: readonly JournalEntry[]): Receipt[] {
  return entries
    .filter((e) => e.kind === 'sale')
    .map((e) => (e.data as { receipt: Receipt }).receipt);
}

interface Printed {
  readonly receiptNumber: number | null;
  /** The printed text without white space (a long control code wraps over lines). */
  readonly flat: string;
  /** The print ends with a paper cut: the whole receipt reached the printer. */
  readonly complete: boolean;
}

/** The printer file, split at each ESC @ (every receipt starts by initialising the printer). */
async function readPrinted(file: string): Promise<Printed[]> {
  const bytes = await readFile(file);
  const starts: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 1) {
    if (bytes[i] === 0x1b && bytes[i + 1] === 0x40) starts.push(i);
  }
  if (bytes.length > 0) expect(starts[0], 'the printer file starts with ESC @').toBe(0);
  return starts.map((start, index) => {
    const decoded = decodeEscPos(bytes.subarray(start, starts[index + 1] ?? bytes.length));
    const text = escPosText(decoded);
    const number = /(?:^|\s)Kvitto nr\s+(\d+)/m.exec(text);
    return {
      receiptNumber: number ? Number(number[1]) : null,
      flat: text.replace(/\s+/g, ''),
      complete: decoded.cuts.length > 0,
    };
  });
}

// ---- The test ----

let server: KassaServer;
let register: PreparedRegister;
let child: Child | null = null;

beforeAll(async () => {
  server = await startKassaServer();
  register = await prepareRegister(server, { prefix: 'K' });
}, 120_000);

afterAll(async () => {
  if (child !== null) await kill(child);
  await register?.simulator.stop();
  await server?.close();
});

describe('the register killed with SIGKILL while it sells', () => {
  it(`keeps every completed sale, numbers 1..${SALES} unbroken, and prints nothing it did not journal`, async () => {
    const random = seeded(SEED);
    const plan = killPlan(random);
    const why = (text: string) => `seed ${SEED}: ${text}`;

    /** Pays that answered 200: receipt number → control code. */
    const answered = new Map<number, string>();
    let completed = 0;
    let kills = 0;
    let interruptedPays = 0;
    let interruptedCompleted = 0;
    let previous: JournalEntry[] = [];
    let restartMs = 0;
    const testStart = performance.now();

    async function signIn(port: number): Promise<void> {
      const signedIn = await request(port, 'POST', '/local/sign-in', register.cashier);
      expect(signedIn.status, why(JSON.stringify(signedIn.body))).toBe(200);
    }

    /** Every check of the file comment, against what the test knows so far. */
    async function check(): Promise<void> {
      const entries = readJournal(register.pc.home);
      const verified = verifyJournal(entries, sha256);
      expect(verified.ok, why(`hash chain: ${JSON.stringify(verified)}`)).toBe(true);
      expect(
        entries.slice(0, previous.length).map((e) => e.hash),
        why('the journal read before is unchanged, entry for entry'),
      ).toEqual(previous.map((e) => e.hash));
      previous = entries;

      const sales = salesOf(entries);
      expect(
        sales.map((r) => r.receiptNumber),
        why('receipt numbers 1..N in journal order'),
      ).toEqual(Array.from({ length: sales.length }, (_, i) => i + 1));
      expect(sales.length, why('journaled sales = completed sales')).toBe(completed);
      for (const receipt of sales) {
        expect(receipt.controlCode, why(`control code of ${receipt.receiptNumber}`)).toMatch(/\S/);
        expect(receipt.controlUnitSerial).toBe(register.simulator.serialNumber);
      }
      const byNumber = new Map(sales.map((r) => [r.receiptNumber, r]));
      for (const [number, controlCode] of answered) {
        expect(byNumber.get(number)?.controlCode, why(`answered receipt ${number}`)).toBe(
          controlCode,
        );
      }

      const printed = await readPrinted(register.printerFile);
      const seen = new Set<number>();
      for (const print of printed) {
        if (print.receiptNumber === null) {
          // Only a print cut short by a kill may lack its number.
          expect(print.complete, why('a whole print shows its receipt number')).toBe(false);
          continue;
        }
        const receipt = byNumber.get(print.receiptNumber);
        expect(receipt, why(`printed receipt ${print.receiptNumber} is journaled`)).toBeDefined();
        expect(seen.has(print.receiptNumber), why(`${print.receiptNumber} printed once`)).toBe(
          false,
        );
        seen.add(print.receiptNumber);
        if (print.complete) {
          expect(print.flat, why(`control code on receipt ${print.receiptNumber}`)).toContain(
            receipt?.controlCode ?? '?',
          );
        }
      }
      expect(printed.filter((p) => !p.complete).length).toBeLessThanOrEqual(kills);
      for (const number of answered.keys()) {
        expect(seen.has(number), why(`answered receipt ${number} was printed`)).toBe(true);
      }
    }

    async function restart(): Promise<Child> {
      if (child !== null) await kill(child);
      child = null;
      kills += 1;
      const startAt = performance.now();
      const started = await startChild(register);
      restartMs += performance.now() - startAt;
      if (process.env.KASSA_CRASH_LOG === '1') {
        console.info(
          `kill ${kills} at sale ${completed + 1}, restarted in ${Math.round(performance.now() - startAt)} ms`,
        );
      }
      child = started;
      await signIn(started.port);
      return started;
    }

    // The first start pulls the cashiers and the catalogue; restarts work offline from them.
    let current = await startChild(register, { sync: true });
    child = current;
    await signIn(current.port);
    await check();

    for (let attempt = 0; completed < SALES; attempt += 1) {
      expect(attempt, why('too many attempts')).toBeLessThan(SALES + 3 * KILLS);
      const port = current.port;
      const point = plan.get(attempt);
      const sale = await request<{ lines: unknown[]; total: number }>(port, 'GET', '/local/sale');
      expect(sale.status).toBe(200);
      expect(sale.body.lines.length, why('a sale has at most its one line')).toBeLessThanOrEqual(1);

      if (sale.body.lines.length === 0) {
        const adding = request<{ lines: unknown[] }>(port, 'POST', '/local/sale/lines', {
          articleNumber: 'KAFFE',
        });
        if (point?.at === 'add-line') {
          const victim = current;
          setTimeout(() => victim.process.kill('SIGKILL'), point.delayMs);
          await adding.catch(() => undefined);
          current = await restart();
          await check();
          continue;
        }
        const added = await adding;
        expect(added.status, why(JSON.stringify(added.body))).toBe(200);
      }
      if (point?.at === 'between') {
        current = await restart();
        await check();
        continue;
      }

      const tenders =
        completed % 2 === 0 ? [{ method: 'cash' }] : [{ method: 'card', amount: 3500 }];
      const paying = request<{ receipt: { receiptNumber: number; controlCode: string } }>(
        port,
        'POST',
        '/local/sale/pay',
        { tenders },
      );
      if (point?.at !== 'pay') {
        const paid = await paying;
        expect(paid.status, why(JSON.stringify(paid.body))).toBe(200);
        expect(paid.body.receipt.receiptNumber).toBe(completed + 1);
        answered.set(paid.body.receipt.receiptNumber, paid.body.receipt.controlCode);
        completed += 1;
        continue;
      }

      const victim = current;
      setTimeout(() => victim.process.kill('SIGKILL'), point.delayMs);
      const paid = await paying.catch(() => null);
      const expectedNumber = completed + 1;
      if (paid?.status === 200) {
        // The answer beat the kill.
        expect(paid.body.receipt.receiptNumber).toBe(expectedNumber);
        answered.set(expectedNumber, paid.body.receipt.controlCode);
        completed += 1;
        current = await restart();
        await check();
        continue;
      }
      expect(paid, why(`pay answered ${JSON.stringify(paid?.body)}`)).toBeNull();
      interruptedPays += 1;
      current = await restart();
      // Either completed or left no receipt: decide from the journal, then check both sides.
      const sales = salesOf(readJournal(register.pc.home));
      expect(sales.length, why('at most the interrupted receipt is new')).toBeGreaterThanOrEqual(
        completed,
      );
      expect(sales.length).toBeLessThanOrEqual(expectedNumber);
      const after = await request<{ lines: unknown[] }>(current.port, 'GET', '/local/sale');
      if (sales.length === expectedNumber) {
        const receipt = sales[expectedNumber - 1];
        expect(receipt?.payments.map((p) => p.method)).toEqual([tenders[0]?.method]);
        expect(receipt?.total).toBe(3500);
        expect(after.body.lines, why('a completed sale is cleared')).toEqual([]);
        completed += 1;
        interruptedCompleted += 1;
      } else {
        expect(after.body.lines, why('an uncompleted sale is still there')).toHaveLength(1);
        const printed = await readPrinted(register.printerFile);
        expect(
          printed.some((p) => p.receiptNumber === expectedNumber),
          why(`receipt ${expectedNumber} not printed`),
        ).toBe(false);
      }
      await check();
    }

    await check();
    const final = salesOf(readJournal(register.pc.home));
    expect(final.map((r) => r.receiptNumber)).toEqual(
      Array.from({ length: SALES }, (_, i) => i + 1),
    );
    expect(kills).toBe(KILLS);
    // The run exercised both outcomes of an interrupted pay, or it proved less than it says.
    console.info(
      `crash test seed ${SEED}: ${kills} kills, ${interruptedPays} pays interrupted ` +
        `(${interruptedCompleted} had completed), ${answered.size} pays answered; ` +
        `${Math.round((performance.now() - testStart) / 1000)} s, of which restarts ` +
        `${Math.round(restartMs / 1000)} s`,
    );
    expect(interruptedPays).toBeGreaterThan(0);
  }, 240_000);
});

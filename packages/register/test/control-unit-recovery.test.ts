/**
 * The control unit's answer lost, late, malformed, or the register killed while it waits — on
 * real parts: the register's local service, the CCSP simulator over a real socket (which can
 * register a receipt and lose its answer, die mid-request, or answer malformed fields, and lists
 * what it registered), the SQLite journal read independently, and for the kill a real local
 * service process ended with SIGKILL.
 *
 * What is shown (docs/protocols/control-unit.md "Lost answers", "Replies", "Amounts"; ADR 7):
 * - every request to the unit is journaled before it is sent, its outcome after;
 * - after an unknown outcome no receipt number is ever registered with two different contents
 *   (checked on the unit's side): the same sale resends the identical request, another sale
 *   skips the number with the gap journaled;
 * - a malformed answer (10-character control code, 5-character serial) blocks the sale with
 *   `control-unit-answer-invalid`, journals the fault, prints and journals no receipt;
 * - cash sales and returns send one amount rule: the unrounded total, its magnitude as the
 *   return amount (was `-30,00#29,90`-style: rounded total, unrounded return amount).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type JournalEntry, verifyNumbering } from '@kassa/core';
import type { ReceiptResult, SaleView } from '@kassa/contracts';
import type { ControlUnitSimulator } from '../src/index.js';
import { startKassaServer, type KassaServer } from './support/kassa-server.js';
import { REPO_ROOT, exportedJournalXml } from './support/register-cli.js';
import { prepareRegister, type PreparedRegister } from './support/register-setup.js';
import {
  readJournal,
  readJournalFile,
  startSellingRig,
  type SellingRig,
} from './support/selling.js';

type Request = Extract<JournalEntry, { kind: 'control-unit-request' }>;

/** Numbers the unit registered with more than one content (must stay empty). */
function numbersWithTwoContents(simulator: ControlUnitSimulator): string[] {
  const contents = new Map<string, Set<string>>();
  for (const s of simulator.signed) {
    const key = `${s.registerId}/${s.receiptType}/${s.receiptNumber}`;
    contents.set(key, (contents.get(key) ?? new Set()).add(s.content));
  }
  return [...contents].filter(([, set]) => set.size > 1).map(([key]) => key);
}

/** The unit's registrations of one normal receipt number. */
function signedAs(simulator: ControlUnitSimulator, receiptNumber: number): string[] {
  return simulator.signed
    .filter((s) => s.receiptType === 'normal' && s.receiptNumber === String(receiptNumber))
    .map((s) => s.content);
}

/** The journal entries about one receipt number of the sale/return series, in order. */
function historyOf(entries: readonly JournalEntry[], receiptNumber: number): string[] {
  return entries.flatMap((e) => {
    if (e.kind === 'control-unit-request' && e.data.receiptNumber === receiptNumber) {
      return [e.data.resend ? 'request (resend)' : 'request'];
    }
    if (e.kind === 'control-unit-answer' && e.data.receiptNumber === receiptNumber) {
      return [`answer ${e.data.outcome} ${e.data.code}`];
    }
    if (e.kind === 'receipt-number-skipped' && e.data.receiptNumber === receiptNumber) {
      return [`skipped ${e.data.reason}`];
    }
    if (
      (e.kind === 'sale' || e.kind === 'return') &&
      e.data.receipt.receiptNumber === receiptNumber
    ) {
      return [e.kind];
    }
    return [];
  });
}

function requestsOf(entries: readonly JournalEntry[], receiptNumber: number): Request['data'][] {
  return entries
    .filter((e): e is Request => e.kind === 'control-unit-request')
    .filter((e) => e.data.series === 'receipt' && e.data.receiptNumber === receiptNumber)
    .map((e) => e.data);
}

describe('the control unit loses its answer, dies, or answers malformed fields', () => {
  let rig: SellingRig;

  beforeAll(async () => {
    rig = await startSellingRig();
    await rig.signIn('kalle', '4711');
  }, 60_000);

  afterAll(async () => {
    await rig?.close();
  });

  async function sell(articles: readonly string[]): Promise<number> {
    await rig.call('DELETE', '/local/sale');
    for (const articleNumber of articles) {
      const added = await rig.call('POST', '/local/sale/lines', { articleNumber });
      expect(added.status, JSON.stringify(added.body)).toBe(200);
    }
    return (await rig.call<SaleView>('GET', '/local/sale')).body.total;
  }

  const pay = (amount: number) =>
    rig.call<ReceiptResult & { error?: { code: string; sv: string } }>('POST', '/local/sale/pay', {
      tenders: [{ method: 'card', amount }],
    });

  const nextNumber = () => {
    const sales = readJournal(rig).filter((e) => e.kind === 'sale' || e.kind === 'return');
    const skipped = readJournal(rig).filter((e) => e.kind === 'receipt-number-skipped');
    return sales.length + skipped.length + 1;
  };

  it('answer lost after signing, then another sale: the number is skipped and journaled, never signed with other data', async () => {
    const first = await sell(['KAFFE', 'BULLE']); // 64,50
    const number = nextNumber();
    rig.simulator.setMode('lost-answer');
    const lost = await pay(first);
    rig.simulator.setMode('normal');
    expect(lost.status).toBe(503);
    expect(lost.body.error?.code).toBe('control-unit-unreachable');
    expect(signedAs(rig.simulator, number)).toHaveLength(1); // the unit did register it

    let entries = readJournal(rig);
    expect(historyOf(entries, number)).toEqual(['request', 'answer unknown control-unit-timeout']);
    const [request] = requestsOf(entries, number);
    expect(request).toMatchObject({ receiptType: 'normal', total: first, returnTotal: 0 });
    expect(request?.vat.map((v) => v.rate).sort()).toEqual([1200, 600].sort());

    // The customer takes a mug as well: another content, so the number is not sent again.
    const second = await sell(['KAFFE', 'BULLE', 'MUGG']);
    const paid = await pay(second);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.receiptNumber).toBe(number + 1);
    entries = readJournal(rig);
    expect(historyOf(entries, number)).toEqual([
      'request',
      'answer unknown control-unit-timeout',
      'skipped content-changed',
    ]);
    expect(historyOf(entries, number + 1)).toEqual(['request', 'sale']);
    expect(numbersWithTwoContents(rig.simulator)).toEqual([]);
    expect(signedAs(rig.simulator, number + 1)).toHaveLength(1);
    expect(verifyNumbering(entries).ok).toBe(true);
  }, 30_000);

  it('answer lost, the same sale paid again: the identical request is resent after a status query and the receipt keeps its number and time', async () => {
    const total = await sell(['MUGG']);
    const number = nextNumber();
    rig.simulator.setMode('lost-answer');
    expect((await pay(total)).status).toBe(503);
    rig.simulator.setMode('normal');
    rig.clock.advance(3 * 60_000); // the second attempt is minutes later
    const before = rig.simulator.exchanges.length;
    const paid = await pay(total);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.receiptNumber).toBe(number);

    const entries = readJournal(rig);
    expect(historyOf(entries, number)).toEqual([
      'request',
      'answer unknown control-unit-timeout',
      'request (resend)',
      'sale',
    ]);
    const [first, again] = requestsOf(entries, number);
    expect({ ...again, resend: false }).toEqual(first);
    expect(paid.body.receipt.issuedAt).toBe(first?.issuedAt);
    // Asked before going on: a status query precedes the resent receipt.
    const after = rig.simulator.exchanges.slice(before).map((e) => e.request.split('#')[0]);
    expect(after.indexOf('SIQ')).toBeGreaterThanOrEqual(0);
    expect(after.indexOf('SIQ')).toBeLessThan(after.indexOf('RR'));
    // The unit holds the number twice, with the same data: never two contents.
    expect(new Set(signedAs(rig.simulator, number)).size).toBe(1);
    expect(numbersWithTwoContents(rig.simulator)).toEqual([]);
  }, 30_000);

  it('the unit dies mid-request (registers, then drops the connection): outcome unknown, then the identical request', async () => {
    const total = await sell(['BOK']);
    const number = nextNumber();
    rig.simulator.setMode('die');
    const died = await pay(total);
    rig.simulator.setMode('normal');
    expect(died.status, JSON.stringify(died.body)).toBe(503);
    expect(historyOf(readJournal(rig), number)).toEqual([
      'request',
      'answer unknown control-unit-unreachable',
    ]);
    const paid = await pay(total);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.receiptNumber).toBe(number);
    expect(numbersWithTwoContents(rig.simulator)).toEqual([]);
  }, 30_000);

  it('the unit unplugged: payment blocked; when it is back the same sale gets the same number, sent once per content', async () => {
    const total = await sell(['KAFFE']);
    const number = nextNumber();
    await rig.simulator.stop();
    try {
      const down = await pay(total);
      expect(down.status, JSON.stringify(down.body)).toBe(503);
      const again = await pay(total); // now without any connection
      expect(again.status, JSON.stringify(again.body)).toBe(503);
    } finally {
      await rig.simulator.start(rig.simulatorPort, '127.0.0.1');
    }
    const history = historyOf(readJournal(rig), number);
    expect(history[0]).toBe('request');
    // The first attempt went out on the connection the unit had just closed: whether its bytes
    // left is unknown, so it is unknown; a request that never found a connection is 'not-sent'.
    expect(history.slice(1).every((h) => /^answer (unknown|not-sent) /.test(h))).toBe(true);
    const paid = await pay(total);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.receiptNumber).toBe(number);
    expect(numbersWithTwoContents(rig.simulator)).toEqual([]);
  }, 30_000);

  it.each([
    ['a 10-character control code', { controlCode: 'ABCDEFGHIJ' }, 'kontrollkod'],
    ['a 5-character unit serial', { serialNumber: 'SIM-1' }, 'tillverkningsnummer'],
  ])(
    'a malformed answer (%s) blocks the sale with a stable code, journals the fault, and is never a receipt',
    async (_what, fields, word) => {
      const total = await sell(['BULLE']);
      const number = nextNumber();
      const sales = readJournal(rig).filter((e) => e.kind === 'sale').length;
      await rig.takePrinted();
      rig.simulator.setMalformedAnswer(fields);
      const refused = await pay(total);
      rig.simulator.setMalformedAnswer(null);
      expect(refused.status, JSON.stringify(refused.body)).toBe(502);
      expect(refused.body.error?.code).toBe('control-unit-answer-invalid');
      expect(refused.body.error?.sv).toContain(word);
      expect(refused.body.error?.sv).toContain('inget kvitto');
      let entries = readJournal(rig);
      expect(entries.filter((e) => e.kind === 'sale')).toHaveLength(sales);
      expect(historyOf(entries, number)).toEqual([
        'request',
        'answer unknown control-unit-reply-malformed',
      ]);
      expect(entries.at(-1)).toMatchObject({
        kind: 'control-unit-fault',
        data: { code: 'control-unit-reply-malformed' },
      });
      expect((await rig.takePrinted()).length).toBe(0);

      // A good answer again: the same receipt goes out with a well-formed code and serial.
      const paid = await pay(total);
      expect(paid.status, JSON.stringify(paid.body)).toBe(200);
      expect(paid.body.receipt.receiptNumber).toBe(number);
      expect(paid.body.receipt.controlCode).toHaveLength(59);
      expect(paid.body.receipt.controlUnitSerial).toHaveLength(17);
      entries = readJournal(rig);
      expect(historyOf(entries, number).at(-1)).toBe('sale');
      expect(numbersWithTwoContents(rig.simulator)).toEqual([]);
    },
    30_000,
  );

  it('sends cash sales and cash returns by one rule: the unrounded total, its magnitude as the return amount', async () => {
    await sell(['BULLE']); // 29,50: cash rounds it to 30,00
    const sold = await rig.call<ReceiptResult>('POST', '/local/sale/pay', {
      tenders: [{ method: 'cash', tendered: 5000 }],
    });
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
    expect(sold.body.receipt.totalToPay).toBe(3000);
    const amountsSent = () => {
      const rr = rig.simulator.exchanges.filter((e) => e.request.startsWith('RR#')).at(-1);
      const fields = rr?.request.split('#') ?? [];
      return `${fields[6]}#${fields[7]}`;
    };
    expect(amountsSent()).toBe('29,50#0,00');
    const returned = await rig.call<ReceiptResult>('POST', '/local/returns', {
      originalReceiptNumber: sold.body.receipt.receiptNumber,
      items: [{ lineNo: 1, quantity: 1 }],
      refunds: [{ method: 'cash' }],
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body.receipt.totalToPay).toBe(-3000);
    expect(amountsSent()).toBe('-29,50#29,50');
    const [request] = requestsOf(readJournal(rig), returned.body.receipt.receiptNumber);
    expect(request).toMatchObject({ total: -2950, returnTotal: 2950 });
  }, 30_000);

  it('exports the requests, outcomes and skipped numbers to SKVFS 2021:16 XML that validates', async () => {
    const text = await exportedJournalXml(rig.pc, '2026-11-25');
    expect(text).toContain('Kvitto skickat till kontrollenheten');
    expect(text).toContain('Kvitto skickat igen till kontrollenheten');
    expect(text).toContain('Okänt svar från kontrollenheten');
    expect(text).toContain('Löpnummer överhoppat');
  }, 60_000);
});

// ---- The register killed with SIGKILL while it waits for the unit ----

const SCRIPT = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'support',
  'local-service-process.ts',
);

interface Child {
  readonly process: ChildProcess;
  readonly port: number;
  readonly exited: Promise<void>;
}

function startChild(register: PreparedRegister, sync: boolean): Promise<Child> {
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      SCRIPT,
      register.pc.home,
      ...(sync ? ['--sync'] : []),
    ],
    { env: register.pc.env, cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /\{"port":(\d+)\}/.exec(output);
      if (match) resolve({ process: child, port: Number(match[1]), exited });
    });
    void exited.then(() => reject(new Error(`the local service exited:\n${output}`)));
  });
}

function request<T>(port: number, method: 'GET' | 'POST', url: string, body?: unknown) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise<{ status: number; body: T }>((resolve, reject) => {
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
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the register killed with SIGKILL while it waits for the control unit', () => {
  let server: KassaServer;
  let register: PreparedRegister;
  let child: Child | null = null;

  beforeAll(async () => {
    server = await startKassaServer();
    register = await prepareRegister(server, { prefix: 'W' });
  }, 120_000);

  afterAll(async () => {
    if (child !== null) {
      child.process.kill('SIGKILL');
      await child.exited;
    }
    await register?.simulator.stop();
    await server?.close();
  });

  it('finds the request without an outcome at start, journals it as unknown, asks the unit, and resends it identically', async () => {
    const journal = () => readJournalFile(path.join(register.pc.home, 'journal.sqlite'));
    child = await startChild(register, true);
    const signIn = async (port: number) =>
      expect((await request(port, 'POST', '/local/sign-in', register.cashier)).status).toBe(200);
    await signIn(child.port);
    expect(
      (await request(child.port, 'POST', '/local/sale/lines', { articleNumber: 'KAFFE' })).status,
    ).toBe(200);

    // The unit registers the receipt and keeps its answer; the register is killed waiting.
    register.simulator.setMode('lost-answer');
    const paying = request(child.port, 'POST', '/local/sale/pay', {
      tenders: [{ method: 'card', amount: 3500 }],
    }).catch(() => null);
    await vi.waitFor(() => expect(register.simulator.signed).toHaveLength(1), {
      timeout: 10_000,
      interval: 5,
    });
    child.process.kill('SIGKILL');
    await child.exited;
    child = null;
    expect(await paying).toBeNull();
    register.simulator.setMode('normal');

    let entries = journal();
    expect(entries.at(-1)?.kind).toBe('control-unit-request');
    expect(historyOf(entries, 1)).toEqual(['request']);

    child = await startChild(register, false);
    await signIn(child.port);
    const sale = await request<SaleView>(child.port, 'GET', '/local/sale');
    expect(sale.body.lines).toHaveLength(1); // the sale under construction survived
    const paid = await request<ReceiptResult>(child.port, 'POST', '/local/sale/pay', {
      tenders: [{ method: 'card', amount: 3500 }],
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.receipt.receiptNumber).toBe(1);

    entries = journal();
    expect(historyOf(entries, 1)).toEqual([
      'request',
      'answer unknown register-stopped',
      'request (resend)',
      'sale',
    ]);
    const [first, again] = requestsOf(entries, 1);
    expect({ ...again, resend: false }).toEqual(first);
    expect(signedAs(register.simulator, 1)).toHaveLength(2);
    expect(numbersWithTwoContents(register.simulator)).toEqual([]);
  }, 120_000);
});

/**
 * Scale: a register offline for a week, and a server killed mid-ingest.
 *
 * The backoffice server runs as a real child process on PostgreSQL (DATABASE_URL, as CI sets it,
 * or a throwaway cluster), behind a TCP proxy so the register keeps one address while the
 * process is killed (SIGKILL) and started again. The register is connected with `kassa connect`;
 * its journal file is filled through JournalStore.append with real core receipts (control codes,
 * hash chain), and the register's own JournalUploader drains it in the background.
 *
 * 1. A week offline: 5,000 sales (and returns, and a Z each day) while the server cannot be
 *    reached; on reconnection everything arrives exactly once.
 * 2. Killed mid-ingest while two registers upload: V1's ingest has inserted its batch's journal
 *    entries and waits on a lock the test holds; V2's batch is committed but its answer is still
 *    on the way back (the proxy holds it). One SIGKILL: nothing of V1's batch is stored, V2's is;
 *    after the restart the uploaders' retries store V1's batch once and V2's resent batch is
 *    taken as a retry.
 *
 * Each time the server's copy is the local journal exactly (seq, hash, chain) and the sales
 * reports by day, payment method and VAT rate equal a replay of the journal file.
 */
import { seededRandom } from '@kassa/test-kit';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type JournalEntry,
  type Receipt,
  type Tender,
  addLine,
  buildReturnReceipt,
  buildSaleReceipt,
  buildZReport,
  businessDayOf,
  createSale,
  ore,
  priceSale,
  receiptEvent,
  withControlCode,
} from '@kassa/core';
import { createEnvironment } from '@kassa/server';
import { loadInstallation } from '../src/index.js';
import {
  openJournalStore,
  type JournalStore,
  type PendingEvent,
} from '../src/selling/journal-store.js';
import { JournalUploader } from '../src/sync/uploader.js';
import { ADMIN_PASSWORD } from './support/kassa-server.js';
import { kassa, newPc } from './support/register-cli.js';
import {
  createTestPostgres,
  startServerProcess,
  type ServerProcess,
  type TestPostgres,
} from './support/server-process.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

const ZONE = 'Europe/Stockholm';
const SLUG = 'vecka';
const COMPANY = 'Veckobutiken AB';
/** Monday to Sunday; summer time starts on the Sunday. */
const WEEK = [
  '2026-03-23',
  '2026-03-24',
  '2026-03-25',
  '2026-03-26',
  '2026-03-27',
  '2026-03-28',
  '2026-03-29',
];

interface Article {
  articleNumber: string;
  text: string;
  vatCategory: 'standard' | 'food' | 'restaurant' | 'reduced' | 'exempt';
  price: number;
}

const ARTICLES: Article[] = [
  { articleNumber: 'KAFFE', text: 'Bryggkaffe', vatCategory: 'restaurant', price: 3500 },
  { articleNumber: 'BULLE', text: 'Kanelbulle', vatCategory: 'food', price: 2950 },
  { articleNumber: 'MUGG', text: 'Kaffemugg Åre', vatCategory: 'standard', price: 14900 },
  { articleNumber: 'BOK', text: 'Kokbok', vatCategory: 'reduced', price: 24900 },
  { articleNumber: 'FRIM', text: 'Frimärke', vatCategory: 'exempt', price: 1800 },
];

/**
 * The register's selling, straight into its journal file through JournalStore.append: finished
 * sales with their control codes, as the register's engine journals them. The engine appends
 * each sale in its own fsync'd transaction; here one append holds the sales of a quarter of an
 * hour (each receipt keeps its own time), which spares the test thousands of fsyncs and changes
 * nothing in the entries' chain.
 */
class Till {
  private readonly random: () => number;
  private controlCodes = 0;
  private nextReceipt = 1;
  sales = 0;

  constructor(
    private readonly store: JournalStore,
    private readonly registerId: string,
    seed: number,
  ) {
    this.random = seededRandom(seed);
  }

  private append(events: PendingEvent[], at: string): void {
    if (events.length === 0) return;
    this.store.append(events, at);
    this.nextReceipt = this.store.nextNumber('receipt');
  }

  private signed(receipt: Receipt): Receipt {
    this.controlCodes += 1;
    return withControlCode(receipt, {
      serialNumber: `CCSE00000000000${this.registerId}`,
      controlCode: `KK${String(this.controlCodes).padStart(8, '0')}`,
    });
  }

  private header() {
    return {
      companyName: COMPANY,
      organisationNumber: '559999-0008',
      placeOfSaleAddress: 'Storgatan 1, 111 22 Stockholm',
      registerId: this.registerId,
      delivery: 'paper' as const,
    };
  }

  /** One sale of one to three articles, paid in cash, by card or by Swish. */
  private sell(at: string): Receipt {
    let sale = createSale(businessDayOf(Date.parse(at), ZONE), 'take-away');
    const lines = 1 + Math.floor(this.random() * 3);
    for (let i = 0; i < lines; i += 1) {
      const a = ARTICLES[Math.floor(this.random() * ARTICLES.length)] ?? ARTICLES[0];
      if (a === undefined) throw new Error('no articles');
      const added = addLine(sale, {
        lineId: `l${i + 1}`,
        articleNumber: a.articleNumber,
        text: a.text,
        itemType: 'good',
        vatCategory: a.vatCategory,
        pricing: { unit: 'piece', unitPrice: ore(a.price), quantity: 1 + (i % 2) },
      });
      if (!added.ok) throw new Error(`addLine: ${added.code}`);
      sale = added.value;
    }
    const priced = priceSale(sale);
    if (!priced.ok) throw new Error(`priceSale: ${priced.code}`);
    const roll = this.random();
    const tenders: Tender[] =
      roll < 0.35
        ? [{ method: 'cash' }]
        : roll < 0.85
          ? [{ method: 'card', amount: priced.value.total }]
          : [{ method: 'swish', amount: priced.value.total }];
    const built = buildSaleReceipt(
      { header: this.header(), receiptNumber: this.nextReceipt, issuedAt: at },
      priced.value,
      tenders,
    );
    if (!built.ok) throw new Error(`buildSaleReceipt: ${built.code}`);
    this.nextReceipt += 1;
    this.sales += 1;
    return this.signed(built.value);
  }

  /** Takes back the first line of `original` (one piece), refunded in cash. */
  private giveBack(at: string, original: Receipt): Receipt {
    const built = buildReturnReceipt(
      {
        header: this.header(),
        receiptNumber: this.nextReceipt,
        issuedAt: at,
        businessDay: businessDayOf(Date.parse(at), ZONE),
      },
      original,
      [],
      [{ lineNo: 1, quantity: 1 }],
      [{ method: 'cash' }],
    );
    if (!built.ok) throw new Error(`buildReturnReceipt: ${built.code}`);
    this.nextReceipt += 1;
    return this.signed(built.value);
  }

  /**
   * A business day: the program starts, a cashier signs in, `sales` sales between 06:00 and
   * 16:00 UTC (about one in a hundred followed by a return of the one before), the Z at 16:30.
   */
  day(day: string, sales: number): void {
    const by = 'kalle';
    const open = Date.parse(`${day}T06:00:00.000Z`);
    const iso = (ms: number) => new Date(ms).toISOString();
    this.append(
      [
        { event: { kind: 'register-started', data: { programVersion: '0.1.0' } } },
        { event: { kind: 'sign-in', data: { cashierId: by } }, by },
      ],
      iso(open),
    );
    const spacing = Math.floor((10 * 3_600_000) / sales);
    const quarter = 15 * 60_000;
    let pending: PendingEvent[] = [];
    let lastAt = open;
    let previous: Receipt | null = null;
    for (let i = 0; i < sales; i += 1) {
      const when = open + 1_000 + i * spacing;
      if (Math.floor(when / quarter) !== Math.floor(lastAt / quarter)) {
        this.append(pending, iso(lastAt));
        pending = [];
      }
      const receipt = this.sell(iso(when));
      pending.push({ event: receiptEvent(receipt), by });
      lastAt = when;
      if (previous !== null && this.random() < 0.01) {
        lastAt = when + 500;
        pending.push({ event: receiptEvent(this.giveBack(iso(lastAt), previous)), by });
      }
      previous = receipt;
    }
    this.append(pending, iso(lastAt));
    const z = buildZReport(this.store.entries(), day, ZONE, {
      identity: {
        companyName: COMPANY,
        organisationNumber: '559999-0008',
        registerId: this.registerId,
      },
      producedAt: `${day}T16:30:00.000Z`,
    });
    if (!z.ok) throw new Error(`buildZReport: ${z.code}`);
    this.append(
      [
        { event: { kind: 'z-report', data: { report: z.value } }, by },
        { event: { kind: 'sign-out', data: { cashierId: by } }, by },
      ],
      `${day}T16:30:00.000Z`,
    );
  }
}

type Sums = Record<string, { count: number; returnCount: number; gross: number; vat: number }>;

function add(sums: Sums, key: string, kind: string, gross: number, vat: number): void {
  const row = (sums[key] ??= { count: 0, returnCount: 0, gross: 0, vat: 0 });
  if (kind === 'sale') row.count += 1;
  else row.returnCount += 1;
  row.gross += gross;
  row.vat += vat;
}

/** The sales figures of a replay of the journal: per day, payment method and VAT rate. */
function replay(entries: readonly JournalEntry[]) {
  const day: Sums = {};
  const payment: Sums = {};
  const vat: Sums = {};
  for (const entry of entries) {
    if (entry.kind !== 'sale' && entry.kind !== 'return') continue;
    const r = entry.data.receipt;
    add(
      day,
      r.businessDay,
      r.kind,
      r.total,
      r.vat.reduce((s, v) => s + v.vat, 0),
    );
    for (const p of r.payments) add(payment, p.method, r.kind, p.amount, 0);
    for (const v of r.vat) add(vat, String(v.rate), r.kind, v.gross, v.vat);
  }
  return { day, payment, vat };
}

interface ReportRow {
  key: string;
  count: number;
  returnCount: number;
  gross: number;
  vat: number | null;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 120_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A connected register: its journal file, its till and its real uploader, behind its own proxy. */
interface Register {
  registerId: string;
  terminalId: string;
  proxy: TcpProxy;
  store: JournalStore;
  till: Till;
  uploader: JournalUploader;
}

describe('a register offline for a week, and a server killed mid-ingest (PostgreSQL)', () => {
  let pgdb: TestPostgres;
  let server: ServerProcess;
  let cookie = '';
  let week: Register;
  let other: Register;
  const registers: Register[] = [];
  const serverEnv = () => ({ DATABASE_URL: pgdb.url, KASSA_DEFAULT_ENV: SLUG });

  /** Creates the terminal as the admin, connects a PC with `kassa connect` through a new proxy. */
  async function connectRegister(registerId: string, seed: number): Promise<Register> {
    const me = (await (
      await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })
    ).json()) as {
      csrfToken: string;
    };
    const environment = (await (
      await fetch(`${server.url}/api/environment`, { headers: { cookie } })
    ).json()) as { placesOfBusiness: { id: string }[] };
    const made = await fetch(`${server.url}/api/terminals`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Kassa ${registerId}`,
        placeOfBusinessId: environment.placesOfBusiness[0]?.id,
        registerId,
      }),
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const proxy = await startTcpProxy(server.port);
    const pc = await newPc(`PC-${registerId}`);
    const connected = await kassa(pc, [
      'connect',
      '--url',
      proxy.url,
      '--user',
      'admin',
      '--password',
      ADMIN_PASSWORD,
      '--terminal',
      registerId,
    ]);
    expect(connected.code, connected.output).toBe(0);
    const installation = await loadInstallation(pc.home);
    if (!installation.ok || installation.value === null) throw new Error('not connected');
    const store = openJournalStore(path.join(pc.home, 'journal.sqlite'));
    const register: Register = {
      registerId,
      terminalId: installation.value.register.terminal.id,
      proxy,
      store,
      till: new Till(store, registerId, seed),
      uploader: new JournalUploader({
        store,
        identity: installation.value.identity,
        clock: Date.now,
        timing: { debounceMs: 20, intervalMs: 250, backoff: { baseMs: 100, capMs: 500 } },
      }),
    };
    registers.push(register);
    return register;
  }

  beforeAll(async () => {
    pgdb = await createTestPostgres();
    const created = await createEnvironment(
      pgdb.database.db,
      {
        slug: SLUG,
        companyName: COMPANY,
        organisationNumber: '559999-0008',
        place: {
          name: 'Butiken',
          streetAddress: 'Storgatan 1',
          postalCode: '111 22',
          city: 'Stockholm',
        },
        admin: { username: 'admin', displayName: 'Anna Admin', password: ADMIN_PASSWORD },
        licensedTerminals: 2,
      },
      new Date(),
    );
    if (!created.ok) throw new Error(created.code);
    server = await startServerProcess(serverEnv());
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    week = await connectRegister('V1', 20_260_323);
    other = await connectRegister('V2', 20_260_330);
  }, 300_000);

  afterAll(async () => {
    for (const r of registers) {
      r.uploader.close();
      r.store.close();
      await r.proxy.close();
    }
    await server?.stop();
    await pgdb?.drop();
  });

  /** seq, hash and prevHash of the server's copy of a terminal's journal. */
  async function serverChain(r: Register) {
    const rows = await pgdb.query<{ seq: string; hash: string; prev_hash: string }>(
      'SELECT seq, hash, prev_hash FROM journal_entries WHERE terminal_id = $1 ORDER BY seq',
      [r.terminalId],
    );
    return rows.map((row) => ({ seq: Number(row.seq), hash: row.hash, prevHash: row.prev_hash }));
  }

  async function serverHead(r: Register): Promise<number> {
    const [row] = await pgdb.query<{ seq: string }>(
      'SELECT journal_head_seq AS seq FROM terminals WHERE id = $1',
      [r.terminalId],
    );
    return Number(row?.seq);
  }

  async function storedReceipts(r: Register): Promise<number> {
    const [row] = await pgdb.query<{ n: string }>(
      `SELECT coalesce(sum(count + return_count), 0) AS n FROM sales_summary
       WHERE terminal_id = $1 AND dimension = 'total' AND grain = 'day'`,
      [r.terminalId],
    );
    return Number(row?.n);
  }

  async function drained(r: Register): Promise<void> {
    await until(`${r.registerId} to drain its backlog`, () => {
      const status = r.uploader.status();
      return status.pending === 0 && !status.draining;
    });
  }

  /** Each server copy is its local journal exactly, and the reports are a replay of all journals. */
  async function expectExactlyOnce(): Promise<void> {
    const all: JournalEntry[] = [];
    for (const r of registers) {
      const local = r.store.entries();
      all.push(...local);
      expect(await serverChain(r), r.registerId).toEqual(
        local.map((e) => ({ seq: e.seq, hash: e.hash, prevHash: e.prevHash })),
      );
      expect(await serverHead(r)).toBe(local.at(-1)?.seq ?? 0);
      const receipts = local.filter((e) => e.kind === 'sale' || e.kind === 'return').length;
      expect(await storedReceipts(r)).toBe(receipts);
      const [flag] = await pgdb.query<{ code: string | null }>(
        'SELECT sync_problem_code AS code FROM terminals WHERE id = $1',
        [r.terminalId],
      );
      expect(flag?.code).toBeNull();
    }

    const expected = replay(all);
    const days = Object.keys(expected.day).sort();
    for (const groupBy of ['day', 'payment', 'vat'] as const) {
      const query = new URLSearchParams({
        from: days[0] ?? '',
        to: days.at(-1) ?? '',
        groupBy,
      });
      const response = await fetch(`${server.url}/api/reports/sales?${query.toString()}`, {
        headers: { cookie },
      });
      expect(response.status).toBe(200);
      const { rows } = (await response.json()) as { rows: ReportRow[] };
      const found: Sums = {};
      for (const r of rows) {
        if (r.count === 0 && r.returnCount === 0 && r.gross === 0) continue;
        const { count, returnCount, gross } = r;
        found[r.key] = {
          count,
          returnCount,
          gross,
          vat: groupBy === 'payment' ? 0 : (r.vat ?? NaN),
        };
      }
      expect(found, groupBy).toEqual(expected[groupBy]);
    }
  }

  it('a week offline (5,000 sales) arrives exactly once when the register reconnects', async () => {
    // The server cannot be reached: the uploader tries, fails and backs off, the selling goes on.
    week.proxy.setTarget(0);
    week.uploader.start();
    const started = performance.now();
    for (const [i, day] of WEEK.entries()) week.till.day(day, i < 2 ? 715 : 714);
    const filled = performance.now();
    expect(week.till.sales).toBe(5_000);
    const local = week.store.entries();
    expect(week.uploader.status()).toMatchObject({ pending: local.length, acknowledgedSeq: 0 });
    expect(week.uploader.status().problem).toBeNull();
    expect(await serverHead(week)).toBe(0);

    week.proxy.setTarget(server.port);
    await drained(week);
    const uploaded = performance.now();
    await expectExactlyOnce();
    console.log(
      `offline week: ${local.length} entries (${week.till.sales} sales) journaled in ` +
        `${Math.round(filled - started)} ms, uploaded in ${Math.round(uploaded - filled)} ms`,
    );
  }, 300_000);

  it('the server killed (SIGKILL) mid-ingest: a batch inside its transaction is not stored, a committed one whose answer was lost is not stored twice', async () => {
    // V2 has looked at the server's head; its next answer from the server will be lost.
    expect((await other.uploader.uploadNow()).outcome).toBe('done');
    other.uploader.start();
    const answered = other.proxy.holdAnswers();
    other.till.day('2026-03-30', 300);
    other.uploader.notify();
    expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    const committed = await serverHead(other);
    expect(committed).toBe(other.store.head()?.seq);
    expect(other.uploader.status().acknowledgedSeq).toBe(0);

    // V1's next batch: the ingest inserts its journal entries, then waits for a lock the test holds.
    const before = await serverHead(week);
    const receiptsBefore = await storedReceipts(week);
    let release = () => undefined as void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked = () => undefined as void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = pgdb.database.rawTransaction(async (tx) => {
      await tx.exec('LOCK TABLE sales_summary IN SHARE MODE');
      locked();
      await released;
    });
    await isLocked;
    try {
      week.till.day('2026-03-30', 600);
      week.uploader.notify();
      await until('the ingest to wait inside its transaction', async () => {
        const waiting = await pgdb.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "sales_summary"%'`,
        );
        return Number(waiting[0]?.n) > 0;
      });
      await server.kill();
    } finally {
      release();
      await holding;
    }
    other.proxy.dropAll();
    // The killed server's transaction is rolled back when its backend finds the client gone.
    await until('the killed server’s transaction to end', async () => {
      const open = await pgdb.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
         WHERE query LIKE 'INSERT INTO "sales_%' AND state <> 'idle'`,
      );
      return Number(open[0]?.n) === 0;
    });
    expect(await serverHead(week)).toBe(before);
    expect(await serverChain(week)).toHaveLength(before);
    expect(await storedReceipts(week)).toBe(receiptsBefore);
    expect(await serverHead(other)).toBe(committed);
    for (const r of registers) {
      expect(r.uploader.status().pending, r.registerId).toBeGreaterThan(0);
      expect(r.uploader.status().problem, r.registerId).toBeNull();
    }

    server = await startServerProcess(serverEnv());
    for (const r of registers) r.proxy.setTarget(server.port);
    for (const r of registers) await drained(r);
    await expectExactlyOnce();
    // V2 sent its batch again and the server took it as a retry.
    expect(other.uploader.status().acknowledgedSeq).toBe(committed);
  }, 300_000);
});

/**
 * Scale: two real server processes on one PostgreSQL, and 50 simulated
 * registers uploading their journals concurrently — each to either process at random, in
 * batches of random size, with lost acknowledgements resent (to the other process), the same
 * batch sent to both processes at once, overlapping batches and late duplicates of old ones.
 * Afterwards every terminal's stored journal is its own journal exactly once (count, seq set,
 * hashes), and the sales reports by day, payment method, VAT rate and terminal equal a replay of
 * all 50 journals computed here from the entries alone.
 *
 * PostgreSQL only (the server-postgres project): PGlite is one process's embedded database.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { JournalEntry, Receipt } from '@kassa/core';
import { setLicence } from '../src/commands/terminals.js';
import { placesOfBusiness } from '../src/db/schema.js';
import { SimulatedPc } from './support/device.js';
import { JournalBuilder, headerFor, toUpload } from './support/journal-fixture.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';
import { between, seededRandom, simulateDays } from './support/simulated-register.js';
import { ADMIN_PASSWORD, buildEnvironment } from './support/test-app.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';

const TERMINALS = 50;
const DAYS = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30'] as const; // DST on the 29th
const SALES_PER_DAY = [6, 14] as const;
const SEED = Number(process.env.KASSA_SCALE_SEED ?? 20_260_327);

interface Register {
  terminalId: string;
  registerId: string;
  placeId: string;
  pc: SimulatedPc;
  entries: JournalEntry[];
}

interface Row {
  key: string;
  count: number;
  returnCount: number;
  gross: number;
  vat: number | null;
}
interface Report {
  totals: { receipts: number; returns: number; gross: number; vat: number; rounding: number };
  rows: Row[];
}

/** A signed-in admin over real HTTP (cookie + CSRF token); valid on either process. */
interface AdminSession {
  cookie: string;
  csrfToken: string;
}

async function signIn(base: string): Promise<AdminSession> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in: ${await response.text()}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function adminCall<T>(
  base: string,
  session: AdminSession,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrfToken,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** A device-signed journal upload over real HTTP; the answer's status and body. */
async function upload(
  base: string,
  register: Register,
  entries: readonly JournalEntry[],
): Promise<{ status: number; body: { acknowledgedSeq?: number; error?: { code: string } } }> {
  const path = '/api/register/journal';
  const body = JSON.stringify({ entries: toUpload(entries) });
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { ...register.pc.sign('POST', path, body), 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as never };
}

/** The sale and return receipts of a journal, as a replay reads them (training is no sale). */
function receiptsOf(entries: readonly JournalEntry[]): Receipt[] {
  return entries.flatMap((e) => (e.kind === 'sale' || e.kind === 'return' ? [e.data.receipt] : []));
}

type Expected = Map<string, { count: number; returnCount: number; gross: number; vat: number }>;

function add(map: Expected, key: string, kind: string, gross: number, vat: number): void {
  const row = map.get(key) ?? { count: 0, returnCount: 0, gross: 0, vat: 0 };
  if (kind === 'sale') row.count += 1;
  else row.returnCount += 1;
  row.gross += gross;
  row.vat += vat;
  map.set(key, row);
}

/** The report's rows with anything in them, as the expected map's shape. */
function found(report: Report, withVat = true): Expected {
  const map: Expected = new Map();
  for (const r of report.rows) {
    if (r.count === 0 && r.returnCount === 0 && r.gross === 0) continue;
    map.set(r.key, {
      count: r.count,
      returnCount: r.returnCount,
      gross: r.gross,
      vat: withVat ? (r.vat ?? Number.NaN) : 0,
    });
  }
  return map;
}

const sorted = (map: Expected) =>
  new Map([...map.entries()].sort(([a], [b]) => a.localeCompare(b)));

describeDb('scale: 50 registers upload concurrently to two server processes', () => {
  let tdb: TestDatabase;
  let servers: ServerProcess[] = [];
  let admin: AdminSession;
  const registers: Register[] = [];

  beforeAll(async () => {
    const started = performance.now();
    tdb = await createTestDatabase();
    const env = await buildEnvironment(tdb.database, 'skala', 'Skalbutiken AB');
    await setLicence(tdb.database.db, env.slug, { terminals: TERMINALS + 5 }, new Date());
    // No API creates places yet: two more places of business as the environment's own data.
    const extraPlaces = [randomUUID(), randomUUID()];
    await tdb.database.db.insert(placesOfBusiness).values(
      extraPlaces.map((id, i) => ({
        tenantId: env.tenantId,
        id,
        name: `Filial ${i + 1}`,
        streetAddress: `Lillgatan ${i + 2}`,
        postalCode: '222 33',
        city: 'Lund',
        createdAt: new Date(),
      })),
    );
    const processEnv = { DATABASE_URL: tdb.url ?? '', KASSA_DEFAULT_ENV: env.slug };
    const starting = Promise.all([startServerProcess(processEnv), startServerProcess(processEnv)]);

    // While the processes start: each register's journal of four days.
    const random = seededRandom(SEED);
    const journals = Array.from({ length: TERMINALS }, (_, n) => {
      const registerId = `K${String(n + 1).padStart(2, '0')}`;
      const journal = new JournalBuilder(
        headerFor(registerId, 'Skalbutiken AB'),
        `CU-${registerId}`,
      );
      simulateDays(journal, seededRandom(between(random, 1, 2 ** 31)), {
        days: DAYS,
        cashiers: ['admin', `kassor${n % 7}`, `kassor${(n + 3) % 7}`],
        salesPerDay: SALES_PER_DAY,
      });
      return { registerId, entries: journal.entries };
    });
    const journalsAt = performance.now();
    servers = await starting;
    const serversAt = performance.now();
    const [a, b] = servers.map((s) => s.url);
    if (a === undefined || b === undefined) throw new Error('two servers');
    admin = await signIn(a);
    const environment = await adminCall<{ placesOfBusiness: { id: string }[] }>(
      b,
      admin,
      'GET',
      '/api/environment',
    );
    const places = environment.placesOfBusiness.map((p) => p.id);
    expect(places).toHaveLength(3);

    // 50 terminals, created through one process's API and connected through the other's.
    for (let start = 0; start < TERMINALS; start += 10) {
      const made = await Promise.all(
        journals.slice(start, start + 10).map(async ({ registerId, entries }, k) => {
          const n = start + k;
          const [here, there] = n % 2 === 0 ? [a, b] : [b, a];
          const placeId = places[n % places.length] ?? '';
          const { terminal } = await adminCall<{ terminal: { id: string } }>(
            here,
            admin,
            'POST',
            '/api/terminals',
            { name: `Kassa ${registerId}`, placeOfBusinessId: placeId, registerId },
          );
          const pc = new SimulatedPc(`PC-${registerId}`);
          const connected = await fetch(`${there}/api/register/connect`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              method: 'password',
              username: 'admin',
              password: ADMIN_PASSWORD,
              terminalId: terminal.id,
              ...pc.identity(),
            }),
          });
          if (connected.status !== 200) throw new Error(await connected.text());
          pc.bindingId = ((await connected.json()) as { bindingId: string }).bindingId;
          return { terminalId: terminal.id, registerId, placeId, pc, entries };
        }),
      );
      registers.push(...made);
    }
    console.log(
      `scale: journals built in ${Math.round(journalsAt - started)} ms, servers up after ` +
        `${Math.round(serversAt - started)} ms, ${TERMINALS} terminals connected in ` +
        `${Math.round(performance.now() - serversAt)} ms`,
    );
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await tdb?.drop();
  });

  it('stores every entry of every register exactly once, whatever arrives twice and where', async () => {
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const stats = { requests: 0, both: 0, resent: 0, overlapping: 0, late: 0 };

    /** One register's upload: batches in order, to a random process, with every kind of repeat. */
    async function uploadAll(register: Register, random: () => number): Promise<void> {
      const { entries } = register;
      const sent: { from: number; to: number }[] = [];
      let head = 0;
      const expectAcknowledged = (
        answer: Awaited<ReturnType<typeof upload>>,
        seq: number,
        what: string,
      ) => {
        expect(
          answer.status,
          `${register.registerId} ${what}: ${JSON.stringify(answer.body)}`,
        ).toBe(200);
        expect(answer.body.acknowledgedSeq, `${register.registerId} ${what}`).toBe(seq);
      };
      while (head < entries.length) {
        // An overlapping batch starts before the head (the register lost its mark, say).
        const overlap = head > 0 && random() < 0.15 ? between(random, 1, Math.min(8, head)) : 0;
        if (overlap > 0) stats.overlapping += 1;
        const from = head - overlap;
        const to = Math.min(entries.length, head + between(random, 3, 25));
        const batch = entries.slice(from, to);
        const first = random() < 0.5 ? a : b;
        const other = first === a ? b : a;
        if (random() < 0.15) {
          // A retry after a timeout reaches the other process while the first still works.
          stats.both += 1;
          stats.requests += 2;
          const answers = await Promise.all([
            upload(first, register, batch),
            upload(other, register, batch),
          ]);
          for (const answer of answers) expectAcknowledged(answer, to, `both ${from + 1}..${to}`);
        } else {
          stats.requests += 1;
          expectAcknowledged(await upload(first, register, batch), to, `batch ${from + 1}..${to}`);
        }
        head = to;
        sent.push({ from, to });
        if (random() < 0.2) {
          // The acknowledgement was lost: the same batch again, to the other process.
          stats.resent += 1;
          stats.requests += 1;
          expectAcknowledged(
            await upload(other, register, batch),
            head,
            `resent ${from + 1}..${to}`,
          );
        }
        if (random() < 0.1 && sent.length > 1) {
          // A duplicate of an old batch arrives late (a proxy's retry, say).
          const old = sent[between(random, 0, sent.length - 2)] ?? { from: 0, to: 1 };
          stats.late += 1;
          stats.requests += 1;
          expectAcknowledged(
            await upload(random() < 0.5 ? a : b, register, entries.slice(old.from, old.to)),
            head,
            `late ${old.from + 1}..${old.to}`,
          );
        }
      }
    }

    const random = seededRandom(SEED + 1);
    const seeds = registers.map(() => between(random, 1, 2 ** 31));
    const started = performance.now();
    await Promise.all(registers.map((r, i) => uploadAll(r, seededRandom(seeds[i] ?? i))));
    // Every kind of repeat happened (the seed is fixed; a change of the simulation must keep this).
    const uploadMs = performance.now() - started;
    expect(stats.both).toBeGreaterThan(10);
    expect(stats.resent).toBeGreaterThan(10);
    expect(stats.overlapping).toBeGreaterThan(10);
    expect(stats.late).toBeGreaterThan(5);

    // The server's copy: for each terminal exactly its journal, in order, each entry once.
    const rows = await tdb.database.rawTransaction((tx) =>
      tx.query<{
        terminal_id: string;
        seq: string | number;
        hash: string;
        prev_hash: string;
        kind: string;
      }>(
        'SELECT terminal_id, seq, hash, prev_hash, kind FROM journal_entries ORDER BY terminal_id, seq',
      ),
    );
    const byTerminal = new Map<
      string,
      { seq: number; hash: string; prevHash: string; kind: string }[]
    >();
    for (const row of rows) {
      const list = byTerminal.get(row.terminal_id) ?? [];
      list.push({ seq: Number(row.seq), hash: row.hash, prevHash: row.prev_hash, kind: row.kind });
      byTerminal.set(row.terminal_id, list);
    }
    expect(byTerminal.size).toBe(TERMINALS);
    let total = 0;
    for (const register of registers) {
      const stored = byTerminal.get(register.terminalId) ?? [];
      expect(stored, register.registerId).toEqual(
        register.entries.map((e) => ({
          seq: e.seq,
          hash: e.hash,
          prevHash: e.prevHash,
          kind: e.kind,
        })),
      );
      total += register.entries.length;
    }
    expect(rows).toHaveLength(total);

    // Heads and flags: every terminal acknowledged at its last entry, none flagged.
    const heads = await tdb.database.rawTransaction((tx) =>
      tx.query<{
        id: string;
        journal_head_seq: string | number;
        journal_head_hash: string;
        sync_problem_code: string | null;
      }>('SELECT id, journal_head_seq, journal_head_hash, sync_problem_code FROM terminals'),
    );
    for (const register of registers) {
      const head = heads.find((h) => h.id === register.terminalId);
      const last = register.entries.at(-1);
      expect(head, register.registerId).toMatchObject({
        journal_head_hash: last?.hash,
        sync_problem_code: null,
      });
      expect(Number(head?.journal_head_seq)).toBe(last?.seq);
    }

    // Read models: each receipt once.
    const [counts] = await tdb.database.rawTransaction((tx) =>
      tx.query<{ receipts: string | number; z: string | number }>(
        `SELECT (SELECT sum(count + return_count) FROM sales_summary
                  WHERE dimension = 'total' AND grain = 'day') AS receipts,
                (SELECT count(*) FROM z_reports) AS z`,
      ),
    );
    const receipts = registers.reduce((n, r) => n + receiptsOf(r.entries).length, 0);
    expect(Number(counts?.receipts)).toBe(receipts);
    expect(Number(counts?.z)).toBe(TERMINALS * DAYS.length);
    console.log(
      `scale: ${total} entries (${receipts} sale/return receipts) from ${TERMINALS} registers in ` +
        `${stats.requests} requests: ${stats.both} sent to both processes at once, ${stats.resent} resent, ` +
        `${stats.overlapping} overlapping, ${stats.late} late duplicates; uploads took ${Math.round(uploadMs)} ms`,
    );
  }, 240_000);

  it('reports per day, payment method, VAT rate and terminal what a replay of all journals gives', async () => {
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const period = { from: DAYS[0], to: DAYS[3] };
    const byDay: Expected = new Map();
    const byPayment: Expected = new Map();
    const byVat: Expected = new Map();
    const byTerminal: Expected = new Map();
    const totals = { receipts: 0, returns: 0, gross: 0, vat: 0, rounding: 0 };
    for (const register of registers) {
      for (const r of receiptsOf(register.entries)) {
        const vat = r.vat.reduce((sum, row) => sum + row.vat, 0);
        add(byDay, r.businessDay, r.kind, r.total, vat);
        add(byTerminal, register.terminalId, r.kind, r.total, vat);
        for (const p of r.payments) add(byPayment, p.method, r.kind, p.amount, 0);
        for (const v of r.vat) add(byVat, String(v.rate), r.kind, v.gross, v.vat);
        if (r.kind === 'sale') totals.receipts += 1;
        else totals.returns += 1;
        totals.gross += r.total;
        totals.vat += vat;
        totals.rounding += r.rounding;
      }
    }
    expect(totals.returns).toBeGreaterThan(0);
    expect(byPayment.size).toBe(3);
    expect(byVat.size).toBe(4);

    const report = (base: string, groupBy: string) =>
      adminCall<Report>(
        base,
        admin,
        'GET',
        `/api/reports/sales?${new URLSearchParams({ ...period, groupBy }).toString()}`,
      );
    const [day, payment, vat, terminal] = await Promise.all([
      report(a, 'day'),
      report(b, 'payment'),
      report(a, 'vat'),
      report(b, 'terminal'),
    ]);
    expect(day.totals).toMatchObject(totals);
    expect(day.rows.map((r) => r.key)).toEqual([...DAYS]);
    expect(sorted(found(day))).toEqual(sorted(byDay));
    expect(sorted(found(payment, false))).toEqual(sorted(byPayment));
    expect(sorted(found(vat))).toEqual(sorted(byVat));
    expect(sorted(found(terminal))).toEqual(sorted(byTerminal));
  }, 60_000);
});

import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { and, asc, count, eq } from 'drizzle-orm';
import {
  type JournalEntry,
  type JournalEvent,
  type Receipt,
  appendEntry,
  hashEntry,
  ore,
  verifyJournal,
} from '@kassa/core';
import { MAX_UPLOAD_BATCH } from '@kassa/contracts';
import { setLicence } from '../src/commands/terminals.js';
import { buildApp } from '../src/http/app.js';
import type { Database } from '../src/db/database.js';
import { type SummaryDimension, journalEntries, salesSummary, zReports } from '../src/db/schema.js';
import {
  createTestDatabase,
  describeDb,
  TEST_DB_KIND,
  type TestDatabase,
} from './support/test-db.js';
import {
  FakeClock,
  as,
  buildEnvironment,
  buildTestApp,
  createUserAs,
  signInAs,
  type Session,
} from './support/test-app.js';
import {
  connectedTerminal,
  firstPlaceId,
  type ConnectedTerminal,
} from './support/connected-terminal.js';
import { JournalBuilder, headerFor, sha256, toUpload } from './support/journal-fixture.js';

interface ErrorView {
  error: { code: string; sv: string; en: string; details?: Record<string, unknown> };
}
interface TerminalView {
  warnings: string[];
  lastContactAt: string | null;
  programVersion: string;
  unsyncedEntries: number | null;
  sync: {
    acknowledgedSeq: number;
    acknowledgedHash: string | null;
    lastUploadAt: string | null;
    oldestUnsyncedAt: string | null;
    controlUnit: {
      state: string;
      serialNumber: string | null;
      simulated: boolean;
      reportedAt: string;
    } | null;
    problem: {
      code: string;
      seq: number | null;
      details: Record<string, unknown>;
      sv: string;
      en: string;
      firstAt: string;
      lastAt: string;
      count: number;
    } | null;
  };
}

const DAY = '2026-03-02';
const at = (hhmm: string, day = DAY) => `${day}T${hhmm}:00.000Z`;

/** A day of selling: sign-in, two sales, a training sale, a return, and the Z. */
function sellADay(j: JournalBuilder, day = DAY): { sales: Receipt[]; returns: Receipt[] } {
  // Nobody is signed in when the program starts: an entry without `by`.
  j.append({ kind: 'register-started', data: { programVersion: '1.0.0' } }, at('07:58', day));
  j.append({ kind: 'sign-in', data: { cashierId: 'admin' } }, at('07:59', day), 'admin');
  const first = j.sell(
    at('08:05', day),
    'admin',
    [
      { articleNumber: 'K1', text: 'Kaffe', vatCategory: 'food', price: 3500, quantity: 2 },
      // Quotes, braces, a backslash and åäö survive the trip into the database exactly.
      {
        articleNumber: 'M1',
        text: 'Mugg "Stor", {blå} \\ 50%',
        vatCategory: 'standard',
        price: 12900,
      },
    ],
    [{ method: 'cash', tendered: ore(20_000) }],
  );
  const second = j.sell(
    at('09:30', day),
    'admin',
    [{ articleNumber: 'B1', text: 'Bok', vatCategory: 'reduced', price: 24900 }],
    [{ method: 'card', amount: ore(24900) }],
  );
  j.sell(
    at('09:45', day),
    'admin',
    [{ articleNumber: 'M1', text: 'Mugg', vatCategory: 'standard', price: 12900 }],
    [{ method: 'card', amount: ore(12900) }],
    { training: true },
  );
  const back = j.returnItems(
    at('10:00', day),
    'admin',
    first,
    [{ lineNo: 2, quantity: 1 }],
    [{ method: 'cash' }],
  );
  j.closeDay(day, at('17:00', day), 'admin');
  return { sales: [first, second], returns: [back] };
}

describeDb('journal upload: exactly once, verified, refused whole and flagged', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let tenantId: string;
  let placeId: string;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock });
    const env = await buildEnvironment(tdb.database, 'synk', 'Synkbutiken AB');
    host = env.host;
    tenantId = env.tenantId;
    await setLicence(tdb.database.db, env.slug, { terminals: 20 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    placeId = await firstPlaceId(app, admin);
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  const upload = (t: ConnectedTerminal, entries: readonly JournalEntry[], on = app) =>
    t.pc.request(
      on,
      host,
      'POST',
      '/api/register/journal',
      { entries: toUpload(entries) },
      clock.now().getTime(),
    );
  const headOf = async (t: ConnectedTerminal) => {
    const r = await t.pc.request(
      app,
      host,
      'GET',
      '/api/register/journal/head',
      undefined,
      clock.now().getTime(),
    );
    expect(r.statusCode).toBe(200);
    return r.json<{ acknowledgedSeq: number; acknowledgedHash: string | null }>();
  };
  const view = async (t: ConnectedTerminal) =>
    (await app.inject({ url: `/api/terminals/${t.terminalId}`, headers: as(admin) })).json<{
      terminal: TerminalView;
    }>().terminal;
  const stored = (t: ConnectedTerminal, db: Database = tdb.database) =>
    db.db
      .select()
      .from(journalEntries)
      .where(
        and(eq(journalEntries.tenantId, tenantId), eq(journalEntries.terminalId, t.terminalId)),
      )
      .orderBy(asc(journalEntries.seq));
  /** The terminal's summary rows of a dimension and grain, by period and key. */
  const summaryOf = (t: ConnectedTerminal, dimension: SummaryDimension, grain: 'day' | 'month') =>
    tdb.database.db
      .select()
      .from(salesSummary)
      .where(
        and(
          eq(salesSummary.tenantId, tenantId),
          eq(salesSummary.terminalId, t.terminalId),
          eq(salesSummary.dimension, dimension),
          eq(salesSummary.grain, grain),
        ),
      )
      .orderBy(asc(salesSummary.period), asc(salesSummary.key));
  /** Sale and return receipts in the terminal's summary (its day rows, and its month rows). */
  const receiptCount = async (t: ConnectedTerminal) => {
    const sum = async (grain: 'day' | 'month') =>
      (await summaryOf(t, 'total', grain)).reduce((n, r) => n + r.count + r.returnCount, 0);
    const days = await sum('day');
    expect(await sum('month')).toBe(days);
    return days;
  };
  const countRows = async (table: typeof zReports, t: ConnectedTerminal) => {
    const [row] = await tdb.database.db
      .select({ n: count() })
      .from(table)
      .where(and(eq(table.tenantId, tenantId), eq(table.terminalId, t.terminalId)));
    return row?.n ?? 0;
  };
  const codeOf = (body: string) => (JSON.parse(body) as ErrorView).error;

  /** The stored rows as journal entries again (at exactly as hashed, `by` only when present). */
  const asEntries = (rows: Awaited<ReturnType<typeof stored>>) =>
    rows.map(
      (r) =>
        ({
          seq: r.seq,
          at: r.atText,
          kind: r.kind,
          ...(r.by === null ? {} : { by: r.by }),
          data: r.data,
          prevHash: r.prevHash,
          hash: r.hash,
        }) as unknown as JournalEntry, // rows of a verified upload have the entry's shape
    );

  it('stores a good upload, answers its head, and keeps a chain that verifies again', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'S1');
    expect(await headOf(t)).toEqual({ acknowledgedSeq: 0, acknowledgedHash: null });
    const j = new JournalBuilder(headerFor('S1'));
    sellADay(j);
    const last = j.entries.at(-1);
    const response = await upload(t, j.entries);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      acknowledgedSeq: j.entries.length,
      acknowledgedHash: last?.hash,
    });
    expect(await headOf(t)).toEqual({
      acknowledgedSeq: j.entries.length,
      acknowledgedHash: last?.hash,
    });

    const rows = await stored(t);
    expect(rows.map((r) => r.seq)).toEqual(j.entries.map((e) => e.seq));
    const again = verifyJournal(asEntries(rows), sha256, {
      head: { seq: last?.seq ?? 0, hash: last?.hash ?? '' },
    });
    expect(again.ok).toBe(true);
    expect(asEntries(rows)).toEqual(toUpload(j.entries));

    const terminal = await view(t);
    expect(terminal.sync).toMatchObject({
      acknowledgedSeq: j.entries.length,
      acknowledgedHash: last?.hash,
      lastUploadAt: clock.now().toISOString(),
      problem: null,
    });
    expect(terminal.lastContactAt).toBe(clock.now().toISOString());
    expect(terminal.warnings).not.toContain('sync-problem');
  });

  it('writes the sales summary of sales and returns in the same upload, training excluded', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'S2');
    const j = new JournalBuilder(headerFor('S2'));
    const { sales, returns } = sellADay(j);
    expect((await upload(t, j.entries)).statusCode).toBe(200);
    const all = [...sales, ...returns];
    const sum = (receipts: readonly Receipt[], f: (r: Receipt) => number) =>
      receipts.reduce((a, r) => a + f(r), 0);
    const vatOf = (r: Receipt) => sum([r], (x) => x.vat.reduce((a, v) => a + v.vat, 0));
    const expectedTotal = {
      placeOfBusinessId: placeId,
      key: '',
      count: sales.length,
      returnCount: returns.length,
      gross: sum(all, (r) => r.total),
      vat: sum(all, vatOf),
      returnsGross: sum(returns, (r) => r.total),
      discounts: sum(all, (r) => r.discountTotal),
      rounding: sum(all, (r) => r.rounding),
    };
    const [day, ...moreDays] = await summaryOf(t, 'total', 'day');
    expect(moreDays).toEqual([]);
    expect(day).toMatchObject({ ...expectedTotal, period: DAY });
    expect(expectedTotal.returnsGross).toBeLessThan(0);
    const [month, ...moreMonths] = await summaryOf(t, 'total', 'month');
    expect(moreMonths).toEqual([]);
    expect(month).toMatchObject({ ...expectedTotal, period: `${DAY.slice(0, 8)}01` });

    // 08:05 and 09:30 UTC are 09 and 10 in Stockholm (CET, winter); the return at 10:00 is 11.
    const hours = await summaryOf(t, 'hour', 'day');
    expect(hours.map((r) => [r.key, r.count, r.returnCount, r.gross])).toEqual([
      ['09', 1, 0, sales[0]?.total],
      ['10', 1, 0, sales[1]?.total],
      ['11', 0, 1, returns[0]?.total],
    ]);
    expect((await summaryOf(t, 'cashier', 'day')).map((r) => [r.key, r.gross])).toEqual([
      ['admin', expectedTotal.gross],
    ]);
    const payments = new Map<string, number>();
    for (const p of all.flatMap((r) => r.payments)) {
      payments.set(p.method, (payments.get(p.method) ?? 0) + p.amount);
    }
    expect((await summaryOf(t, 'payment', 'day')).map((r) => [r.key, r.gross, r.vat])).toEqual(
      [...payments].sort(([a], [b]) => a.localeCompare(b)).map(([m, amount]) => [m, amount, 0]),
    );
    const vatRows = await summaryOf(t, 'vat', 'day');
    for (const row of vatRows) {
      const rate = Number(row.key);
      const of = all.flatMap((r) => r.vat.filter((v) => v.rate === rate));
      expect([row.gross, row.vat, row.count + row.returnCount]).toEqual([
        of.reduce((a, v) => a + v.gross, 0),
        of.reduce((a, v) => a + v.vat, 0),
        of.length,
      ]);
    }
    expect(vatRows.map((r) => r.key).sort()).toEqual(
      [...new Set(all.flatMap((r) => r.vat.map((v) => String(v.rate))))].sort(),
    );
    // The returned mug is a negative line: it takes back its quantity, amount and VAT. The
    // training sale of a mug (called 'Mugg') is not a sale: the label stays the sold one.
    const products = await summaryOf(t, 'product', 'day');
    expect(
      products.map((l) => [l.key, l.count, l.returnCount, l.quantity, l.gross, l.vat, l.label]),
    ).toEqual([
      ['B1', 1, 0, 1, 24900, 1409, 'Bok'],
      ['K1', 1, 0, 2, 7000, 750, 'Kaffe'],
      ['M1', 1, 1, 0, 0, 0, 'Mugg "Stor", {blå} \\ 50%'],
    ]);
    expect(await countRows(zReports, t)).toBe(1);
  });

  it('adds each upload to the summary: two batches sum to what one batch of both gives', async () => {
    const one = await connectedTerminal(app, admin, placeId, 'S2A');
    const two = await connectedTerminal(app, admin, placeId, 'S2B');
    const build = () => {
      const j = new JournalBuilder(headerFor('S2X'));
      sellADay(j, '2026-03-30');
      sellADay(j, '2026-03-31');
      sellADay(j, '2026-04-01');
      return j.entries;
    };
    const entries = build();
    expect((await upload(one, entries)).statusCode).toBe(200);
    const half = Math.floor(entries.length / 2) + 3; // mid-day: the same day's rows get added to
    expect((await upload(two, entries.slice(0, half))).statusCode).toBe(200);
    expect((await upload(two, build())).statusCode).toBe(200); // a retry overlapping the first
    for (const dimension of ['total', 'hour', 'payment', 'vat', 'product'] as const) {
      for (const grain of ['day', 'month'] as const) {
        const strip = (rows: Awaited<ReturnType<typeof summaryOf>>) =>
          rows.map(({ terminalId: _t, ...rest }) => rest);
        const a = strip(await summaryOf(one, dimension, grain));
        expect(a.length).toBeGreaterThan(0);
        expect(strip(await summaryOf(two, dimension, grain))).toEqual(a);
      }
    }
    expect((await summaryOf(one, 'total', 'month')).map((r) => [r.period, r.count])).toEqual([
      ['2026-03-01', 4],
      ['2026-04-01', 2],
    ]);
  });

  it('answers a retry of the same batch with the same head and stores nothing twice', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'S3');
    const j = new JournalBuilder(headerFor('S3'));
    sellADay(j);
    const first = await upload(t, j.entries);
    const second = await upload(t, j.entries);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual(first.json());
    expect((await stored(t)).length).toBe(j.entries.length);
    expect(await receiptCount(t)).toBe(3);
    expect(await countRows(zReports, t)).toBe(1);
    expect((await view(t)).sync.problem).toBeNull();
  });

  it('takes a batch that overlaps the head: the known part is checked, the rest stored', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'S4');
    const j = new JournalBuilder(headerFor('S4'));
    sellADay(j);
    const firstPart = j.entries.length;
    expect((await upload(t, j.entries)).statusCode).toBe(200);
    sellADay(j, '2026-03-03');
    const overlapping = j.entries.slice(firstPart - 3);
    const response = await upload(t, overlapping);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      acknowledgedSeq: j.entries.length,
      acknowledgedHash: j.entries.at(-1)?.hash,
    });
    expect((await stored(t)).map((r) => r.seq)).toEqual(j.entries.map((e) => e.seq));
    expect(await receiptCount(t)).toBe(6);
    expect(await countRows(zReports, t)).toBe(2);
  });

  it('accepts a full batch of 500 entries (well over the 64 KiB of other requests), not 501', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'S5');
    const j = new JournalBuilder(headerFor('S5'));
    for (let i = 0; j.entries.length < MAX_UPLOAD_BATCH + 1; i += 1) {
      j.sell(
        new Date(Date.parse(at('08:00')) + i * 60_000).toISOString(),
        'admin',
        [
          { articleNumber: 'K1', text: 'Kaffe', vatCategory: 'food', price: 3500 },
          {
            articleNumber: 'B1',
            text: 'Bok med ett långt namn',
            vatCategory: 'reduced',
            price: 24900,
          },
        ],
        [{ method: 'card', amount: ore(28400) }],
      );
    }
    const tooMany = await upload(t, j.entries);
    expect(tooMany.statusCode).toBe(400);
    expect(codeOf(tooMany.body).code).toBe('validation-failed');
    const batch = j.entries.slice(0, MAX_UPLOAD_BATCH);
    expect(JSON.stringify({ entries: batch }).length).toBeGreaterThan(64 * 1024);
    const response = await upload(t, batch);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ acknowledgedSeq: number }>().acknowledgedSeq).toBe(MAX_UPLOAD_BATCH);
    expect(await receiptCount(t)).toBe(MAX_UPLOAD_BATCH);
    const lines = await summaryOf(t, 'product', 'day');
    expect(lines.reduce((n, r) => n + r.count, 0)).toBe(2 * MAX_UPLOAD_BATCH);
  });

  /** Uploads `entries`, expects the refusal `code`, and checks that nothing was stored. */
  async function expectRefused(
    t: ConnectedTerminal,
    entries: readonly JournalEntry[],
    code: string,
    details: Record<string, unknown>,
  ) {
    const before = (await stored(t)).length;
    const receiptsBefore = await receiptCount(t);
    const headBefore = await headOf(t);
    const response = await upload(t, entries);
    expect(response.statusCode, response.body).toBe(409);
    const error = codeOf(response.body);
    expect(error.code).toBe(code);
    expect(error.details).toEqual(details);
    expect(error.sv.length).toBeGreaterThan(20);
    expect((await stored(t)).length).toBe(before);
    expect(await receiptCount(t)).toBe(receiptsBefore);
    expect(await headOf(t)).toEqual(headBefore);
    return error;
  }

  /** A terminal with one day uploaded and the next day sold but not uploaded. */
  async function terminalWithBacklog(registerId: string) {
    const t = await connectedTerminal(app, admin, placeId, registerId);
    const j = new JournalBuilder(headerFor(registerId));
    sellADay(j);
    const uploaded = j.entries.length;
    expect((await upload(t, j.entries)).statusCode).toBe(200);
    sellADay(j, '2026-03-03');
    return { t, j, uploaded };
  }

  it('refuses a gap, stores nothing, flags the terminal, and counts a retry of it', async () => {
    const { t, j, uploaded } = await terminalWithBacklog('G1');
    const skipped = j.entries.slice(uploaded + 1);
    await expectRefused(t, skipped, 'journal-gap', {
      expectedSeq: uploaded + 1,
      receivedSeq: uploaded + 2,
    });
    const flagged = await view(t);
    expect(flagged.warnings).toContain('sync-problem');
    expect(flagged.sync.problem).toMatchObject({
      code: 'journal-gap',
      seq: uploaded + 2,
      details: { expectedSeq: uploaded + 1, receivedSeq: uploaded + 2 },
      count: 1,
      firstAt: clock.now().toISOString(),
    });
    expect(flagged.sync.problem?.sv).toContain(String(uploaded + 1));
    clock.advance(60_000);
    await expectRefused(t, skipped, 'journal-gap', {
      expectedSeq: uploaded + 1,
      receivedSeq: uploaded + 2,
    });
    expect((await view(t)).sync.problem).toMatchObject({
      count: 2,
      lastAt: clock.now().toISOString(),
    });
    // A gap inside the batch is a gap too.
    const holed = [...j.entries.slice(uploaded, uploaded + 2), ...j.entries.slice(uploaded + 3)];
    await expectRefused(t, holed, 'journal-gap', {
      expectedSeq: uploaded + 3,
      receivedSeq: uploaded + 4,
    });
    // The good upload is taken; the flag stays until an admin acknowledges it.
    expect((await upload(t, j.entries.slice(uploaded))).statusCode).toBe(200);
    expect((await view(t)).sync.problem?.code).toBe('journal-gap');
  });

  it('refuses a broken link anywhere in the batch and stores none of its good entries', async () => {
    const { t, j, uploaded } = await terminalWithBacklog('C1');
    const good = j.entries.slice(uploaded, uploaded + 2);
    const victim = j.entries[uploaded + 2] as JournalEntry;
    const relinked = { ...victim, prevHash: 'f'.repeat(64) };
    const forged = { ...relinked, hash: hashEntry(relinked, sha256) } as JournalEntry;
    await expectRefused(t, [...good, forged], 'journal-chain-broken', {
      seq: victim.seq,
      reason: 'broken-link',
    });
    expect((await view(t)).sync.problem).toMatchObject({
      code: 'journal-chain-broken',
      seq: victim.seq,
    });
  });

  it('refuses an entry whose content was changed after hashing (tampered)', async () => {
    const { t, j, uploaded } = await terminalWithBacklog('C2');
    const entries = j.entries.slice(uploaded);
    const index = entries.findIndex((e) => e.kind === 'sale');
    const sale = entries[index] as JournalEntry & { kind: 'sale' };
    const tampered = {
      ...sale,
      data: { receipt: { ...sale.data.receipt, total: ore(sale.data.receipt.total - 100) } },
    } as JournalEntry;
    const batch = entries.map((e, i) => (i === index ? tampered : e));
    await expectRefused(t, batch, 'journal-chain-broken', { seq: sale.seq, reason: 'bad-hash' });
    // A hash field replaced on its own does not match the recomputed hash either.
    const rehashed = entries.map((e, i) => (i === index ? { ...e, hash: 'a'.repeat(64) } : e));
    await expectRefused(t, rehashed, 'journal-chain-broken', { seq: sale.seq, reason: 'bad-hash' });
  });

  it('refuses entries at or below the head that differ from the stored ones (conflict)', async () => {
    const { t, j, uploaded } = await terminalWithBacklog('X1');
    // Another journal with the same seqs: a register that lost its file and started again.
    const other = new JournalBuilder(headerFor('X1'));
    sellADay(other, '2026-03-05');
    await expectRefused(t, other.entries.slice(0, 3), 'journal-conflict', { seq: 1 });
    // The same entry without its signed-in user is not the same entry.
    const known = j.entries[uploaded - 2] as JournalEntry;
    const withoutBy = { ...known, by: undefined };
    await expectRefused(t, [withoutBy, ...j.entries.slice(uploaded - 1)], 'journal-conflict', {
      seq: known.seq,
    });
    expect((await view(t)).sync.problem).toMatchObject({
      code: 'journal-conflict',
      seq: known.seq,
    });
  });

  it('stores an entry the reports cannot read, leaves it out of them and flags it', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'U1');
    const j = new JournalBuilder(headerFor('U1'));
    sellADay(j);
    // A future register's receipt in a shape this server does not know, correctly chained.
    const odd = {
      kind: 'sale',
      data: { receipt: { kind: 'sale', version: 2 } },
    } as unknown as JournalEvent;
    const entry = j.append(odd, at('18:00'), 'admin');
    const response = await upload(t, j.entries);
    expect(response.statusCode, response.body).toBe(200);
    expect((await stored(t)).length).toBe(j.entries.length);
    expect(await receiptCount(t)).toBe(3);
    expect((await view(t)).sync.problem).toMatchObject({
      code: 'journal-entry-unreadable',
      seq: entry.seq,
      details: { seq: entry.seq, kind: 'sale' },
    });
  });

  it('lets only an admin acknowledge a sync problem, audit-logged, and refuses when there is none', async () => {
    const { t, j, uploaded } = await terminalWithBacklog('A1');
    await expectRefused(t, j.entries.slice(uploaded + 1), 'journal-gap', {
      expectedSeq: uploaded + 1,
      receivedSeq: uploaded + 2,
    });
    await createUserAs(app, admin, 'chef-a', 'manager');
    const manager = await signInAs(app, host, 'chef-a', 'ett-bra-losenord-42');
    const url = `/api/terminals/${t.terminalId}/sync-problem/acknowledge`;
    const refused = await app.inject({ method: 'POST', url, headers: as(manager) });
    expect(refused.statusCode).toBe(403);
    const done = await app.inject({ method: 'POST', url, headers: as(admin) });
    expect(done.statusCode, done.body).toBe(200);
    const terminal = done.json<{ terminal: TerminalView }>().terminal;
    expect(terminal.sync.problem).toBeNull();
    expect(terminal.warnings).not.toContain('sync-problem');
    const log = await app.inject({ url: '/api/audit-log', headers: as(admin) });
    const entries = log.json<{
      entries: { action: string; targetId: string | null }[];
    }>().entries;
    const actions = entries.filter((e) => e.targetId === t.terminalId).map((e) => e.action);
    expect(actions).toContain('terminal.sync-problem');
    expect(actions).toContain('terminal.sync-problem-acknowledged');
    const again = await app.inject({ method: 'POST', url, headers: as(admin) });
    expect(again.statusCode).toBe(409);
    expect(codeOf(again.body).code).toBe('sync-problem-none');
  });

  it("refuses another environment's register, which can only ever upload to its own terminal", async () => {
    const mine = await connectedTerminal(app, admin, placeId, 'I1');
    const b = await buildEnvironment(tdb.database, 'andra', 'Andra Butiken AB');
    const adminB = await signInAs(app, b.host, 'admin');
    const theirs = await connectedTerminal(app, adminB, await firstPlaceId(app, adminB), 'I1');
    const j = new JournalBuilder(headerFor('I1'));
    sellADay(j);
    const intruding = await upload(theirs, j.entries);
    expect(intruding.statusCode).toBe(401);
    expect(codeOf(intruding.body).code).toBe('device-signature-invalid');
    const peeking = await theirs.pc.request(
      app,
      host,
      'GET',
      '/api/register/journal/head',
      undefined,
      clock.now().getTime(),
    );
    expect(peeking.statusCode).toBe(401);
    expect((await stored(mine)).length).toBe(0);
    // On its own address it uploads to its own terminal only.
    const own = await theirs.pc.request(
      app,
      b.host,
      'POST',
      '/api/register/journal',
      { entries: toUpload(j.entries) },
      clock.now().getTime(),
    );
    expect(own.statusCode).toBe(200);
    expect((await stored(mine)).length).toBe(0);
    const [row] = await tdb.database.db
      .select({ n: count() })
      .from(journalEntries)
      .where(
        and(
          eq(journalEntries.tenantId, b.tenantId),
          eq(journalEntries.terminalId, theirs.terminalId),
        ),
      );
    expect(row?.n).toBe(j.entries.length);
  });

  it('stores each entry once when the same batch arrives at two connections at once', async () => {
    const second = TEST_DB_KIND === 'postgres' ? await tdb.reopen() : tdb.database;
    const other = second === tdb.database ? app : await buildApp({ ...app.deps, database: second });
    try {
      for (const registerId of ['P1', 'P2', 'P3']) {
        const t = await connectedTerminal(app, admin, placeId, registerId);
        const j = new JournalBuilder(headerFor(registerId));
        sellADay(j);
        sellADay(j, '2026-03-03');
        const answers = await Promise.all([upload(t, j.entries), upload(t, j.entries, other)]);
        for (const a of answers) {
          expect(a.statusCode, a.body).toBe(200);
          expect(a.json()).toEqual({
            acknowledgedSeq: j.entries.length,
            acknowledgedHash: j.entries.at(-1)?.hash,
          });
        }
        expect((await stored(t)).map((r) => r.seq)).toEqual(j.entries.map((e) => e.seq));
        expect(await receiptCount(t)).toBe(6);
        expect(await countRows(zReports, t)).toBe(2);
        expect((await view(t)).sync.problem).toBeNull();
      }
    } finally {
      if (other !== app) await other.close();
    }
  });

  it('shows the backlog left after an upload that says the register’s head', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'H0');
    const j = new JournalBuilder(headerFor('H0'));
    sellADay(j);
    const all = j.entries;
    const beat = await t.pc.request(
      app,
      host,
      'POST',
      '/api/register/heartbeat',
      { programVersion: '1.0.0', unsyncedEntries: all.length, oldestUnsyncedAt: all[0]?.at },
      clock.now().getTime(),
    );
    expect(beat.statusCode, beat.body).toBe(200);
    const send = (entries: readonly JournalEntry[], localHeadSeq?: number) =>
      t.pc.request(
        app,
        host,
        'POST',
        '/api/register/journal',
        {
          entries: toUpload(entries),
          ...(localHeadSeq === undefined ? {} : { localHeadSeq }),
        },
        clock.now().getTime(),
      );
    const half = Math.floor(all.length / 2);
    expect((await send(all.slice(0, half), all.length)).statusCode).toBe(200);
    let terminal = await view(t);
    expect(terminal.unsyncedEntries).toBe(all.length - half);
    // The oldest entry left is not in the batch: the age the heartbeat reported stays.
    expect(terminal.sync.oldestUnsyncedAt).toBe(all[0]?.at);
    // Without the register's head (an older register), the backlog waits for its heartbeat.
    expect((await send(all.slice(half, half + 1))).statusCode).toBe(200);
    expect((await view(t)).unsyncedEntries).toBe(all.length - half);
    // A head below what it sent says nothing.
    expect((await send(all.slice(half + 1, half + 2), half)).statusCode).toBe(200);
    expect((await view(t)).unsyncedEntries).toBe(all.length - half);
    expect((await send(all.slice(half + 2), all.length)).statusCode).toBe(200);
    terminal = await view(t);
    expect(terminal.unsyncedEntries).toBe(0);
    expect(terminal.sync.oldestUnsyncedAt).toBeNull();
    const negative = await send(all.slice(-1), -1);
    expect(negative.statusCode).toBe(400);
    expect(codeOf(negative.body).code).toBe('validation-failed');
  });

  it('records the heartbeat: backlog age and control unit, with warnings', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'H1');
    const beat = (payload: object) =>
      t.pc.request(app, host, 'POST', '/api/register/heartbeat', payload, clock.now().getTime());
    const r = await beat({
      programVersion: '1.2.3',
      unsyncedEntries: 12,
      oldestUnsyncedAt: '2026-03-02T08:00:00.000Z',
      controlUnit: { state: 'down', serialNumber: 'CU-ANNAN-1', simulated: true },
    });
    expect(r.statusCode, r.body).toBe(200);
    let terminal = await view(t);
    expect(terminal).toMatchObject({ programVersion: '1.2.3', unsyncedEntries: 12 });
    expect(terminal.sync).toMatchObject({
      oldestUnsyncedAt: '2026-03-02T08:00:00.000Z',
      controlUnit: {
        state: 'down',
        serialNumber: 'CU-ANNAN-1',
        simulated: true,
        reportedAt: clock.now().toISOString(),
      },
    });
    expect(terminal.warnings).toEqual(
      expect.arrayContaining(['control-unit-down', 'control-unit-simulated']),
    );
    expect(terminal.warnings).not.toContain('control-unit-mismatch');
    const registered = await app.inject({
      method: 'PUT',
      url: `/api/terminals/${t.terminalId}/registration`,
      headers: as(admin),
      payload: {
        controlUnitSerial: 'CU-TEST-0001',
        status: 'registered',
        registeredOn: '2026-03-01',
      },
    });
    expect(registered.statusCode).toBe(200);
    expect((await view(t)).warnings).toContain('control-unit-mismatch');

    const bad = await beat({
      programVersion: '1.2.3',
      unsyncedEntries: 1,
      oldestUnsyncedAt: 'igår',
    });
    expect(bad.statusCode).toBe(400);
    // An older register sends neither field: an empty backlog clears the age, the unit stays.
    expect((await beat({ programVersion: '1.2.4', unsyncedEntries: 0 })).statusCode).toBe(200);
    terminal = await view(t);
    expect(terminal.sync.oldestUnsyncedAt).toBeNull();
    expect(terminal.sync.controlUnit?.state).toBe('down');
    expect(
      (
        await beat({
          programVersion: '1.2.4',
          unsyncedEntries: 0,
          controlUnit: { state: 'ok', serialNumber: 'cu-test-0001', simulated: false },
        })
      ).statusCode,
    ).toBe(200);
    terminal = await view(t);
    expect(terminal.warnings).toEqual([]);

    // Silent for more than a day: warned (and not before).
    clock.advance(23 * 3_600_000);
    admin = await signInAs(app, host, 'admin');
    expect((await view(t)).warnings).not.toContain('silent');
    clock.advance(2 * 3_600_000);
    admin = await signInAs(app, host, 'admin');
    expect((await view(t)).warnings).toContain('silent');
  });
});

// Keep the journal helpers honest: a chain built here verifies with core's own check.
it('builds journals that verify with the real core functions', () => {
  const j = new JournalBuilder(headerFor('T1'));
  sellADay(j);
  expect(verifyJournal(j.entries, sha256).ok).toBe(true);
  expect(j.entries.filter((e) => e.kind === 'training')).toHaveLength(1);
  const next = appendEntry(
    j.entries.at(-1) ?? null,
    { kind: 'sign-out', data: { cashierId: 'admin' } },
    at('18:00'),
    sha256,
  );
  expect(next.prevHash).toBe(j.entries.at(-1)?.hash);
});

/**
 * A register continues its terminal's journal on a new PC: GET /api/register/journal
 * answers the server's copy exactly as uploaded, in pages, never beyond the head it reports; a
 * deactivated terminal still uploads and downloads its journal (a backlog is never stranded) but
 * is refused elsewhere; a removed binding is refused everywhere.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type JournalEntry, canonicalJson, ore, verifyJournal } from '@kassa/core';
import type { JournalDownloadAnswer } from '@kassa/contracts';
import { setLicence } from '../src/commands/terminals.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import {
  FakeClock,
  as,
  buildEnvironment,
  buildTestApp,
  signInAs,
  type Session,
} from './support/test-app.js';
import {
  connectedTerminal,
  firstPlaceId,
  type ConnectedTerminal,
} from './support/connected-terminal.js';
import { JournalBuilder, headerFor, sha256, toUpload } from './support/journal-fixture.js';

describeDb('journal download and a deactivated terminal', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let placeId: string;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock });
    const env = await buildEnvironment(tdb.database, 'ladda', 'Laddbutiken AB');
    host = env.host;
    await setLicence(tdb.database.db, env.slug, { terminals: 20 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    placeId = await firstPlaceId(app, admin);
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  const call = (t: ConnectedTerminal, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.pc.request(app, host, method, url, body, clock.now().getTime());
  const download = async (t: ConnectedTerminal, query: string) => {
    const r = await call(t, 'GET', `/api/register/journal${query}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json<JournalDownloadAnswer>();
  };

  /** A journal of `sales` card sales (quotes and åäö in texts), with a register start first. */
  function journalOf(registerId: string, sales: number): JournalBuilder {
    const j = new JournalBuilder(headerFor(registerId));
    j.append(
      { kind: 'register-started', data: { programVersion: '1.0.0' } },
      '2026-03-02T07:58:00Z',
    );
    for (let i = 0; i < sales; i++) {
      const at = new Date(Date.parse('2026-03-02T08:00:00.000Z') + i * 60_000).toISOString();
      j.sell(
        at,
        'kalle',
        [{ articleNumber: 'K1', text: 'Kaffe "stor" – åäö', vatCategory: 'food', price: 3500 }],
        [{ method: 'card', amount: ore(3500) }],
      );
    }
    return j;
  }

  it('answers the copy exactly as uploaded, in pages, with the head', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'D1');
    const empty = await download(t, '');
    expect(empty).toEqual({ acknowledgedSeq: 0, acknowledgedHash: null, entries: [] });

    const j = journalOf('D1', 520);
    const wire = toUpload(j.entries);
    for (let i = 0; i < wire.length; i += 500) {
      const r = await call(t, 'POST', '/api/register/journal', {
        entries: wire.slice(i, i + 500),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const last = j.entries.at(-1) as JournalEntry;

    const first = await download(t, '');
    expect(first.acknowledgedSeq).toBe(last.seq);
    expect(first.acknowledgedHash).toBe(last.hash);
    expect(first.entries).toHaveLength(500);
    const second = await download(t, '?afterSeq=500&limit=500');
    expect(second.entries.map((e) => e.seq)).toEqual(
      Array.from({ length: last.seq - 500 }, (_, i) => 501 + i),
    );
    // What the register sent: every field and value (canonical JSON: the stored JSON's key
    // order is the database's), `by` only where it was set.
    const all = [...first.entries, ...second.entries];
    expect(all).toHaveLength(wire.length);
    const differs = all.findIndex(
      (e, i) =>
        canonicalJson(e) !== canonicalJson(wire[i]) ||
        Object.keys(e).length !== Object.keys(wire[i] ?? {}).length,
    );
    expect(differs).toBe(-1);
    expect(all[0]).not.toHaveProperty('by');
    expect(
      verifyJournal(all as unknown as JournalEntry[], sha256, {
        head: { seq: last.seq, hash: last.hash },
      }).ok,
    ).toBe(true);

    const small = await download(t, '?afterSeq=10&limit=3');
    expect(small.entries.map((e) => e.seq)).toEqual([11, 12, 13]);
    expect(await download(t, `?afterSeq=${last.seq}`)).toMatchObject({ entries: [] });
  });

  it('refuses a malformed query and limits above 500', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'D2');
    for (const query of ['?afterSeq=-1', '?afterSeq=abc', '?limit=0', '?limit=501']) {
      const r = await call(t, 'GET', `/api/register/journal${query}`);
      expect(r.statusCode, query).toBe(400);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('validation-failed');
    }
  });

  it("gives a register only its own terminal's journal", async () => {
    const a = await connectedTerminal(app, admin, placeId, 'D3');
    const b = await connectedTerminal(app, admin, placeId, 'D4');
    const j = journalOf('D3', 2);
    expect(
      (await call(a, 'POST', '/api/register/journal', { entries: toUpload(j.entries) })).statusCode,
    ).toBe(200);
    expect(await download(b, '')).toEqual({
      acknowledgedSeq: 0,
      acknowledgedHash: null,
      entries: [],
    });
    expect((await download(a, '')).entries).toHaveLength(j.entries.length);
  });

  it('lets a deactivated terminal upload and read its journal, and refuses it elsewhere', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'D5');
    const j = journalOf('D5', 3);
    const wire = toUpload(j.entries);
    expect(
      (await call(t, 'POST', '/api/register/journal', { entries: wire.slice(0, 2) })).statusCode,
    ).toBe(200);
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/terminals/${t.terminalId}`,
      headers: as(admin),
      payload: { active: false },
    });
    expect(off.statusCode, off.body).toBe(200);

    // The backlog still arrives, and the head and the copy can be read.
    const up = await call(t, 'POST', '/api/register/journal', { entries: wire.slice(2) });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ acknowledgedSeq: wire.length });
    const head = await call(t, 'GET', '/api/register/journal/head');
    expect(head.statusCode).toBe(200);
    expect((await download(t, '')).entries).toHaveLength(wire.length);

    // Everything else is refused as before.
    for (const [method, url, body] of [
      ['GET', '/api/register/me', undefined],
      ['GET', '/api/register/catalogue', undefined],
      ['POST', '/api/register/heartbeat', { programVersion: '1.0.0', unsyncedEntries: 0 }],
    ] as const) {
      const r = await call(t, method, url, body);
      expect(r.statusCode, url).toBe(409);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('terminal-deactivated');
    }
  });

  it('refuses a removed binding everywhere, the journal routes included', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'D6');
    const j = journalOf('D6', 1);
    const wire = toUpload(j.entries);
    const removed = await app.inject({
      method: 'POST',
      url: `/api/terminals/${t.terminalId}/binding/remove`,
      headers: as(admin),
      payload: { confirmation: 'D6', reason: 'Ny dator' },
    });
    expect(removed.statusCode, removed.body).toBe(200);
    for (const [method, url, body] of [
      ['POST', '/api/register/journal', { entries: wire }],
      ['GET', '/api/register/journal/head', undefined],
      ['GET', '/api/register/journal', undefined],
      ['GET', '/api/register/me', undefined],
    ] as const) {
      const r = await call(t, method, url, body);
      expect(r.statusCode, url).toBe(401);
      expect(r.json<{ error: { code: string } }>().error.code).toBe('binding-removed');
    }
    // Removed and deactivated: still refused.
    const off = await app.inject({
      method: 'PATCH',
      url: `/api/terminals/${t.terminalId}`,
      headers: as(admin),
      payload: { active: false },
    });
    expect(off.statusCode).toBe(200);
    const r = await call(t, 'GET', '/api/register/journal');
    expect(r.json<{ error: { code: string } }>().error.code).toBe('binding-removed');
  });
});

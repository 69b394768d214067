/**
 * The server's copy as the anchor of a register's journal (docs/adr/0011-journal-anchors.md):
 * the heartbeat's journal report is compared with the acknowledged entries, a register behind
 * or differing is flagged for the backoffice with what to do, and a restore after entries that
 * were reported but never uploaded is flagged as a gap and told the receipt number to go on from.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ore, type JournalEntry } from '@kassa/core';
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
import { JournalBuilder, headerFor, toUpload } from './support/journal-fixture.js';

interface TerminalView {
  warnings: string[];
  sync: { problem: { code: string; seq: number | null; sv: string; en: string } | null };
}

const at = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;

/** A journal with `count` sales (receipt numbers 1…count). */
function journalOf(registerId: string, count: number, programVersion = '1.0.0'): JournalEntry[] {
  const j = new JournalBuilder(headerFor(registerId));
  j.append({ kind: 'register-started', data: { programVersion } }, at('07:58'));
  for (let i = 0; i < count; i++) {
    j.sell(
      at(`08:${String(10 + i).padStart(2, '0')}`),
      'admin',
      [{ articleNumber: 'K1', text: 'Kaffe', vatCategory: 'food', price: 3500 }],
      [{ method: 'card', amount: ore(3500) }],
    );
  }
  return j.entries;
}

describeDb('journal anchors: the register’s journal against the server’s copy', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let placeId: string;
  const clock = new FakeClock(new Date());

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock });
    const env = await buildEnvironment(tdb.database, 'ankare', 'Ankarbutiken AB');
    host = env.host;
    await setLicence(tdb.database.db, env.slug, { terminals: 20 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    placeId = await firstPlaceId(app, admin);
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  const request = (t: ConnectedTerminal, method: 'GET' | 'POST', url: string, body?: object) =>
    t.pc.request(app, host, method, url, body, clock.now().getTime());
  const upload = async (t: ConnectedTerminal, entries: readonly JournalEntry[]) => {
    const r = await request(t, 'POST', '/api/register/journal', { entries: toUpload(entries) });
    expect(r.statusCode, r.body).toBe(200);
  };
  const heartbeat = async (t: ConnectedTerminal, journal: object, unsyncedEntries = 0) => {
    const r = await request(t, 'POST', '/api/register/heartbeat', {
      programVersion: '1.0.0',
      unsyncedEntries,
      journal,
    });
    expect(r.statusCode, r.body).toBe(200);
  };
  const view = async (t: ConnectedTerminal) =>
    (await app.inject({ url: `/api/terminals/${t.terminalId}`, headers: as(admin) })).json<{
      terminal: TerminalView;
    }>().terminal;
  const report = (entries: readonly JournalEntry[], checkSeq: number, lastReceiptNumber = 0) => ({
    headSeq: entries.at(-1)?.seq ?? 0,
    headHash: entries.at(-1)?.hash ?? null,
    checkSeq,
    checkHash: entries[checkSeq - 1]?.hash ?? null,
    lastReceiptNumber,
  });

  it('a journal that matches: no flag', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'A1');
    const entries = journalOf('A1', 3);
    await upload(t, entries);
    await heartbeat(t, report(entries, entries.length, 3));
    const terminal = await view(t);
    expect(terminal.sync.problem).toBeNull();
    expect(terminal.warnings).not.toContain('sync-problem');
  });

  it('a journal cut at its tail: flagged journal-behind-server with what to do', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'A2');
    const entries = journalOf('A2', 3);
    await upload(t, entries);
    const cut = entries.slice(0, -2);
    await heartbeat(t, report(cut, cut.length, 2));
    const terminal = await view(t);
    expect(terminal.warnings).toContain('sync-problem');
    expect(terminal.sync.problem).toMatchObject({ code: 'journal-behind-server' });
    expect(terminal.sync.problem?.sv).toContain(
      `slutar vid post ${cut.length}, men servern har redan tagit emot ${entries.length} poster`,
    );
    expect(terminal.sync.problem?.sv).toContain('kassa restore-journal');
  });

  it('a journal rewritten whole (its own hash at the acknowledged seq differs): flagged', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'A3');
    const entries = journalOf('A3', 3);
    await upload(t, entries);
    // The same events from another start: every hash differs, the chain is whole.
    const rewritten = journalOf('A3', 4, '1.0.1');
    await heartbeat(t, report(rewritten, entries.length, 4));
    const terminal = await view(t);
    expect(terminal.sync.problem).toMatchObject({
      code: 'journal-differs-from-server',
      seq: entries.length,
    });
    expect(terminal.sync.problem?.sv).toContain('har skrivits om');
  });

  it('a restore after receipts reported but never uploaded: flagged as a gap, told where to go on', async () => {
    const t = await connectedTerminal(app, admin, placeId, 'A4');
    const entries = journalOf('A4', 5);
    await upload(t, entries.slice(0, 4)); // receipts 1–3 on the server
    await heartbeat(t, report(entries, 4, 5), 2);
    const plain = await request(t, 'GET', '/api/register/journal/head');
    expect(plain.json()).toEqual({ acknowledgedSeq: 4, acknowledgedHash: entries[3]?.hash });
    expect((await view(t)).sync.problem).toBeNull(); // a backlog alone is no gap

    const restoring = await request(t, 'GET', '/api/register/journal/head?restore=1');
    expect(restoring.statusCode).toBe(200);
    expect(restoring.json()).toEqual({
      acknowledgedSeq: 4,
      acknowledgedHash: entries[3]?.hash,
      reportedReceiptNumber: 5,
      lostEntries: 2,
    });
    const terminal = await view(t);
    expect(terminal.warnings).toContain('sync-problem');
    expect(terminal.sync.problem).toMatchObject({ code: 'journal-entries-lost', seq: 5 });
    expect(terminal.sync.problem?.sv).toContain(
      '2 poster ej uppladdade; högsta kvittonummer på servern 3, högsta som kassan rapporterat 5',
    );
  });
});

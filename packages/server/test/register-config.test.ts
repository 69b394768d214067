/**
 * Configuration through a cursor: GET /api/register/config answers nothing
 * for a current cursor, a full snapshot for an older one, and a snapshot marked as a reset for a
 * cursor this server never issued. Every backoffice change to what registers copy (products,
 * prices, users, PINs, who may sign in where, terminals, company details) makes a new cursor, in
 * the same transaction; other writes (heartbeat, journal upload, sign-in) do not; a new business
 * day does, and brings the prices in force that day.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RegisterConfigAnswer, RegisterConfigSnapshot } from '@kassa/contracts';
import { setLicence } from '../src/commands/terminals.js';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
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
import { JournalBuilder, headerFor, toUpload } from './support/journal-fixture.js';

describeDb('configuration through a cursor', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let placeId: string;
  let t: ConnectedTerminal;
  let productId: string;
  // 09:00 UTC on 25 November: 10:00 in Stockholm, business day 2026-11-25.
  const clock = new FakeClock(new Date('2026-11-25T09:00:00Z'));

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock });
    const env = await buildEnvironment(tdb.database, 'kursor', 'Kursorbutiken AB');
    host = env.host;
    await setLicence(tdb.database.db, env.slug, { terminals: 20 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    placeId = await firstPlaceId(app, admin);
    t = await connectedTerminal(app, admin, placeId, 'K1');
    const created = await send('POST', '/api/products', {
      articleNumber: '1001',
      name: 'Kaffe',
      barcodes: ['7310865004703'],
      priceOre: 3500,
      vatCategory: 'food',
      group: 'Dryck',
    });
    expect(created.statusCode, created.body).toBe(201);
    productId = created.json<{ product: { id: string } }>().product.id;
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  function send(method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) {
    return app.inject({ method, url, headers: as(admin), payload });
  }

  async function config(cursor?: string): Promise<RegisterConfigAnswer> {
    const query = cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}`;
    const r = await t.pc.request(
      app,
      host,
      'GET',
      `/api/register/config${query}`,
      undefined,
      clock.now().getTime(),
    );
    expect(r.statusCode, r.body).toBe(200);
    return r.json<RegisterConfigAnswer>();
  }

  function snapshot(answer: RegisterConfigAnswer): RegisterConfigSnapshot {
    if (!answer.changed) throw new Error(`expected a snapshot, got ${JSON.stringify(answer)}`);
    return answer;
  }

  it('gives a first snapshot, then nothing while nothing changes', async () => {
    const first = snapshot(await config());
    expect(first.reset).toBe(false);
    expect(first.cursor).toMatch(/^\d+\.2026-11-25$/);
    expect(first.businessDay).toBe('2026-11-25');
    expect(first.terminal).toMatchObject({ registerId: 'K1', active: true });
    expect(first.environment.companyName).toBe('Kursorbutiken AB');
    expect(first.catalogue.map((p) => [p.articleNumber, p.priceOre])).toEqual([['1001', 3500]]);
    expect(first.cashiers.map((c) => c.username)).toEqual([]); // the admin has no PIN yet

    const again = await config(first.cursor);
    expect(again).toEqual({ cursor: first.cursor, changed: false, serverTime: again.serverTime });
    expect(Date.parse(again.serverTime)).toBe(clock.now().getTime());
  });

  it('makes a new cursor for every change to what registers copy, with the change in it', async () => {
    let cursor = snapshot(await config()).cursor;
    const cashierId = await createUserAs(app, admin, 'kalle', 'cashier');
    const changes: [string, () => Promise<unknown>, (s: RegisterConfigSnapshot) => void][] = [
      [
        'a new price',
        () =>
          send('POST', `/api/products/${productId}/prices`, {
            priceOre: 3900,
            effectiveFrom: '2026-11-25',
          }),
        (s) => expect(s.catalogue.find((p) => p.id === productId)?.priceOre).toBe(3900),
      ],
      [
        'a product changed',
        () => send('PATCH', `/api/products/${productId}`, { name: 'Bryggkaffe' }),
        (s) => expect(s.catalogue.find((p) => p.id === productId)?.name).toBe('Bryggkaffe'),
      ],
      [
        'a new product',
        () =>
          send('POST', '/api/products', {
            articleNumber: '1002',
            name: 'Bulle',
            barcodes: [],
            priceOre: 2500,
            vatCategory: 'food',
            group: null,
          }),
        (s) => expect(s.catalogue.map((p) => p.articleNumber)).toContain('1002'),
      ],
      [
        'a PIN',
        () => send('PUT', `/api/users/${cashierId}/pin`, { pin: '4711' }),
        (s) => expect(s.otherUsernames).toContain('kalle'), // a PIN, but not allowed here yet
      ],
      [
        'who may sign in here',
        () => send('PUT', `/api/users/${cashierId}/terminals`, { terminalIds: [t.terminalId] }),
        (s) => expect(s.cashiers.map((c) => c.username)).toContain('kalle'),
      ],
      [
        'a user changed',
        () => send('PATCH', `/api/users/${cashierId}`, { displayName: 'Kalle K' }),
        (s) => expect(s.cashiers.find((c) => c.username === 'kalle')?.displayName).toBe('Kalle K'),
      ],
      [
        'a new user',
        () => createUserAs(app, admin, 'olle', 'cashier'),
        (s) => expect(s.otherUsernames).toContain('olle'),
      ],
      [
        'the terminal renamed',
        () => send('PATCH', `/api/terminals/${t.terminalId}`, { name: 'Disken' }),
        (s) => expect(s.terminal.name).toBe('Disken'),
      ],
      [
        'a new terminal',
        () =>
          send('POST', '/api/terminals', {
            name: 'Två',
            placeOfBusinessId: placeId,
            registerId: 'K2',
          }),
        (s) => expect(s.terminal.registerId).toBe('K1'),
      ],
      [
        'the company name',
        () => send('PATCH', '/api/environment', { companyName: 'Kursorbutiken i Stan AB' }),
        (s) => expect(s.environment.companyName).toBe('Kursorbutiken i Stan AB'),
      ],
    ];
    for (const [what, change, check] of changes) {
      const done = (await change()) as { statusCode?: number; body?: string } | string;
      if (typeof done === 'object')
        expect(done.statusCode, `${what}: ${done.body}`).toBeLessThan(300);
      const answer = snapshot(await config(cursor));
      expect(answer.reset, what).toBe(false);
      expect(answer.cursor, what).not.toBe(cursor);
      check(answer);
      cursor = answer.cursor;
      expect((await config(cursor)).changed, what).toBe(false);
    }
  });

  it('keeps the cursor through writes that are not configuration', async () => {
    const { cursor } = snapshot(await config());
    const now = clock.now().getTime();
    const beat = await t.pc.request(
      app,
      host,
      'POST',
      '/api/register/heartbeat',
      { programVersion: '1.0.0', unsyncedEntries: 3 },
      now,
    );
    expect(beat.statusCode).toBe(200);
    const j = new JournalBuilder(headerFor('K1'));
    j.append(
      { kind: 'register-started', data: { programVersion: '1.0.0' } },
      '2026-11-25T08:00:00Z',
    );
    const up = await t.pc.request(
      app,
      host,
      'POST',
      '/api/register/journal',
      { entries: toUpload(j.entries) },
      now,
    );
    expect(up.statusCode, up.body).toBe(200);
    await signInAs(app, host, 'admin');
    // A failed change writes nothing, so the cursor stays too.
    const refused = await send('PATCH', '/api/products/00000000-0000-4000-8000-000000000000', {
      name: 'Ingen',
    });
    expect(refused.statusCode).toBe(404);
    // An import that creates a product, then fails on a later row, is rolled back whole: the
    // version bump of the first row with it.
    const rolledBack = await send('POST', '/api/products/import', {
      csv: [
        'artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv',
        '3001;Kaka;;20,00;livsmedel;vara;;ja',
        '3002;Tårta;7310865004703;90,00;livsmedel;vara;;ja',
      ].join('\n'),
    });
    expect(rolledBack.statusCode, rolledBack.body).toBe(400);
    expect(await config(cursor)).toMatchObject({ cursor, changed: false });
    // The same import without the taken barcode is a change.
    const imported = await send('POST', '/api/products/import', {
      csv: [
        'artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv',
        '3001;Kaka;;20,00;livsmedel;vara;;ja',
      ].join('\n'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const after = snapshot(await config(cursor));
    expect(after.catalogue.map((p) => p.articleNumber)).toContain('3001');
  });

  it('answers a cursor it never issued with a reset snapshot', async () => {
    const { cursor } = snapshot(await config());
    const [version, day] = cursor.split('.') as [string, string];
    for (const bogus of [
      'skräp',
      '12',
      `${version}.2026-13-01`,
      `${Number(version) + 1}.${day}`, // a version ahead (a database restored from a backup)
      `${version}.2026-11-26`, // a day ahead
      `-1.${day}`,
    ]) {
      const answer = snapshot(await config(bogus));
      expect(answer.reset, bogus).toBe(true);
      expect(answer.cursor).toBe(cursor);
      expect(answer.catalogue.length).toBeGreaterThan(0);
    }
    const older = snapshot(await config(`0.${day}`));
    expect(older.reset).toBe(false);
  });

  it('refuses a deactivated terminal, as /me does', async () => {
    const other = await connectedTerminal(app, admin, placeId, 'K9');
    const off = await send('PATCH', `/api/terminals/${other.terminalId}`, { active: false });
    expect(off.statusCode).toBe(200);
    const r = await other.pc.request(
      app,
      host,
      'GET',
      '/api/register/config',
      undefined,
      clock.now().getTime(),
    );
    expect(r.statusCode).toBe(409);
    expect(r.json<{ error: { code: string } }>().error.code).toBe('terminal-deactivated');
  });

  it('makes a new business day a new cursor, with the prices in force that day', async () => {
    const before = snapshot(await config());
    const bumped = await send('POST', `/api/products/${productId}/prices`, {
      priceOre: 4200,
      effectiveFrom: '2026-11-26',
    });
    expect(bumped.statusCode, bumped.body).toBe(200);
    const today = snapshot(await config(before.cursor));
    expect(today.catalogue.find((p) => p.id === productId)?.priceOre).toBe(3900);
    expect((await config(today.cursor)).changed).toBe(false);

    // 23:30 UTC is 00:30 on the 26th in Stockholm: no write, yet a new day and a new price.
    clock.advance((14 * 60 + 30) * 60_000);
    const tomorrow = snapshot(await config(today.cursor));
    expect(tomorrow.reset).toBe(false);
    expect(tomorrow.businessDay).toBe('2026-11-26');
    expect(tomorrow.cursor).toBe(`${today.cursor.split('.')[0]}.2026-11-26`);
    expect(tomorrow.catalogue.find((p) => p.id === productId)?.priceOre).toBe(4200);
    expect((await config(tomorrow.cursor)).changed).toBe(false);
  });
});

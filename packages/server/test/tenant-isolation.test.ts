import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ore } from '@kassa/core';
import { DEFAULT_SIE_ACCOUNTS } from '@kassa/contracts';
import { createTestDatabase, describeDb, type TestDatabase } from './support/test-db.js';
import { SimulatedPc } from './support/device.js';
import { connectedTerminal } from './support/connected-terminal.js';
import { JournalBuilder, headerFor, toUpload } from './support/journal-fixture.js';
import {
  ADMIN_PASSWORD,
  as,
  buildEnvironment,
  buildTestApp,
  createUserAs,
  signInAs,
  type Session,
} from './support/test-app.js';

/**
 * A user of environment A can never reach environment B: every /api route that exists is called
 * with A's session and B's identifiers, and every answer is a 404 or holds nothing of B.
 * A new route without an entry here fails the test, so isolation is proven route by route.
 */
describeDb('environments are isolated from each other', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let adminA: Session;
  let adminB: Session;
  let bUserId: string;
  let bAdminId: string;
  let bTerminalId: string;
  let bPlaceId: string;
  let bProductId: string;
  let bBusinessDay: string;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database);
    const a = await buildEnvironment(tdb.database, 'alfa', 'Alfa Bageri AB');
    const b = await buildEnvironment(tdb.database, 'beta', 'Beta Blommor AB');
    bAdminId = b.adminUserId;
    adminA = await signInAs(app, a.host, 'admin');
    adminB = await signInAs(app, b.host, 'admin');
    bUserId = await createUserAs(app, adminB, 'bara-i-beta', 'cashier');
    const envB = await app.inject({ url: '/api/environment', headers: as(adminB) });
    bPlaceId = envB.json<{ placesOfBusiness: { id: string }[] }>().placesOfBusiness[0]?.id ?? '';
    const terminal = await app.inject({
      method: 'POST',
      url: '/api/terminals',
      headers: as(adminB),
      payload: { name: 'Betas kassa', placeOfBusinessId: bPlaceId, registerId: 'BETA1' },
    });
    if (terminal.statusCode !== 201) throw new Error(terminal.body);
    const product = await app.inject({
      method: 'POST',
      url: '/api/products',
      headers: as(adminB),
      payload: {
        articleNumber: 'B-1',
        name: 'Betas bukett',
        priceOre: 19900,
        vatCategory: 'standard',
        barcodes: ['96385074'],
      },
    });
    if (product.statusCode !== 201) throw new Error(product.body);
    bProductId = product.json<{ product: { id: string } }>().product.id;
    bTerminalId = terminal.json<{ terminal: { id: string } }>().terminal.id;
    await app.inject({
      method: 'PUT',
      url: `/api/users/${bUserId}/terminals`,
      headers: as(adminB),
      payload: { terminalIds: [bTerminalId] },
    });
    // B's register has sold and uploaded a day with its Z: reports of B have something to leak.
    const pcB = new SimulatedPc('BETA-PC');
    const connected = await app.inject({
      method: 'POST',
      url: '/api/register/connect',
      headers: { host: b.host },
      payload: {
        method: 'password',
        username: 'admin',
        password: ADMIN_PASSWORD,
        terminalId: bTerminalId,
        ...pcB.identity(),
      },
    });
    if (connected.statusCode !== 200) throw new Error(connected.body);
    pcB.bindingId = connected.json<{ bindingId: string }>().bindingId;
    const journal = new JournalBuilder(headerFor('BETA1', 'Beta Blommor AB'));
    const sold = journal.sell(
      app.deps.clock.now().toISOString(),
      'bara-i-beta',
      [{ articleNumber: 'B-1', text: 'Betas bukett', vatCategory: 'standard', price: 19900 }],
      [{ method: 'card', amount: 19900 as Ore }],
    );
    journal.closeDay(sold.businessDay, app.deps.clock.now().toISOString(), 'bara-i-beta');
    const uploaded = await pcB.request(
      app,
      b.host,
      'POST',
      '/api/register/journal',
      { entries: toUpload(journal.entries) },
      app.deps.clock.now().getTime(),
    );
    if (uploaded.statusCode !== 200) throw new Error(uploaded.body);
    bBusinessDay = sold.businessDay;
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  // How each route is called by A to try to reach B's data. `secretOfB` must not appear in answers.
  type Probe = { payload?: unknown; query?: string; expect: 'not-found' | 'no-leak' };
  const probes: Record<string, Probe> = {
    'GET /api/health': { expect: 'no-leak' },
    'GET /api/openapi.json': { expect: 'no-leak' },
    'POST /api/auth/login': {
      payload: { username: 'bara-i-beta', password: 'ett-bra-losenord-42' },
      expect: 'no-leak',
    },
    'POST /api/auth/logout': { expect: 'no-leak' },
    'GET /api/auth/me': { expect: 'no-leak' },
    'GET /api/users': { expect: 'no-leak' },
    'POST /api/users': {
      payload: {
        username: 'ny-i-alfa',
        displayName: 'Ny',
        role: 'cashier',
        password: 'ett-bra-losenord-42',
      },
      expect: 'no-leak',
    },
    'GET /api/users/:id': { expect: 'not-found' },
    'PATCH /api/users/:id': { payload: { displayName: 'Kapad' }, expect: 'not-found' },
    'POST /api/users/:id/password': {
      payload: { password: 'kapat-losenord-1' },
      expect: 'not-found',
    },
    'GET /api/environment': { expect: 'no-leak' },
    'PATCH /api/environment': { payload: { companyName: 'Alfa Bageri AB' }, expect: 'no-leak' },
    'GET /api/audit-log': { expect: 'no-leak' },
    'PUT /api/users/:id/pin': { payload: { pin: '1234' }, expect: 'not-found' },
    'PUT /api/users/:id/terminals': { payload: { terminalIds: [] }, expect: 'not-found' },
    'GET /api/licence': { expect: 'no-leak' },
    'GET /api/terminals': { expect: 'no-leak' },
    'POST /api/terminals': {
      payload: { name: 'Kassa', placeOfBusinessId: 'PLACE_OF_B', registerId: 'K1' },
      expect: 'no-leak',
    },
    'GET /api/terminals/:id': { expect: 'not-found' },
    'PATCH /api/terminals/:id': { payload: { name: 'Kapad' }, expect: 'not-found' },
    'PUT /api/terminals/:id/registration': {
      payload: { controlUnitSerial: null, status: 'registered', registeredOn: null },
      expect: 'not-found',
    },
    'POST /api/terminals/:id/binding/remove': {
      payload: { confirmation: 'BETA1', reason: 'Kapning' },
      expect: 'not-found',
    },
    'GET /api/terminals/:id/pairing-code': { expect: 'not-found' },
    'POST /api/terminals/:id/installer': { expect: 'not-found' },
    'POST /api/register/terminals': {
      payload: { username: 'admin', password: ADMIN_PASSWORD },
      expect: 'no-leak',
    },
    'POST /api/register/connect': {
      payload: {
        method: 'password',
        username: 'admin',
        password: ADMIN_PASSWORD,
        terminalId: 'TERMINAL_OF_B',
        ...new SimulatedPc('KAPARE').identity(),
      },
      expect: 'no-leak',
    },
    'GET /api/register/me': { expect: 'no-leak' },
    'GET /api/register/catalogue': { expect: 'no-leak' },
    'GET /api/register/config': { expect: 'no-leak' },
    'GET /api/products': { expect: 'no-leak' },
    'GET /api/products/:id': { expect: 'not-found' },
    'POST /api/products': {
      payload: {
        articleNumber: 'B-1',
        name: 'Alfas',
        priceOre: 100,
        vatCategory: 'standard',
        barcodes: ['96385074'],
      },
      expect: 'no-leak',
    },
    'PATCH /api/products/:id': { payload: { name: 'Kapad' }, expect: 'not-found' },
    'POST /api/products/:id/prices': {
      payload: { priceOre: 1, effectiveFrom: '2030-01-01' },
      expect: 'not-found',
    },
    'POST /api/products/import': {
      payload: { csv: 'artikelnummer;namn;pris;moms\nB-1;Alfas;1,00;standard', dryRun: true },
      expect: 'no-leak',
    },
    'POST /api/register/heartbeat': {
      payload: { programVersion: '0.1.0', unsyncedEntries: 0 },
      expect: 'no-leak',
    },
    'POST /api/register/journal': {
      payload: { entries: [] },
      expect: 'no-leak',
    },
    'GET /api/register/journal/head': { expect: 'no-leak' },
    'GET /api/register/journal': { query: '?after=0', expect: 'no-leak' },
    // Accounting settings and the accountant's exports.
    'GET /api/settings/accounting': { expect: 'no-leak' },
    'PUT /api/settings/accounting': {
      payload: { accounts: DEFAULT_SIE_ACCOUNTS },
      expect: 'no-leak',
    },
    'GET /api/exports/sie': {
      query: '?from=DAY_OF_B&to=DAY_OF_B&terminalId=TERMINAL_OF_B',
      expect: 'not-found',
    },
    'GET /api/exports/sales.csv': {
      query: '?from=DAY_OF_B&to=DAY_OF_B&groupBy=terminal',
      expect: 'no-leak',
    },
    'GET /api/exports/z.csv': { query: '?from=DAY_OF_B&to=DAY_OF_B', expect: 'no-leak' },
    'POST /api/terminals/:id/sync-problem/acknowledge': { expect: 'not-found' },
    'GET /api/reports/sales': {
      query: '?from=DAY_OF_B&to=DAY_OF_B&groupBy=terminal&terminalId=TERMINAL_OF_B',
      expect: 'no-leak',
    },
    'GET /api/reports/sales/overview': {
      query: '?from=DAY_OF_B&to=DAY_OF_B&terminalId=TERMINAL_OF_B',
      expect: 'no-leak',
    },
    'GET /api/reports/z': { query: '?terminalId=TERMINAL_OF_B', expect: 'no-leak' },
    'GET /api/reports/z/:terminalId/:zNumber': { expect: 'not-found' },
    'GET /api/reports/z/:terminalId/:zNumber/pdf': { expect: 'not-found' },
    'GET /api/exports/journal.xml': {
      query: '?terminalId=TERMINAL_OF_B&from=DAY_OF_B&to=DAY_OF_B',
      expect: 'not-found',
    },
    'GET /api/exports/journal-problems.json': {
      query: '?terminalId=TERMINAL_OF_B&from=DAY_OF_B&to=DAY_OF_B',
      expect: 'not-found',
    },
  };

  it('covers every API route, and no route lets A read or change anything of B', async () => {
    const routes = app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    expect(
      routes.filter((r) => !(r in probes)),
      'routes without an isolation probe',
    ).toEqual([]);
    const secretsOfB = [
      'Beta Blommor',
      'bara-i-beta',
      bUserId,
      bAdminId,
      'beta',
      'BETA1',
      bTerminalId,
      bPlaceId,
      'Betas bukett',
      'Betas kassa',
    ];

    for (const route of app.apiRoutes) {
      const key = `${route.method} ${route.url}`;
      const probe = probes[key];
      if (!probe) throw new Error(key);
      const targets = route.url.startsWith('/api/terminals')
        ? [bTerminalId]
        : route.url.startsWith('/api/reports')
          ? [bTerminalId]
          : route.url.startsWith('/api/products')
            ? [bProductId]
            : [bUserId, bAdminId];
      for (const targetId of targets) {
        const session =
          route.url === '/api/auth/logout' ? await signInAs(app, adminA.host, 'admin') : adminA;
        const response = await app.inject({
          method: route.method as 'GET',
          url:
            route.url
              .replace(':id', targetId)
              .replace(':terminalId', targetId)
              .replace(':zNumber', '1') +
            (probe.query ?? '')
              .replace('TERMINAL_OF_B', bTerminalId)
              .replaceAll('DAY_OF_B', bBusinessDay),
          headers: as(session),
          ...(probe.payload === undefined
            ? {}
            : {
                payload: JSON.parse(
                  JSON.stringify(probe.payload)
                    .replace('PLACE_OF_B', bPlaceId)
                    .replace('TERMINAL_OF_B', bTerminalId),
                ) as object,
              }),
        });
        if (probe.expect === 'not-found') {
          expect(response.statusCode, key).toBe(404);
        } else {
          expect(response.statusCode, key).toBeLessThan(500);
          for (const secret of secretsOfB)
            expect(response.body, `${key} leaks ${secret}`).not.toContain(secret);
        }
      }
    }

    // B's data is untouched.
    const bUser = await app.inject({ url: `/api/users/${bUserId}`, headers: as(adminB) });
    expect(bUser.json()).toMatchObject({ user: { displayName: 'BARA-I-BETA', active: true } });
    expect((await signInAs(app, adminB.host, 'bara-i-beta', 'ett-bra-losenord-42')).userId).toBe(
      bUserId,
    );
  });

  it("refuses A's session cookie on B's address", async () => {
    const response = await app.inject({
      url: '/api/users',
      headers: { ...as(adminA), host: adminB.host },
    });
    expect(response.statusCode).toBe(401);
  });

  it("does not sign a user of B in on A's address", async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { host: adminA.host },
      payload: { username: 'bara-i-beta', password: 'ett-bra-losenord-42' },
    });
    expect(response.statusCode).toBe(401);
  });
  it("keeps B's products out of A's catalogue search, pages, totals and register delta", async () => {
    // A has an article sharing a word with B's, so a search that leaked would find both.
    const created = await app.inject({
      method: 'POST',
      url: '/api/products',
      headers: as(adminA),
      payload: { articleNumber: 'A-1', name: 'Alfas bukett', priceOre: 100, vatCategory: 'food' },
    });
    expect(created.statusCode, created.body).toBe(201);
    // A's own catalogue (the probes above may have given A an article B-1 with B's barcode too:
    // article numbers and barcodes are per environment).
    const own = await app.inject({ url: '/api/products', headers: as(adminA) });
    const ownIds = own
      .json<{ products: { id: string }[] }>()
      .products.map((p) => p.id)
      .sort();
    const ownCount = ownIds.length;
    const secrets = ['Betas bukett', bProductId];
    for (const [query, total] of [
      ['q=bukett&limit=200', 1],
      ['q=BUKETT&offset=0&limit=1', 1],
      ['q=bukett', 1],
      ['q=betas&limit=200', 0],
      ['q=betas', 0],
      ['q=96385074&limit=200', null],
      ['limit=200', ownCount],
      [`offset=${ownCount}&limit=1`, ownCount],
    ] as const) {
      const response = await app.inject({ url: `/api/products?${query}`, headers: as(adminA) });
      expect(response.statusCode, query).toBe(200);
      const page = response.json<{ total: number; products: { name: string }[] }>();
      if (total !== null) expect(page.total, query).toBe(total);
      expect(page.total, query).toBeLessThanOrEqual(ownCount);
      for (const product of page.products) expect(product.name, query).toMatch(/^Alfas/);
      for (const secret of secrets) {
        expect(response.body, `${query}: ${secret}`).not.toContain(secret);
      }
    }

    // A's register asking for a delta since the start sees only A's catalogue.
    const envA = await app.inject({ url: '/api/environment', headers: as(adminA) });
    const placeA = envA.json<{ placesOfBusiness: { id: string }[] }>().placesOfBusiness[0]?.id;
    const terminal = await connectedTerminal(app, adminA, placeA ?? '', 'ALFA9');
    const day = (await app.inject({ url: '/api/products', headers: as(adminA) })).json<{
      businessDay: string;
    }>().businessDay;
    for (const query of [
      `?cursor=0.${day}&catalogue=delta`,
      `?cursor=1.${day}&catalogue=delta`,
      '',
    ]) {
      const config = await terminal.pc.request(
        app,
        adminA.host,
        'GET',
        `/api/register/config${query}`,
        undefined,
        app.deps.clock.now().getTime(),
      );
      expect(config.statusCode, query).toBe(200);
      const body = config.json<{ catalogue?: { id: string }[] }>();
      const ids = (body.catalogue ?? []).map((p) => p.id).sort();
      // The whole catalogue, or (a delta since a later version) a part of it: A's products only.
      if (!query.startsWith('?cursor=1.')) expect(ids, query).toEqual(ownIds);
      for (const id of ids) expect(ownIds, query).toContain(id);
      for (const secret of secrets)
        expect(config.body, `${query}: ${secret}`).not.toContain(secret);
    }
  });
});

/**
 * The catalogue searched and paged on the server (GET /api/products?q=&offset=&limit=, a trigram
 * index, docs/adr/0015): pages by article number that add up to the whole catalogue, a total for
 * every search, every word matched in the article number, name, group or a barcode whatever its
 * case (Å, Ä and Ö too, in the C locale of the PostgreSQL test cluster as in PGlite), LIKE's
 * wildcards taken literally; a barcode moving between two articles of one import file; and the
 * registers' catalogue delta, which holds exactly what changed after the cursor.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Product, RegisterConfigAnswer, RegisterConfigSnapshot } from '@kassa/contracts';
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

/** An EAN-13 with its check digit. */
function ean(twelve: string): string {
  const sum = [...twelve].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}

interface Page {
  businessDay: string;
  products: Product[];
  total: number;
  offset: number;
  limit: number;
}

describeDb('the catalogue searched and paged on the server', () => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let host: string;
  let register: ConnectedTerminal;
  const clock = new FakeClock(new Date('2026-11-25T09:00:00Z'));
  const HEADER = 'artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv';
  const COUNT = 230;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    app = await buildTestApp(tdb.database, { clock });
    const env = await buildEnvironment(tdb.database, 'sokning', 'Sökbutiken AB');
    host = env.host;
    await setLicence(tdb.database.db, env.slug, { terminals: 5 }, clock.now());
    admin = await signInAs(app, host, 'admin');
    register = await connectedTerminal(app, admin, await firstPlaceId(app, admin), 'S1');
    const rows = Array.from({ length: COUNT }, (_, i) => {
      const n = String(i).padStart(4, '0');
      const name = i % 2 === 0 ? `ÖLGLAS ÅNGBÅT ${n}` : `Saftglas äpple ${n}`;
      const barcode = i % 10 === 0 ? ean(`731000${String(i).padStart(6, '0')}`) : '';
      return `ART-${n};${name};${barcode};${10 + i},00;standard;vara;${i % 3 === 0 ? 'Fika' : ''};ja`;
    });
    rows.push('SPEC-1;100% juice_mix;;5,00;livsmedel;vara;;ja');
    const imported = await post('/api/products/import', { csv: [HEADER, ...rows].join('\n') });
    expect(imported.statusCode, imported.body).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await tdb.drop();
  });

  function post(url: string, payload: object) {
    return app.inject({ method: 'POST', url, headers: as(admin), payload });
  }

  async function page(query: string): Promise<Page> {
    const r = await app.inject({ url: `/api/products?${query}`, headers: as(admin) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<Page>();
  }

  async function config(cursor?: string): Promise<RegisterConfigSnapshot> {
    const query =
      cursor === undefined ? '' : `?cursor=${encodeURIComponent(cursor)}&catalogue=delta`;
    const r = await register.pc.request(
      app,
      host,
      'GET',
      `/api/register/config${query}`,
      undefined,
      clock.now().getTime(),
    );
    expect(r.statusCode, r.body).toBe(200);
    const answer = r.json<RegisterConfigAnswer>();
    if (!answer.changed) throw new Error(`expected a snapshot, got ${r.body}`);
    return answer;
  }

  it('pages by article number through the whole catalogue, with the total on every page', async () => {
    const all = (await page('')).products.map((p) => p.articleNumber).sort();
    expect(all).toHaveLength(COUNT + 1);
    const seen: string[] = [];
    for (let offset = 0; offset < COUNT + 1; offset += 50) {
      const one = await page(`offset=${offset}&limit=50`);
      expect(one).toMatchObject({ total: COUNT + 1, offset, limit: 50 });
      expect(one.products.length).toBe(Math.min(50, COUNT + 1 - offset));
      seen.push(...one.products.map((p) => p.articleNumber));
    }
    expect(seen).toEqual(all);
    expect((await page(`offset=${COUNT + 5}&limit=50`)).products).toEqual([]);
    const tooLarge = await app.inject({ url: '/api/products?limit=201', headers: as(admin) });
    expect(tooLarge.statusCode).toBe(400);
  });

  it('matches every word in any case, Å, Ä and Ö too, in the article number, name, group or a barcode', async () => {
    const half = Math.ceil(COUNT / 2);
    for (const q of ['ölglas', 'ÖLGLAS', 'Ölglas ångbåt', 'ÅNGBÅT']) {
      expect((await page(`q=${encodeURIComponent(q)}&limit=10`)).total, q).toBe(half);
    }
    expect((await page(`q=${encodeURIComponent('ÄPPLE')}&limit=10`)).total).toBe(COUNT - half);
    const both = await page(`q=${encodeURIComponent('ölglas art-0016')}&limit=10`);
    expect(both.products.map((p) => p.articleNumber)).toEqual(['ART-0016']);
    expect((await page(`q=${encodeURIComponent('ölglas äpple')}&limit=10`)).total).toBe(0);
    expect((await page('q=art-0101&limit=10')).products.map((p) => p.name)).toEqual([
      'Saftglas äpple 0101',
    ]);
    const barcode = ean('731000000120');
    expect((await page(`q=${barcode}&limit=10`)).products.map((p) => p.articleNumber)).toEqual([
      'ART-0120',
    ]);
    expect((await page('q=fika&limit=10')).total).toBe(Math.ceil(COUNT / 3));
    // The same search without a limit (every product, by name) takes the same products.
    expect((await page(`q=${encodeURIComponent('Ölglas')}`)).products).toHaveLength(half);
  });

  it("takes LIKE's wildcards and backslash literally", async () => {
    expect(
      (await page(`q=${encodeURIComponent('100%')}&limit=10`)).products.map((p) => p.articleNumber),
    ).toEqual(['SPEC-1']);
    expect((await page(`q=${encodeURIComponent('%')}&limit=10`)).total).toBe(1);
    expect((await page(`q=${encodeURIComponent('e_m')}&limit=10`)).total).toBe(1);
    expect((await page(`q=${encodeURIComponent('_')}&limit=10`)).total).toBe(1);
    expect((await page(`q=${encodeURIComponent('\\')}&limit=10`)).total).toBe(0);
  });

  it('moves a barcode between two articles of one import file, and swaps two', async () => {
    const x = ean('731000999001');
    const y = ean('731000999002');
    const first = await post('/api/products/import', {
      csv: [
        HEADER,
        `MOVE-A;Flyttare A;${x};1,00;standard;vara;;ja`,
        'MOVE-B;Flyttare B;;1,00;standard;vara;;ja',
      ].join('\n'),
    });
    expect(first.statusCode, first.body).toBe(200);
    // X moves from A to B in the file that lets A go of it; A takes a new Y.
    const moved = await post('/api/products/import', {
      csv: [
        HEADER,
        `MOVE-A;Flyttare A;${y};1,00;standard;vara;;ja`,
        `MOVE-B;Flyttare B;${x};1,00;standard;vara;;ja`,
      ].join('\n'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const barcodes = async () =>
      Object.fromEntries(
        (await page('q=flyttare&limit=10')).products.map((p) => [p.articleNumber, p.barcodes]),
      );
    expect(await barcodes()).toEqual({ 'MOVE-A': [y], 'MOVE-B': [x] });
    expect((await page(`q=${x}&limit=10`)).products.map((p) => p.articleNumber)).toEqual([
      'MOVE-B',
    ]);
    // Swapped in one file.
    const swapped = await post('/api/products/import', {
      csv: [
        HEADER,
        `MOVE-A;Flyttare A;${x};1,00;standard;vara;;ja`,
        `MOVE-B;Flyttare B;${y};1,00;standard;vara;;ja`,
      ].join('\n'),
    });
    expect(swapped.statusCode, swapped.body).toBe(200);
    expect(await barcodes()).toEqual({ 'MOVE-A': [x], 'MOVE-B': [y] });
    expect((await page(`q=${x}&limit=10`)).products.map((p) => p.articleNumber)).toEqual([
      'MOVE-A',
    ]);
    // Taken by an article that keeps it (not in the file): refused, nothing saved.
    const taken = await post('/api/products/import', {
      csv: [HEADER, `MOVE-B;Flyttare B;${x};1,00;standard;vara;;ja`].join('\n'),
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('barcode-taken');
    expect(await barcodes()).toEqual({ 'MOVE-A': [x], 'MOVE-B': [y] });
  });

  it('sends a register exactly the products changed after its cursor, each cursor its own', async () => {
    const full = await config();
    expect(full.catalogueDelta).toBeUndefined();
    expect(full.catalogue).toHaveLength(COUNT + 3);
    const numbersOf = (s: RegisterConfigSnapshot) => s.catalogue.map((p) => p.articleNumber).sort();
    const idOf = async (number: string) =>
      (await page(`q=${number}&limit=1`)).products[0]?.id ?? '';

    // Changed after the full snapshot: a name, then a price.
    await app.inject({
      method: 'PATCH',
      url: `/api/products/${await idOf('ART-0003')}`,
      headers: as(admin),
      payload: { name: 'Saftglas stort' },
    });
    const afterName = await config(full.cursor);
    expect(afterName.catalogueDelta).toBe(true);
    expect(numbersOf(afterName)).toEqual(['ART-0003']);
    await post(`/api/products/${await idOf('ART-0004')}/prices`, {
      priceOre: 9900,
      effectiveFrom: '2026-11-25',
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/products/${await idOf('ART-0005')}`,
      headers: as(admin),
      payload: { active: false },
    });
    // From the first cursor: all three; from the second: only the later two, the inactive one
    // included so the register drops it.
    expect(numbersOf(await config(full.cursor))).toEqual(['ART-0003', 'ART-0004', 'ART-0005']);
    const later = await config(afterName.cursor);
    expect(numbersOf(later)).toEqual(['ART-0004', 'ART-0005']);
    expect(later.catalogue.find((p) => p.articleNumber === 'ART-0004')?.priceOre).toBe(9900);
    expect(later.catalogue.find((p) => p.articleNumber === 'ART-0005')?.active).toBe(false);
    // An import that changes one article and leaves the others as they are sends that one.
    const imported = await post('/api/products/import', {
      csv: [
        HEADER,
        'ART-0006;Ändrad i fil;;16,00;standard;vara;Fika;ja',
        'ART-0007;Saftglas äpple 0007;;17,00;standard;vara;;ja',
      ].join('\n'),
    });
    expect(imported.json()).toMatchObject({ updated: 1, unchanged: 1 });
    expect(numbersOf(await config(later.cursor))).toEqual(['ART-0006']);
  });
});

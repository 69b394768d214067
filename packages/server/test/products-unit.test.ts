import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { selectRows } from '../src/db/database.js';
import { describeDb, type TestDatabase } from './support/test-db.js';
import { FakeClock, as, type Session } from './support/test-app.js';
import { openSignedInApp, type SignedInApp } from './support/signed-in-app.js';
import { pullCatalogue } from './support/catalogue-pull.js';

interface ProductView {
  id: string;
  articleNumber: string;
  name: string;
  unit: string;
  kind: string;
  active: boolean;
  priceOre: number | null;
}
interface ErrorView {
  error: {
    code: string;
    sv: string;
    en: string;
    details?: {
      errors?: { row: number; column: string | null; code: string; sv: string; en: string }[];
    };
  };
}

const HEADER = 'artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv;enhet';

describeDb('weighed products: the unit (styck or kilo) of a product', () => {
  let opened: SignedInApp;
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: Session;
  let tenantId: string;
  const clock = new FakeClock(new Date('2026-11-25T10:00:00Z'));

  beforeAll(async () => {
    opened = await openSignedInApp(clock, 'vikt');
    ({ tdb, app, tenantId, admin } = opened);
  });
  afterAll(() => opened.close());

  const post = (url: string, payload: object) =>
    app.inject({ method: 'POST', url, headers: as(admin), payload });
  const patch = (id: string, payload: object) =>
    app.inject({ method: 'PATCH', url: `/api/products/${id}`, headers: as(admin), payload });
  const list = async () =>
    (await app.inject({ url: '/api/products', headers: as(admin) })).json<{
      products: ProductView[];
    }>().products;
  const byNumber = async (articleNumber: string) => {
    const found = (await list()).find((p) => p.articleNumber === articleNumber);
    if (!found) throw new Error(`${articleNumber} missing`);
    return found;
  };
  const productCount = async () =>
    (
      await selectRows<{ n: number }>(
        tdb.database.db,
        sql`select count(*)::int as n from products where tenant_id = ${tenantId}`,
      )
    )[0]?.n;

  it('creates products by the piece (the default) and by the kilogram, and refuses other units', async () => {
    const piece = await post('/api/products', {
      articleNumber: 'U-1',
      name: 'Kanelbulle',
      priceOre: 3200,
      vatCategory: 'food',
    });
    expect(piece.statusCode).toBe(201);
    expect(piece.json<{ product: ProductView }>().product.unit).toBe('piece');

    const weighed = await post('/api/products', {
      articleNumber: 'U-2',
      name: 'Lösgodis',
      priceOre: 12900,
      vatCategory: 'food',
      unit: 'kilogram',
    });
    expect(weighed.statusCode).toBe(201);
    expect(weighed.json<{ product: ProductView }>().product).toMatchObject({
      unit: 'kilogram',
      priceOre: 12900, // per kilogram
    });

    const before = await productCount();
    for (const unit of ['gram', 'kg', 'Kilogram', '', null, 1]) {
      const refused = await post('/api/products', {
        articleNumber: 'U-3',
        name: 'Ost',
        priceOre: 15900,
        vatCategory: 'food',
        unit,
      });
      expect(refused.statusCode, JSON.stringify(unit)).toBe(400);
      const error = refused.json<ErrorView>().error;
      expect(error.code).toBe('validation-failed');
      expect(error.sv).not.toBe('');
    }
    expect(await productCount()).toBe(before);
  });

  it('changes the unit of a product, and refuses a bad unit without changing anything', async () => {
    const bun = await byNumber('U-1');
    const changed = await patch(bun.id, { unit: 'kilogram' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<{ product: ProductView }>().product).toMatchObject({
      unit: 'kilogram',
      name: 'Kanelbulle',
    });
    const refused = await patch(bun.id, { unit: 'liter', name: 'Inte sparat' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<ErrorView>().error.code).toBe('validation-failed');
    expect(await byNumber('U-1')).toMatchObject({ unit: 'kilogram', name: 'Kanelbulle' });
    // A change of something else leaves the unit as it is.
    await patch(bun.id, { name: 'Kanelbulle, stor' });
    expect(await byNumber('U-1')).toMatchObject({ unit: 'kilogram', name: 'Kanelbulle, stor' });
    const back = await patch(bun.id, { unit: 'piece' });
    expect(back.json<{ product: ProductView }>().product.unit).toBe('piece');
  });

  it('keeps the unit valid in the database itself: the default is piece, other values are refused', async () => {
    const id = '00000000-0000-4000-8000-00000000a001';
    await tdb.database.db.execute(sql`
      insert into products (tenant_id, id, article_number, name, kind, vat_category, active, created_at, updated_at)
      values (${tenantId}, ${id}, 'RAW-1', 'Rå rad', 'good', 'food', true, now(), now())`);
    expect(
      await selectRows<{ unit: string }>(
        tdb.database.db,
        sql`select unit from products where tenant_id = ${tenantId} and id = ${id}`,
      ),
    ).toEqual([{ unit: 'piece' }]);
    // Drizzle wraps the driver's error: the constraint is named in its cause.
    const failure = (query: ReturnType<typeof sql>) =>
      tdb.database.db.execute(query).then(
        () => 'no error',
        (error: Error) => String((error.cause as Error | undefined)?.message),
      );
    expect(
      await failure(
        sql`update products set unit = 'gram' where tenant_id = ${tenantId} and id = ${id}`,
      ),
    ).toMatch(/products_unit/);
    expect(
      await failure(
        sql`update products set unit = null where tenant_id = ${tenantId} and id = ${id}`,
      ),
    ).toMatch(/null/);
    expect(
      await selectRows<{ unit: string }>(
        tdb.database.db,
        sql`select unit from products where tenant_id = ${tenantId} and id = ${id}`,
      ),
    ).toEqual([{ unit: 'piece' }]);
  });

  it('imports the enhet column: st/kg and their long names in any case; anything else is a row error', async () => {
    const before = await productCount();
    const bad = [
      HEADER,
      'U-10;Potatis;;19,90;livsmedel;vara;Frukt;ja;kg',
      'U-11;Gurka;;12,00;livsmedel;vara;Frukt;ja;liter',
      'U-12;Ost;;159,00;livsmedel;vara;Mejeri;ja;g',
      'U-13;Bröd;;35,00;livsmedel;vara;Bröd;ja;constructor',
      'U-14;Kaffe;;45,00;livsmedel;vara;Dryck;ja;st',
    ].join('\n');
    const refused = await post('/api/products/import', { csv: bad });
    expect(refused.statusCode).toBe(400);
    const body = refused.json<ErrorView>();
    expect(body.error.code).toBe('import-has-errors');
    const errors = body.error.details?.errors ?? [];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'enhet', 'unit-invalid'],
      [4, 'enhet', 'unit-invalid'],
      [5, 'enhet', 'unit-invalid'],
    ]);
    expect(errors[0]?.sv).toBe(
      'Enheten ska vara st (styck) eller kg (pris per kilo), eller lämnas tom.',
    );
    expect(errors[0]?.en).toContain('kg');
    expect(await productCount()).toBe(before);

    const good = [
      HEADER,
      'U-10;Potatis;;19,90;livsmedel;vara;Frukt;ja;kg',
      'U-11;Gurka;;12,00;livsmedel;vara;Frukt;ja;ST',
      'U-12;Ost;;159,00;livsmedel;vara;Mejeri;ja;Kilo',
      'U-13;Bröd;;35,00;livsmedel;vara;Bröd;ja;Styck',
      'U-14;Kaffe;;45,00;livsmedel;vara;Dryck;ja;piece',
      'U-15;Räkor;;249,00;livsmedel;vara;Fisk;ja;KILOGRAM',
      'U-16;Tidning;;45,00;reducerad;vara;;ja;',
    ].join('\n');
    const done = await post('/api/products/import', { csv: good });
    expect(done.json()).toEqual({ created: 7, updated: 0, unchanged: 0, dryRun: false });
    const units = Object.fromEntries(
      (await list())
        .filter((p) => /^U-1\d$/.test(p.articleNumber))
        .map((p) => [p.articleNumber, p.unit]),
    );
    expect(units).toEqual({
      'U-10': 'kilogram',
      'U-11': 'piece',
      'U-12': 'kilogram',
      'U-13': 'piece',
      'U-14': 'piece',
      'U-15': 'kilogram',
      'U-16': 'piece', // an empty cell: new articles are sold by the piece
    });
    expect(await byNumber('U-12')).toMatchObject({ priceOre: 15900 });

    // The same file again changes nothing; a changed unit is an update.
    const again = await post('/api/products/import', { csv: good });
    expect(again.json()).toEqual({ created: 0, updated: 0, unchanged: 7, dryRun: false });
    const switched = await post('/api/products/import', {
      csv: [HEADER, 'U-10;Potatis;;19,90;livsmedel;vara;Frukt;ja;st'].join('\n'),
    });
    expect(switched.json()).toEqual({ created: 0, updated: 1, unchanged: 0, dryRun: false });
    expect((await byNumber('U-10')).unit).toBe('piece');
  });

  it('keeps the unit of existing articles when the file has no enhet column or leaves it empty', async () => {
    const old = [
      'artikelnummer;namn;streckkoder;pris;moms;typ;grupp;aktiv',
      'U-12;Ost;;159,00;livsmedel;vara;Mejeri;ja',
      'U-20;Morot;;14,90;livsmedel;vara;Frukt;ja',
    ].join('\n');
    const imported = await post('/api/products/import', { csv: old });
    expect(imported.json()).toEqual({ created: 1, updated: 0, unchanged: 1, dryRun: false });
    expect((await byNumber('U-12')).unit).toBe('kilogram');
    expect((await byNumber('U-20')).unit).toBe('piece');

    const empty = [HEADER, 'U-15;Räkor;;259,00;livsmedel;vara;Fisk;ja;'].join('\n');
    expect((await post('/api/products/import', { csv: empty })).json()).toEqual({
      created: 0,
      updated: 1,
      unchanged: 0,
      dryRun: false,
    });
    expect(await byNumber('U-15')).toMatchObject({ unit: 'kilogram', priceOre: 25900 });
  });

  it("gives the unit to the register's catalogue pull", async () => {
    const catalogue = await pullCatalogue(app, admin, 'V1', clock.now().getTime());
    expect(catalogue.statusCode).toBe(200);
    const products = catalogue.json<{ products: ProductView[] }>().products;
    expect(products.find((p) => p.articleNumber === 'U-2')).toMatchObject({
      name: 'Lösgodis',
      unit: 'kilogram',
      priceOre: 12900,
    });
    expect(products.find((p) => p.articleNumber === 'U-1')?.unit).toBe('piece');
    expect(products.find((p) => p.articleNumber === 'RAW-1')?.unit).toBe('piece');
    expect(products.every((p) => p.unit === 'piece' || p.unit === 'kilogram')).toBe(true);
  });
});
